/**
 * Expectation of a discrete random variable: the probability-weighted average of its values,
 * E[X] = Σ_i x_i p(X = x_i), and its variance E[(X − E[X])²], which sets Monte Carlo error bars.
 */
export function expectation(probabilities: readonly number[], values: readonly number[]): number {
  if (probabilities.length !== values.length) {
    throw new Error(`expectation: ${probabilities.length} probabilities for ${values.length} values`);
  }
  return probabilities.reduce((sum, p, i) => sum + p * (values[i] ?? 0), 0);
}

/** Var[X] = E[(X − E[X])²], computed around the mean (not as E[X²] − E[X]², which cancels badly). */
export function variance(probabilities: readonly number[], values: readonly number[]): number {
  const mean = expectation(probabilities, values);
  return expectation(
    probabilities,
    values.map((x) => (x - mean) ** 2),
  );
}
