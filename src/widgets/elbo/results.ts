import {
  elboSampler,
  elboTerms,
  truePosterior,
  type ElboMonteCarlo,
  type ElboTerms,
  type Normal1D,
} from "../../lib/elbo";
import { createRandom } from "../../lib/random";
import { drawAll, drawAllInSlices } from "../../lib/sampler";
import { approximationOf, modelOf, type LinearGaussianState } from "./spec";

export interface ElboResults {
  readonly state: LinearGaussianState;
  readonly posterior: Normal1D;
  readonly terms: ElboTerms;
  readonly mc: ElboMonteCarlo;
  /** log p(x) − (ELBO + gap), each side computed on its own: rounding error only. */
  readonly identityResidual: number;
}

function closedForms(state: LinearGaussianState) {
  const model = modelOf(state);
  const terms = elboTerms(model, state.x, approximationOf(state));
  return {
    state,
    posterior: truePosterior(model, state.x),
    terms,
    identityResidual: terms.logPx - (terms.elbo + terms.klGap),
  };
}

const samplerFor = (state: LinearGaussianState) =>
  elboSampler(modelOf(state), state.x, approximationOf(state), createRandom(state.seed));

/** Everything the elbo widget and the chapter's step checks show, for one state: on the server, in one loop. */
export function elboResults(state: LinearGaussianState): ElboResults {
  const exact = closedForms(state);
  return { ...exact, mc: drawAll(samplerFor(state), state.n) };
}

/** The same numbers in the browser, with the Monte Carlo draws in time slices that a newer state can abort. */
export async function elboResultsInSlices(state: LinearGaussianState, signal: AbortSignal): Promise<ElboResults> {
  const exact = closedForms(state);
  return { ...exact, mc: await drawAllInSlices(samplerFor(state), state.n, { signal }) };
}

/** The chapter's checks follow the elbo widget through this event, dispatched after every render. */
export const ELBO_STATE_EVENT = "elbo-state";
/** A check that connects late asks the widget to repeat its state. */
export const ELBO_STATE_REQUEST = "elbo-state-request";

/** The detail of ELBO_STATE_EVENT: the results, or null while the widget shows a bad-input alert. */
export type ElboStateDetail = ElboResults | null;
