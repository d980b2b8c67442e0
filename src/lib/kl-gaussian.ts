import type { Gaussian } from "./gaussian";
import { frobeniusSquared, LinalgError, mahalanobisSquared, solveLowerMatrix, subtract } from "./linalg";
import { monteCarloMean, type MonteCarloEstimate, type MonteCarloOptions } from "./monte-carlo";
import type { Random } from "./random";

/**
 * D_KL(N(μ1, Σ1) ‖ N(μ2, Σ2)) = ½ [log(|Σ2|/|Σ1|) − k + tr(Σ2⁻¹Σ1) + (μ2 − μ1)ᵀ Σ2⁻¹ (μ2 − μ1)],
 * with each bracketed term kept so that a page can show them one by one.
 */
export interface GaussianKl {
  readonly value: number;
  readonly dimension: number;
  /** log |Σ2| − log |Σ1|. */
  readonly logDeterminantRatio: number;
  /** tr(Σ2⁻¹ Σ1). */
  readonly traceTerm: number;
  /** (μ2 − μ1)ᵀ Σ2⁻¹ (μ2 − μ1). */
  readonly meanTerm: number;
}

function sameDimension(p: Gaussian, q: Gaussian): void {
  if (p.dimension !== q.dimension) {
    throw new LinalgError(`both normals need the same dimension, got ${p.dimension} and ${q.dimension}`);
  }
}

/**
 * The closed form. With Σ1 = L1 L1ᵀ and Σ2 = L2 L2ᵀ, tr(Σ2⁻¹Σ1) = ‖L2⁻¹L1‖²_F and the mean term
 * is ‖L2⁻¹(μ2 − μ1)‖², so only triangular solves are needed and both stay non-negative.
 */
export function klGaussian(p: Gaussian, q: Gaussian): GaussianKl {
  sameDimension(p, q);
  const dimension = p.dimension;
  const logDeterminantRatio = q.logDeterminant - p.logDeterminant;
  const traceTerm = frobeniusSquared(solveLowerMatrix(q.choleskyFactor, p.choleskyFactor));
  const meanTerm = mahalanobisSquared(q.choleskyFactor, subtract(q.mean, p.mean));
  const value = 0.5 * (logDeterminantRatio - dimension + traceTerm + meanTerm);
  // Rounding can leave −1e-16 when p = q; the divergence itself is never negative.
  return { value: Math.max(0, value), dimension, logDeterminantRatio, traceTerm, meanTerm };
}

/**
 * A drawer of log p(x) − log q(x) for x ~ p, the integrand of D_KL(p‖q) = E_p[log p(x) − log q(x)].
 * With x = μ1 + L1 z, log p(x) = const − ½ log|Σ1| − ½ zᵀz; log q(x) needs one triangular solve.
 * The shared −(k/2) log 2π cancels and is left out. Flat typed arrays keep a million draws fast.
 */
export function logRatioDrawer(p: Gaussian, q: Gaussian, random: Random): () => number {
  sameDimension(p, q);
  const k = p.dimension;
  const l1 = Float64Array.from(p.choleskyFactor.flat());
  const l2 = Float64Array.from(q.choleskyFactor.flat());
  const shift = Float64Array.from(subtract(p.mean, q.mean));
  const constant = 0.5 * (q.logDeterminant - p.logDeterminant);
  const z = new Float64Array(k);
  const centred = new Float64Array(k);
  const solved = new Float64Array(k);
  return () => {
    let zz = 0;
    for (let i = 0; i < k; i++) {
      const value = random.normal();
      z[i] = value;
      zz += value * value;
    }
    // centred = x − μ2 = (μ1 − μ2) + L1 z
    for (let i = 0; i < k; i++) {
      let sum = shift[i] as number;
      for (let j = 0; j <= i; j++) sum += (l1[i * k + j] as number) * (z[j] as number);
      centred[i] = sum;
    }
    let mahalanobis = 0;
    for (let i = 0; i < k; i++) {
      let sum = centred[i] as number;
      for (let j = 0; j < i; j++) sum -= (l2[i * k + j] as number) * (solved[j] as number);
      const value = sum / (l2[i * k + i] as number);
      solved[i] = value;
      mahalanobis += value * value;
    }
    return constant - 0.5 * zz + 0.5 * mahalanobis;
  };
}

/** The Monte Carlo estimate of D_KL(p‖q) from n draws of p, with its standard error and its path in n. */
export function klGaussianMonteCarlo(
  p: Gaussian,
  q: Gaussian,
  n: number,
  random: Random,
  options?: MonteCarloOptions,
): Promise<MonteCarloEstimate> {
  return monteCarloMean(logRatioDrawer(p, q, random), n, options);
}

/** The difference between the closed form and an estimate, in standard errors (for a reader's check). */
export function standardScore(
  exact: number,
  estimate: { readonly mean: number; readonly standardError: number },
): number {
  return (estimate.mean - exact) / estimate.standardError;
}
