import {
  cholesky,
  covarianceProblem,
  LinalgError,
  logDeterminantFromCholesky,
  mahalanobisSquared,
  subtract,
  type Matrix,
  type Vector,
} from "./linalg";
import type { Random } from "./random";

const LOG_TWO_PI = Math.log(2 * Math.PI);

/** A multivariate normal N(mean, covariance), factored once so that densities and draws are cheap. */
export interface Gaussian {
  readonly dimension: number;
  readonly mean: Vector;
  readonly covariance: Matrix;
  /** Lower-triangular L with L Lᵀ = covariance. */
  readonly choleskyFactor: Matrix;
  /** log |covariance|. */
  readonly logDeterminant: number;
  /** log N(x; mean, covariance) = −½ [k log 2π + log|Σ| + (x − μ)ᵀ Σ⁻¹ (x − μ)]. */
  logDensity(x: Vector): number;
  /** One draw x = μ + L z with z ~ N(0, I). */
  sample(random: Random): number[];
  /** The same draw written into `out` (length k), for loops over a million draws without allocation. */
  sampleInto(random: Random, out: Float64Array): void;
}

/** Builds N(mean, covariance); throws a LinalgError when the covariance is not positive definite. */
export function gaussian(mean: Vector, covariance: Matrix): Gaussian {
  const dimension = mean.length;
  if (covariance.length !== dimension || covariance.some((row) => row.length !== dimension)) {
    throw new LinalgError(`a mean of length ${dimension} needs a ${dimension}×${dimension} covariance`);
  }
  const problem = covarianceProblem(covariance);
  if (problem) throw new LinalgError(`the covariance is not valid: ${problem}`);
  const factor = cholesky(covariance);
  const logDeterminant = logDeterminantFromCholesky(factor);
  const flatFactor = Float64Array.from(factor.flat());
  const z = new Float64Array(dimension);
  const sampleInto = (random: Random, out: Float64Array): void => {
    for (let i = 0; i < dimension; i++) z[i] = random.normal();
    for (let i = 0; i < dimension; i++) {
      let value = mean[i] as number;
      for (let p = 0; p <= i; p++) value += (flatFactor[i * dimension + p] as number) * (z[p] as number);
      out[i] = value;
    }
  };
  return {
    dimension,
    mean,
    covariance,
    choleskyFactor: factor,
    logDeterminant,
    logDensity(x) {
      return -0.5 * (dimension * LOG_TWO_PI + logDeterminant + mahalanobisSquared(factor, subtract(x, mean)));
    },
    sample(random) {
      const out = new Float64Array(dimension);
      sampleInto(random, out);
      return Array.from(out);
    },
    sampleInto,
  };
}

/** log N(x; mean, covariance). */
export function gaussianLogDensity(x: Vector, mean: Vector, covariance: Matrix): number {
  return gaussian(mean, covariance).logDensity(x);
}
