/**
 * The evidence lower bound of the one-dimensional linear-Gaussian model of the widget contract,
 * where every term has a closed form:
 *
 *   prior        z ~ N(0, 1)
 *   decoder      x | z ~ N(w·z + b, s²)
 *   approximation q(z | x) = N(qm, qs²)
 *
 * so that log p(x) = ELBO + D_KL(q(z | x) ‖ p(z | x)) can be checked to machine precision, each
 * side computed on its own. The Monte Carlo estimates draw from the injected random source.
 */
import type { Random } from "./random";
import { RunningMean, type MeanEstimate } from "./running-mean";
import { drawAll, type Sampler } from "./sampler";

export interface LinearGaussianModel {
  /** Decoder weight: the mean of x given z is w·z + b. */
  readonly w: number;
  readonly b: number;
  /** Decoder standard deviation, > 0. */
  readonly s: number;
}

/** A one-dimensional normal distribution by its mean and standard deviation. */
export interface Normal1D {
  readonly mean: number;
  readonly sd: number;
}

export interface ElboTerms {
  /** log p(x) = log N(x; b, w² + s²), the evidence. */
  readonly logPx: number;
  /** recon − klPrior. */
  readonly elbo: number;
  /** E_q[log p(x | z)]. */
  readonly recon: number;
  /** D_KL(q(z | x) ‖ p(z)) with p(z) = N(0, 1). */
  readonly klPrior: number;
  /** D_KL(q(z | x) ‖ p(z | x)), the gap between the evidence and the bound. */
  readonly klGap: number;
}

export interface ElboMonteCarlo {
  readonly elbo: MeanEstimate;
  readonly recon: MeanEstimate;
  readonly klPrior: MeanEstimate;
  readonly klGap: MeanEstimate;
}

const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

function requireFinite(name: string, value: number): void {
  if (!Number.isFinite(value)) throw new RangeError(`${name} must be a finite number, got ${String(value)}.`);
}

function requirePositive(name: string, value: number): void {
  if (!(Number.isFinite(value) && value > 0)) {
    throw new RangeError(`${name} must be a positive finite number (a standard deviation), got ${String(value)}.`);
  }
}

/** Results that overflow double precision get a message instead of an Infinity or NaN that would mislead. */
export function checkResult(name: string, value: number): number {
  if (!Number.isFinite(value)) {
    throw new RangeError(
      `${name} is beyond the range of double-precision numbers for these values; move x, w, b, qm nearer 0 or s, qs nearer 1.`,
    );
  }
  return value;
}

export function checkModel(model: LinearGaussianModel, x: number): void {
  requireFinite("x", x);
  requireFinite("w", model.w);
  requireFinite("b", model.b);
  requirePositive("s", model.s);
}

export function checkApproximation(q: Normal1D): void {
  requireFinite("qm", q.mean);
  requirePositive("qs", q.sd);
}

export function checkSampleCount(n: number): void {
  if (!(Number.isInteger(n) && n >= 1)) throw new RangeError(`n must be a positive integer, got ${String(n)}.`);
}

/** log N(value; mean, sd²), with the square formed after dividing by sd so that it overflows last. */
export function logNormalDensity(value: number, mean: number, sd: number): number {
  const standardised = (value - mean) / sd;
  return -HALF_LOG_TWO_PI - Math.log(sd) - 0.5 * standardised * standardised;
}

/**
 * ratio² − 1 − 2·log(ratio) ≥ 0, the variance part of a KL between normals. Near ratio = 1 the two
 * sides cancel, so a Taylor series in u = ratio − 1 keeps full relative precision (error ~ u⁵).
 */
function varianceMismatch(ratio: number): number {
  const u = ratio - 1;
  if (Math.abs(u) < 1e-3) {
    return u * u * (2 + u * (-2 / 3 + u * (1 / 2 + u * (-2 / 5 + u * (1 / 3)))));
  }
  return u * (2 + u) - 2 * Math.log(ratio);
}

/** D_KL(N(q.mean, q.sd²) ‖ N(p.mean, p.sd²)); exactly 0 when q and p are the same numbers. */
export function klNormal1D(q: Normal1D, p: Normal1D): number {
  const ratio = q.sd / p.sd;
  const shift = (q.mean - p.mean) / p.sd;
  return 0.5 * (varianceMismatch(ratio) + shift * shift);
}

const STANDARD_NORMAL: Normal1D = { mean: 0, sd: 1 };

/**
 * The exact posterior p(z | x) = N(w(x − b)/(w² + s²), s²/(w² + s²)), from completing the square
 * in log p(x | z) + log p(z). hypot keeps w² + s² from overflowing or underflowing.
 */
export function truePosterior(model: LinearGaussianModel, x: number): Normal1D {
  checkModel(model, x);
  const { w, b, s } = model;
  const spread = Math.hypot(w, s);
  const mean = (w / spread) * ((x - b) / spread);
  const sd = s / spread;
  checkResult("The posterior mean", mean);
  if (!(sd > 0))
    throw new RangeError("The posterior standard deviation underflows to 0; make s larger or |w| smaller.");
  return { mean, sd };
}

/** log p(x) = log ∫ p(x | z) p(z) dz = log N(x; b, w² + s²). */
export function logEvidence(model: LinearGaussianModel, x: number): number {
  checkModel(model, x);
  return checkResult("log p(x)", logNormalDensity(x, model.b, Math.hypot(model.w, model.s)));
}

