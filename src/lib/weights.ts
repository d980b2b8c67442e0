/**
 * Turns non-negative weights into probabilities by dividing by their total. Widgets take weights
 * rather than probabilities so that "1,1,1,1,1,1" means a fair die; the contract (rule 5) asks
 * for a visible note whenever the total is not 1, which `wasNormalised` reports.
 */
export interface NormalisedWeights {
  readonly probabilities: number[];
  readonly total: number;
  /** True when the total differs from 1 by more than rounding, so the reader should be told. */
  readonly wasNormalised: boolean;
}

/** Tolerance for "the weights already sum to 1": typed decimals such as 0.1 + 0.2 + 0.7 are not exact. */
const SUM_TOLERANCE = 1e-9;

/** Returns undefined when a weight is negative or not finite, or when all weights are zero. */
export function normaliseWeights(weights: readonly number[]): NormalisedWeights | undefined {
  if (weights.some((w) => !Number.isFinite(w) || w < 0)) return undefined;
  const total = weights.reduce((sum, w) => sum + w, 0);
  if (!(total > 0) || !Number.isFinite(total)) return undefined;
  return {
    probabilities: weights.map((w) => w / total),
    total,
    wasNormalised: Math.abs(total - 1) > SUM_TOLERANCE,
  };
}
