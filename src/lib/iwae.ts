/**
 * The importance-weighted bound of Burda, Grosse & Salakhutdinov (2016, "Importance Weighted
 * Autoencoders", §3): with z₁ … z_K drawn independently from q(z | x),
 *
 *   IWAE_K = E[ log (1/K) Σₖ p(x, zₖ) / q(zₖ | x) ] ≤ log p(x),
 *
 * by Jensen's inequality, since the average inside is an unbiased estimate of p(x). IWAE_1 is the
 * ELBO, IWAE_K never decreases with K (their Theorem 1), and it tends to log p(x) as K grows when
 * p(x, z)/q(z | x) is bounded. This file knows nothing of any particular model: it takes a source of
 * log importance weights log p(x, z) − log q(z | x) with z ~ q.
 */
import { RunningMean, type MeanEstimate } from "./running-mean";
import type { Sampler } from "./sampler";

/**
 * log((1/K) Σ exp(vₖ)) computed as m + log((1/K) Σ exp(vₖ − m)) with m the largest vₖ, so that log
 * weights of −1000 nats (a digit's log p(x, z)) neither underflow nor lose precision.
 * Throws on an empty list or a NaN; returns −Infinity when every value is −Infinity.
 */
export function logMeanExp(values: ArrayLike<number>): number {
  const count = values.length;
  if (count === 0) throw new RangeError("logMeanExp needs at least one value.");
  let peak = -Infinity;
  for (let i = 0; i < count; i++) {
    const value = values[i] as number;
    if (Number.isNaN(value)) throw new RangeError(`logMeanExp got NaN at index ${i}.`);
    if (value > peak) peak = value;
  }
  if (peak === -Infinity) return -Infinity;
  if (peak === Infinity) return Infinity;
  let sum = 0;
  for (let i = 0; i < count; i++) sum += Math.exp((values[i] as number) - peak);
  return peak + Math.log(sum / count);
}

/** Checks K, the importance samples per estimate: an integer of at least 1. */
export function checkImportanceSamples(k: number): void {
  if (!(Number.isInteger(k) && k >= 1)) {
    throw new RangeError(`k (importance samples) must be a positive integer, got ${String(k)}.`);
  }
}

/**
 * Monte Carlo estimate of IWAE_K: each draw takes K log weights from `drawLogWeight` (one fresh
 * z ~ q each) and adds log (1/K) Σ exp(log weight) to a running mean, so the result is the mean of
 * the independent single estimates with its standard error. With K = 1 each draw is one ELBO
 * integrand, so the estimate is the Monte Carlo ELBO from the same random stream.
 */
export function iwaeSampler(drawLogWeight: () => number, k: number): Sampler<MeanEstimate> {
  checkImportanceSamples(k);
  const weights = new Float64Array(k);
  const estimates = new RunningMean();
  return {
    draw() {
      for (let j = 0; j < k; j++) weights[j] = drawLogWeight();
      estimates.add(logMeanExp(weights));
    },
    result: () => estimates.estimate(),
  };
}

/**
 * IWAE_k of each of `rows` digits from their log weights, row-major `rows × k` (nats): row r's
 * estimate is logMeanExp of logWeights[r·k, (r+1)·k). Throws on a bad k or a length not a multiple of k.
 */
export function iwaeRows(logWeights: Float64Array, k: number): Float64Array {
  checkImportanceSamples(k);
  if (logWeights.length % k !== 0)
    throw new RangeError(`${logWeights.length} log weights do not split into rows of k = ${k}.`);
  return Float64Array.from({ length: logWeights.length / k }, (_, r) =>
    logMeanExp(logWeights.subarray(r * k, (r + 1) * k)),
  );
}
