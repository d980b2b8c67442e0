/**
 * The importance-weighted bound of Burda, Grosse & Salakhutdinov (2016, eq. 8): for K draws
 * z_k ~ q(z | x) and log weights w_k = log p(x, z_k) − log q(z_k | x),
 *
 *   IWAE_K = log (1/K) Σ_k exp(w_k),   E[IWAE_K] ≤ log p(x),
 *
 * with E[IWAE_1] the ELBO, E[IWAE_K] non-decreasing in K and tending to log p(x) (their Theorem 1).
 * Computed stably by subtracting the largest weight first.
 */

/**
 * log (1/K) Σ_k exp(values[k]) over values[start, end) (K = end − start ≥ 1), in nats.
 * −Infinity when every value is −Infinity; NaN if any value is NaN. Throws on an empty range.
 */
export function logMeanExp(values: ArrayLike<number>, start = 0, end = values.length): number {
  const count = end - start;
  if (!(count >= 1)) throw new RangeError(`logMeanExp needs at least one value, got ${count}.`);
  let max = -Infinity;
  for (let i = start; i < end; i++) {
    const value = values[i]!;
    if (Number.isNaN(value)) return NaN;
    if (value > max) max = value;
  }
  if (max === -Infinity || max === Infinity) return max;
  let sum = 0;
  for (let i = start; i < end; i++) sum += Math.exp(values[i]! - max);
  return max + Math.log(sum / count);
}

/**
 * IWAE_K of each of `rows` digits from their log weights, row-major `rows × k` (nats). Row r's
 * estimate uses logWeights[r·k, (r+1)·k).
 */
export function iwaeRows(logWeights: ArrayLike<number>, k: number): Float64Array {
  if (!(Number.isInteger(k) && k >= 1)) throw new RangeError(`k must be a whole number ≥ 1, got ${k}.`);
  if (logWeights.length % k !== 0)
    throw new RangeError(`${logWeights.length} log weights do not split into rows of k = ${k}.`);
  const rows = logWeights.length / k;
  return Float64Array.from({ length: rows }, (_, r) => logMeanExp(logWeights, r * k, (r + 1) * k));
}
