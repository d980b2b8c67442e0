import {
  estimatorVariances,
  exactElboGradient,
  gradientSampler,
  type ElboGradient,
  type EstimatorVariances,
  type GradientEstimates,
} from "../../lib/elbo-gradients";
import { createRandom } from "../../lib/random";
import { drawAll, drawAllInSlices } from "../../lib/sampler";
import { approximationOf, modelOf, type LinearGaussianState } from "../elbo/spec";

export interface GradientResults {
  readonly exact: ElboGradient;
  readonly estimates: GradientEstimates;
  readonly variances: EstimatorVariances;
}

function closedForms(state: LinearGaussianState) {
  const model = modelOf(state);
  const q = approximationOf(state);
  return { exact: exactElboGradient(model, state.x, q), variances: estimatorVariances(model, state.x, q) };
}

const samplerFor = (state: LinearGaussianState) =>
  gradientSampler(modelOf(state), state.x, approximationOf(state), createRandom(state.seed));

/** The exact gradient, both estimates from the same seeded draws, and the exact per-sample variances. */
export function gradientResults(state: LinearGaussianState): GradientResults {
  return { ...closedForms(state), estimates: drawAll(samplerFor(state), state.n) };
}

/** The same numbers in the browser, with the draws in time slices that a newer state can abort. */
export async function gradientResultsInSlices(
  state: LinearGaussianState,
  signal: AbortSignal,
): Promise<GradientResults> {
  const exact = closedForms(state);
  return { ...exact, estimates: await drawAllInSlices(samplerFor(state), state.n, { signal }) };
}

/** Every output of the widget by name, in one place for the shell and the element. */
export function gradientOutputs({ exact, estimates, variances }: GradientResults): Record<string, number> {
  const { score, reparam } = estimates;
  return {
    grad_qm: exact.qm,
    grad_qs: exact.qs,
    score_qm: score.qm.mean,
    score_qm_se: score.qm.standardError,
    score_qs: score.qs.mean,
    score_qs_se: score.qs.standardError,
    reparam_qm: reparam.qm.mean,
    reparam_qm_se: reparam.qm.standardError,
    reparam_qs: reparam.qs.mean,
    reparam_qs_se: reparam.qs.standardError,
    score_var_qm: score.qm.variance,
    score_var_qs: score.qs.variance,
    reparam_var_qm: reparam.qm.variance,
    reparam_var_qs: reparam.qs.variance,
    score_var_qm_exact: variances.score.qm,
    score_var_qs_exact: variances.score.qs,
    reparam_var_qm_exact: variances.reparam.qm,
    reparam_var_qs_exact: variances.reparam.qs,
  };
}
