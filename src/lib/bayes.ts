/**
 * Bayes' theorem over a partition of hypotheses H_1 … H_n (mutually exclusive, together certain):
 * joint P(E, H_i) = P(E | H_i) P(H_i), evidence P(E) = Σ_i P(E | H_i) P(H_i) by total
 * probability, posterior P(H_i | E) = P(E, H_i) / P(E).
 */
import { binaryParts, logOfParts, scaleByPowerOfTwo } from "./binary";

/** P(E, H_i) = P(E | H_i) P(H_i) for each hypothesis (as doubles: a product below ~5e-324 is 0). */
export function jointProbabilities(prior: readonly number[], likelihood: readonly number[]): number[] {
  if (prior.length !== likelihood.length) {
    throw new Error(`bayes: ${prior.length} priors for ${likelihood.length} likelihoods`);
  }
  return prior.map((p, i) => p * (likelihood[i] ?? 0));
}

/** The theorem of total probability: P(E) = Σ_i P(E | H_i) P(H_i) (as a double; see bayesUpdate's logEvidence). */
export function totalProbability(prior: readonly number[], likelihood: readonly number[]): number {
  return jointProbabilities(prior, likelihood).reduce((sum, joint) => sum + joint, 0);
}

export interface BayesUpdate {
  /** P(E, H_i), as doubles: 0 or subnormal where the product is below the doubles' range. */
  readonly joint: number[];
  /** ln P(E, H_i): finite whenever P(E, H_i) > 0, however small; −∞ where it is 0. */
  readonly logJoint: number[];
  /** P(E), as a double: 0 or subnormal when it is below the doubles' range (logEvidence holds it). */
  readonly evidence: number;
  /** ln P(E): finite whenever P(E) > 0. */
  readonly logEvidence: number;
  /** P(H_i | E), to a few units in the last place even when the joints are far below the doubles' range. */
  readonly posterior: number[];
}

/**
 * Bayes' theorem with total probability in the denominator. Each joint is kept as m · 2^e
 * (m in [1, 4)) and scaled by the largest one's power of two before summing, so priors and
 * likelihoods as small as 5e-324 give the exact posterior where the plain products would
 * underflow to 0. Undefined when P(E) = 0 exactly: evidence that no hypothesis allows cannot be
 * conditioned on. Throws when the lengths differ.
 */
export function bayesUpdate(prior: readonly number[], likelihood: readonly number[]): BayesUpdate | undefined {
  const joint = jointProbabilities(prior, likelihood);
  const parts = prior.map((p, i) => {
    const l = likelihood[i] ?? 0;
    if (!(p > 0 && l > 0)) return undefined;
    const [pm, pe] = binaryParts(p);
    const [lm, le] = binaryParts(l);
    return { mantissa: pm * lm, exponent: pe + le };
  });
  const top = Math.max(...parts.map((part) => part?.exponent ?? -Infinity));
  if (top === -Infinity) return undefined;
  // Relative to the largest joint: every term in (0, 4], the sum in [1, 4n).
  const scaled = parts.map((part) => (part ? scaleByPowerOfTwo(part.mantissa, part.exponent - top) : 0));
  const sum = scaled.reduce((total, value) => total + value, 0);
  return {
    joint,
    logJoint: parts.map((part) => (part ? logOfParts(part.mantissa, part.exponent) : -Infinity)),
    evidence: scaleByPowerOfTwo(sum, top),
    logEvidence: logOfParts(sum, top),
    // m_i / sum first, in the normal range, then one scaling: a single rounding even for subnormal results.
    posterior: parts.map((part) => (part ? scaleByPowerOfTwo(part.mantissa / sum, part.exponent - top) : 0)),
  };
}
