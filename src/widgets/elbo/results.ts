import {
  elboTerms,
  monteCarloElbo,
  truePosterior,
  type ElboMonteCarlo,
  type ElboTerms,
  type Normal1D,
} from "../../lib/elbo";
import { createRandom } from "../../lib/random";
import { approximationOf, modelOf, type LinearGaussianState } from "./spec";

export interface ElboResults {
  readonly state: LinearGaussianState;
  readonly posterior: Normal1D;
  readonly terms: ElboTerms;
  readonly mc: ElboMonteCarlo;
  /** log p(x) − (ELBO + gap), each side computed on its own: rounding error only. */
  readonly identityResidual: number;
}

/** Everything the elbo widget and the chapter's step checks show, for one state; the same on server and client. */
export function elboResults(state: LinearGaussianState): ElboResults {
  const model = modelOf(state);
  const q = approximationOf(state);
  const terms = elboTerms(model, state.x, q);
  return {
    state,
    posterior: truePosterior(model, state.x),
    terms,
    mc: monteCarloElbo(model, state.x, q, state.n, createRandom(state.seed)),
    identityResidual: terms.logPx - (terms.elbo + terms.klGap),
  };
}

/** The chapter's checks follow the elbo widget through this event, dispatched after every render. */
export const ELBO_STATE_EVENT = "elbo-state";
/** A check that connects late asks the widget to repeat its state. */
export const ELBO_STATE_REQUEST = "elbo-state-request";

/** The detail of ELBO_STATE_EVENT: the results, or null while the widget shows a bad-input alert. */
export type ElboStateDetail = ElboResults | null;
