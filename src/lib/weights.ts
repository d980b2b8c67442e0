import { binaryParts, logOfParts, scaleByPowerOfTwo } from "./binary";

/**
 * Turns non-negative weights into probabilities by dividing by their total. Widgets take weights
 * rather than probabilities so that "1,1,1,1,1,1" means a fair die; the contract (rule 5) asks
 * for a visible note whenever the total is not 1, which `wasNormalised` reports.
 */
export interface NormalisedWeights {
  readonly probabilities: number[];
  /** Σ w_i as given (Infinity when it is beyond the largest double, which the probabilities are not affected by). */
  readonly total: number;
  /** ln Σ w_i, finite for any positive total (the total itself may overflow). */
  readonly logTotal: number;
  /** True when the total differs from 1 by more than rounding, so the reader should be told. */
  readonly wasNormalised: boolean;
}

/** Tolerance for "the weights already sum to 1": typed decimals such as 0.1 + 0.2 + 0.7 are not exact. */
const SUM_TOLERANCE = 1e-9;

/**
 * p_i = w_i / Σ_j w_j for non-negative finite weights (any scale: 1e308s do not overflow the total,
 * subnormals keep their digits). Undefined when a weight is negative or not finite, or all are zero.
 */
export function normaliseWeights(weights: readonly number[]): NormalisedWeights | undefined {
  if (weights.some((w) => !Number.isFinite(w) || w < 0)) return undefined;
  const largest = Math.max(0, ...weights);
  if (!(largest > 0)) return undefined;
  // Scaling by a power of two is exact: the largest weight becomes [1, 2), the sum at most 2n.
  const [, exponent] = binaryParts(largest);
  const scaled = weights.map((w) => scaleByPowerOfTwo(w, -exponent));
  const scaledTotal = scaled.reduce((sum, w) => sum + w, 0);
  const total = scaleByPowerOfTwo(scaledTotal, exponent);
  return {
    probabilities: scaled.map((w) => w / scaledTotal),
    total,
    logTotal: logOfParts(scaledTotal, exponent),
    wasNormalised: Math.abs(total - 1) > SUM_TOLERANCE,
  };
}

/**
 * Sets entry `index` of a distribution to `target` (0–1) and rescales the others to share 1 − target
 * in their old proportions, or equally when they were all 0: dragging one bar of a distribution.
 */
export function withProbability(probabilities: readonly number[], index: number, target: number): number[] {
  const value = Math.min(1, Math.max(0, target));
  const rest = probabilities.reduce((sum, p, i) => (i === index ? sum : sum + p), 0);
  const others = probabilities.length - 1;
  return probabilities.map((p, i) => {
    if (i === index) return value;
    // p / rest first: with subnormal weights, p · (1 − value) would lose the digits the ratio keeps.
    return rest > 0 ? (p / rest) * (1 - value) : others > 0 ? (1 - value) / others : 0;
  });
}

/**
 * Rounds a distribution to `decimals` places for a readable URL while keeping its sum exactly 1
 * (to rounding of the sum itself): entry `keep` absorbs the residual, so it is the one that moves;
 * when it cannot (it would go below 0), the largest entry does.
 */
export function roundDistribution(probabilities: readonly number[], keep: number, decimals = 4): number[] {
  const scale = 10 ** decimals;
  const rounded = probabilities.map((p) => Math.round(p * scale) / scale);
  const others = rounded.reduce((sum, p, i) => (i === keep ? sum : sum + p), 0);
  const kept = Math.round((1 - others) * scale) / scale;
  if (kept >= 0) {
    rounded[keep] = kept;
    return rounded;
  }
  rounded[keep] = 0;
  const largest = rounded.indexOf(Math.max(...rounded));
  const rest = rounded.reduce((sum, p, i) => (i === largest ? sum : sum + p), 0);
  rounded[largest] = Math.round((1 - rest) * scale) / scale;
  return rounded;
}
