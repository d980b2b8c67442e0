/**
 * Bayes' theorem over a partition of hypotheses H_1 … H_n (mutually exclusive, together certain):
 * joint P(E, H_i) = P(E | H_i) P(H_i), evidence P(E) = Σ_i P(E | H_i) P(H_i) by total
 * probability, posterior P(H_i | E) = P(E, H_i) / P(E).
 */

/** P(E, H_i) = P(E | H_i) P(H_i) for each hypothesis. */
export function jointProbabilities(prior: readonly number[], likelihood: readonly number[]): number[] {
  if (prior.length !== likelihood.length) {
    throw new Error(`bayes: ${prior.length} priors for ${likelihood.length} likelihoods`);
  }
  return prior.map((p, i) => p * (likelihood[i] ?? 0));
}

/** The theorem of total probability: P(E) = Σ_i P(E | H_i) P(H_i). */
export function totalProbability(prior: readonly number[], likelihood: readonly number[]): number {
  return jointProbabilities(prior, likelihood).reduce((sum, joint) => sum + joint, 0);
}

export interface BayesUpdate {
  readonly joint: number[];
  /** P(E) */
  readonly evidence: number;
  /** P(H_i | E) */
  readonly posterior: number[];
}

/**
 * Bayes' theorem with total probability in the denominator. Undefined when P(E) = 0: evidence
 * that no hypothesis allows cannot be conditioned on.
 */
export function bayesUpdate(prior: readonly number[], likelihood: readonly number[]): BayesUpdate | undefined {
  const joint = jointProbabilities(prior, likelihood);
  const evidence = joint.reduce((sum, value) => sum + value, 0);
  if (!(evidence > 0)) return undefined;
  return { joint, evidence, posterior: joint.map((value) => value / evidence) };
}