/**
 * log p(x) by brute force: the trapezoid rule for ∫ p(x | z) p(z) dz on `points` equally spaced z
 * across the posterior's mean ± 12 standard deviations, summed relative to the peak so nothing
 * underflows. For a smooth, fast-decaying integrand the rule converges geometrically, so a few
 * thousand points reach double precision in one dimension; in k dimensions the grid needs points^k.
 */
export function logEvidenceByQuadrature(model: LinearGaussianModel, x: number, points = 2001): number {
  checkModel(model, x);
  if (!(Number.isInteger(points) && points >= 3))
    throw new RangeError(`points must be an integer of at least 3, got ${String(points)}.`);
  const posterior = truePosterior(model, x);
  const lo = posterior.mean - 12 * posterior.sd;
  const step = (24 * posterior.sd) / (points - 1);
  const logJoint = (z: number) => logNormalDensity(x, model.w * z + model.b, model.s) + logNormalDensity(z, 0, 1);
  const peak = logJoint(posterior.mean);
  let sum = 0;
  for (let i = 0; i < points; i++) {
    const weight = i === 0 || i === points - 1 ? 0.5 : 1;
    sum += weight * Math.exp(logJoint(lo + i * step) - peak);
  }
  return checkResult("log p(x) by quadrature", peak + Math.log(sum * step));
}

/** Every term of the ELBO identity in closed form, each computed without the others. */
export function elboTerms(model: LinearGaussianModel, x: number, q: Normal1D): ElboTerms {
  checkModel(model, x);
  checkApproximation(q);
  const { w, b, s } = model;
  // E_q[(x − w z − b)²] = (x − w·qm − b)² + w²·qs²: squared error of the mean plus the spread of z.
  const residual = (x - w * q.mean - b) / s;
  const spread = (w * q.sd) / s;
  const recon = checkResult(
    "E_q[log p(x | z)]",
    -HALF_LOG_TWO_PI - Math.log(s) - 0.5 * (residual * residual + spread * spread),
  );
  const klPrior = checkResult("D_KL(q ‖ p(z))", klNormal1D(q, STANDARD_NORMAL));
  const klGap = checkResult("D_KL(q ‖ p(z | x))", klNormal1D(q, truePosterior(model, x)));
  const elbo = checkResult("The ELBO", recon - klPrior);
  return { logPx: logEvidence(model, x), elbo, recon, klPrior, klGap };
}

/** One draw z = qm + qs·ε, ε ~ N(0, 1), with the log densities the estimators need at it. */
interface QDraw {
  readonly z: number;
  readonly logLikelihood: number;
  readonly logPrior: number;
  readonly logQ: number;
}

function drawerFromQ(model: LinearGaussianModel, x: number, q: Normal1D, random: Random): () => QDraw {
  const logQConstant = -HALF_LOG_TWO_PI - Math.log(q.sd);
  return () => {
    const epsilon = random.normal();
    const z = q.mean + q.sd * epsilon;
    return {
      z,
      logQ: logQConstant - 0.5 * epsilon * epsilon,
      logLikelihood: logNormalDensity(x, model.w * z + model.b, model.s),
      logPrior: logNormalDensity(z, 0, 1),
    };
  };
}

/**
 * Monte Carlo estimates of the ELBO and its parts from draws z = qm + qs·ε, ε ~ N(0, 1): the
 * average of log p(x | z) + log p(z) − log q(z) and of its pieces, each with its standard error.
 */
export function elboSampler(
  model: LinearGaussianModel,
  x: number,
  q: Normal1D,
  random: Random,
): Sampler<ElboMonteCarlo> {
  checkModel(model, x);
  checkApproximation(q);
  const posterior = truePosterior(model, x);
  const elbo = new RunningMean();
  const recon = new RunningMean();
  const klPrior = new RunningMean();
  const klGap = new RunningMean();
  const drawFromQ = drawerFromQ(model, x, q, random);
  return {
    draw() {
      const { z, logLikelihood, logPrior, logQ } = drawFromQ();
      elbo.add(logLikelihood + logPrior - logQ);
      recon.add(logLikelihood);
      klPrior.add(logQ - logPrior);
      klGap.add(logQ - logNormalDensity(z, posterior.mean, posterior.sd));
    },
    result() {
      const estimates = {
        elbo: elbo.estimate(),
        recon: recon.estimate(),
        klPrior: klPrior.estimate(),
        klGap: klGap.estimate(),
      };
      checkResult("The Monte Carlo ELBO", estimates.elbo.mean);
      return estimates;
    },
  };
}

/**
 * The log importance weight log p(x, z) − log q(z | x) at a fresh z ~ q, one per call, for the
 * importance-weighted bound (src/lib/iwae.ts); the same arithmetic and stream as elboSampler's ELBO.
 */
export function logImportanceWeights(model: LinearGaussianModel, x: number, q: Normal1D, random: Random): () => number {
  checkModel(model, x);
  checkApproximation(q);
  const drawFromQ = drawerFromQ(model, x, q, random);
  return () => {
    const { logLikelihood, logPrior, logQ } = drawFromQ();
    return logLikelihood + logPrior - logQ;
  };
}

/** The Monte Carlo estimates from n draws, in one loop. */
export function monteCarloElbo(
  model: LinearGaussianModel,
  x: number,
  q: Normal1D,
  n: number,
  random: Random,
): ElboMonteCarlo {
  checkSampleCount(n);
  return drawAll(elboSampler(model, x, q, random), n);
}
