import {
  checkResult,
  elboSampler,
  elboTerms,
  logImportanceWeights,
  truePosterior,
  type ElboMonteCarlo,
  type ElboTerms,
  type Normal1D,
} from "../../lib/elbo";
import { iwaeSampler } from "../../lib/iwae";
import { createRandom } from "../../lib/random";
import type { MeanEstimate } from "../../lib/running-mean";
import { drawAll, drawAllInSlices } from "../../lib/sampler";
import { approximationOf, modelOf, type ElboState } from "./spec";

export interface ElboResults {
  readonly state: ElboState;
  readonly posterior: Normal1D;
  readonly terms: ElboTerms;
  readonly mc: ElboMonteCarlo;
  /** The mean of n independent IWAE_k estimates, from a stream of its own with the same seed. */
  readonly iwae: MeanEstimate;
  /** log p(x) − (ELBO + gap), each side computed on its own: rounding error only. */
  readonly identityResidual: number;
}

function closedForms(state: ElboState) {
  const model = modelOf(state);
  const terms = elboTerms(model, state.x, approximationOf(state));
  return {
    state,
    posterior: truePosterior(model, state.x),
    terms,
    identityResidual: terms.logPx - (terms.elbo + terms.klGap),
  };
}

const samplerFor = (state: ElboState) =>
  elboSampler(modelOf(state), state.x, approximationOf(state), createRandom(state.seed));

// Its own stream with the same seed: with k = 1 the IWAE estimate repeats the Monte Carlo ELBO draw for draw.
const iwaeSamplerFor = (state: ElboState) =>
  iwaeSampler(logImportanceWeights(modelOf(state), state.x, approximationOf(state), createRandom(state.seed)), state.k);

const checkedIwae = (estimate: MeanEstimate): MeanEstimate => {
  checkResult("The Monte Carlo IWAE bound", estimate.mean);
  return estimate;
};

/** Everything the elbo widget and the chapter's step checks show, for one state: on the server, in one loop. */
export function elboResults(state: ElboState): ElboResults {
  const exact = closedForms(state);
  return {
    ...exact,
    mc: drawAll(samplerFor(state), state.n),
    iwae: checkedIwae(drawAll(iwaeSamplerFor(state), state.n)),
  };
}

/** The same numbers in the browser, with the Monte Carlo draws in time slices that a newer state can abort. */
export async function elboResultsInSlices(state: ElboState, signal: AbortSignal): Promise<ElboResults> {
  const exact = closedForms(state);
  const mc = await drawAllInSlices(samplerFor(state), state.n, { signal });
  // One IWAE draw is k draws of q: check the clock k times as often.
  const checkEvery = Math.max(1, Math.floor(2048 / state.k));
  const iwae = await drawAllInSlices(iwaeSamplerFor(state), state.n, { signal, checkEvery });
  return { ...exact, mc, iwae: checkedIwae(iwae) };
}

/** The chapter's checks follow the elbo widget through this event, dispatched after every render. */
export const ELBO_STATE_EVENT = "elbo-state";
/** A check that connects late asks the widget to repeat its state. */
export const ELBO_STATE_REQUEST = "elbo-state-request";

/** The detail of ELBO_STATE_EVENT: the results, or null while the widget shows a bad-input alert. */
export type ElboStateDetail = ElboResults | null;
