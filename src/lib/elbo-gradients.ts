/**
 * Two unbiased estimates of the gradient of the same objective, the ELBO of the linear-Gaussian
 * model (see elbo.ts), with respect to the parameters of q = N(qm, qs²):
 *
 * - score function (REINFORCE; Williams 1992): mean of f(z)·∇ log q(z), with z drawn from q;
 * - reparameterisation (Kingma & Welling 2013, §2.4): z = qm + qs·ε, mean of ∇ f(qm + qs·ε),
 *
 * where f(z) = log p(x | z) + log p(z) − log q(z) is the ELBO integrand. Both use the same draws ε
 * from the injected random source, so the difference in their spread is the estimators' alone.
 */
import {
  checkApproximation,
  checkModel,
  checkResult,
  checkSampleCount,
  logEvidence,
  truePosterior,
  type LinearGaussianModel,
  type Normal1D,
} from "./elbo";
import type { Random } from "./random";
import { RunningMean, type MeanEstimate } from "./running-mean";
import { drawAll, type Sampler } from "./sampler";

/** ∂ELBO/∂qm and ∂ELBO/∂qs. */
export interface ElboGradient {
  readonly qm: number;
  readonly qs: number;
}

export interface GradientEstimate {
  readonly qm: MeanEstimate;
  readonly qs: MeanEstimate;
}

export interface GradientEstimates {
  readonly score: GradientEstimate;
  readonly reparam: GradientEstimate;
}

/** The variance of one sample of each estimator, in closed form. */
export interface EstimatorVariances {
  readonly score: ElboGradient;
  readonly reparam: ElboGradient;
}

/**
 * With P = 1/vp the posterior precision and mp the posterior mean, the ELBO is
 * −½P((qm − mp)² + qs²) + log qs + const, so ∂/∂qm = −P(qm − mp) and ∂/∂qs = −P·qs + 1/qs.
 */
export function exactElboGradient(model: LinearGaussianModel, x: number, q: Normal1D): ElboGradient {
  checkApproximation(q);
  const posterior = truePosterior(model, x);
  const precision = 1 / (posterior.sd * posterior.sd);
  return {
    qm: checkResult("∂ELBO/∂qm", -precision * (q.mean - posterior.mean)),
    qs: checkResult("∂ELBO/∂qs", -precision * q.sd + 1 / q.sd),
  };
}

/**
 * The ELBO integrand as a quadratic in ε: f = a + c₁ε + c₂ε², because
 * f = log p(x) + log p(z | x) − log q(z) and both log densities are quadratic in z = qm + qs·ε.
 */
function integrandCoefficients(model: LinearGaussianModel, x: number, q: Normal1D): [number, number, number] {
  const posterior = truePosterior(model, x);
  const ratio = q.sd / posterior.sd;
  const shift = (q.mean - posterior.mean) / posterior.sd;
  const constant = logEvidence(model, x) + Math.log(ratio) - 0.5 * shift * shift;
  return [constant, -shift * ratio, 0.5 * (1 - ratio * ratio)];
}

/**
 * Exact per-sample variances, from the moments of ε ~ N(0, 1) (E ε^2k = (2k − 1)!!):
 * score qm-sample f·ε/qs, score qs-sample f·(ε² − 1)/qs, reparameterised
 * qm-sample −P(z − mp) and qs-sample −P(z − mp)·ε + 1/qs.
 */
export function estimatorVariances(model: LinearGaussianModel, x: number, q: Normal1D): EstimatorVariances {
  checkApproximation(q);
  const [a, b, c] = integrandCoefficients(model, x, q);
  const exact = exactElboGradient(model, x, q);
  const posterior = truePosterior(model, x);
  const precision = 1 / (posterior.sd * posterior.sd);
  const evenPart = b * b + 2 * a * c;
  const scoreQm = (a * a + 3 * evenPart + 15 * c * c) / (q.sd * q.sd) - exact.qm * exact.qm;
  const scoreQs = (2 * a * a + 10 * evenPart + 78 * c * c) / (q.sd * q.sd) - exact.qs * exact.qs;
  const offset = q.mean - posterior.mean;
  return {
    score: {
      qm: checkResult("The score-function variance", scoreQm),
      qs: checkResult("The score-function variance", scoreQs),
    },
    reparam: {
      qm: checkResult("The reparameterisation variance", precision * precision * q.sd * q.sd),
      qs: checkResult("The reparameterisation variance", precision * precision * (offset * offset + 2 * q.sd * q.sd)),
    },
  };
}

/** Both estimators, fed by the same draws. */
export function gradientSampler(
  model: LinearGaussianModel,
  x: number,
  q: Normal1D,
  random: Random,
): Sampler<GradientEstimates> {
  checkModel(model, x);
  checkApproximation(q);
  const { w, b, s } = model;
  const logQConstant = -0.5 * Math.log(2 * Math.PI) - Math.log(q.sd);
  const scoreQm = new RunningMean();
  const scoreQs = new RunningMean();
  const reparamQm = new RunningMean();
  const reparamQs = new RunningMean();
  return {
    draw() {
      const epsilon = random.normal();
      const z = q.mean + q.sd * epsilon;
      const residual = (x - w * z - b) / s;
      const logJoint = -Math.log(2 * Math.PI) - Math.log(s) - 0.5 * residual * residual - 0.5 * z * z;
      const integrand = logJoint - (logQConstant - 0.5 * epsilon * epsilon);
      // ∇ log q at z: ∂/∂qm = ε/qs, ∂/∂qs = (ε² − 1)/qs.
      scoreQm.add((integrand * epsilon) / q.sd);
      scoreQs.add((integrand * (epsilon * epsilon - 1)) / q.sd);
      // d/dz log p(x, z) = w·residual/s − z; log q(qm + qs·ε) = −log qs + terms in ε alone.
      const slope = (w * residual) / s - z;
      reparamQm.add(slope);
      reparamQs.add(slope * epsilon + 1 / q.sd);
    },
    result() {
      const estimates: GradientEstimates = {
        score: { qm: scoreQm.estimate(), qs: scoreQs.estimate() },
        reparam: { qm: reparamQm.estimate(), qs: reparamQs.estimate() },
      };
      for (const estimate of [estimates.score.qm, estimates.score.qs, estimates.reparam.qm, estimates.reparam.qs]) {
        checkResult("A gradient estimate", estimate.mean);
      }
      return estimates;
    },
  };
}

/** Both estimators from the same n draws, in one loop. */
export function estimateElboGradients(
  model: LinearGaussianModel,
  x: number,
  q: Normal1D,
  n: number,
  random: Random,
): GradientEstimates {
  checkSampleCount(n);
  return drawAll(gradientSampler(model, x, q, random), n);
}
