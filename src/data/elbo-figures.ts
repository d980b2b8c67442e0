/**
 * The numbers the ELBO chapter quotes about the importance-weighted bound, computed at build time
 * with src/lib on one fixed example of the chapter's linear-Gaussian model, so prose and widget agree.
 */
import { elboTerms, logEvidence, logImportanceWeights, type Normal1D } from "../lib/elbo";
import { iwaeSampler } from "../lib/iwae";
import { createRandom } from "../lib/random";
import { drawAll } from "../lib/sampler";

/** The example: x = 1.5 under w = 1.5, b = 0, s = 0.8, with q set to the prior N(0, 1). */
const model = { w: 1.5, b: 0, s: 0.8 };
const x = 1.5;
const q: Normal1D = { mean: 0, sd: 1 };
/** Estimates per K and the seed of their draws. */
const ESTIMATES = 20_000;
const SEED = 1;

const logPx = logEvidence(model, x);
const elbo = elboTerms(model, x, q).elbo;

export const elboFigures = {
  example: { x, ...model, qm: q.mean, qs: q.sd, estimates: ESTIMATES, seed: SEED },
  logPx,
  elbo,
  gap: logPx - elbo,
  /** IWAE_K for growing K: its mean over ESTIMATES estimates, its standard error, and the gap log p(x) − IWAE_K left. */
  iwae: [1, 10, 100, 1000].map((k) => {
    const estimate = drawAll(iwaeSampler(logImportanceWeights(model, x, q, createRandom(SEED)), k), ESTIMATES);
    return {
      k,
      mean: estimate.mean,
      standardError: estimate.standardError,
      gapLeft: logPx - estimate.mean,
    };
  }),
};
