/**
 * Active units of a VAE (Burda, Grosse & Salakhutdinov, 2016, §5.2): latent dimension j is active
 * when A_j = Cov_x(E_{q(z|x)}[z_j]) exceeds a threshold (0.01 in the paper), the variance being
 * taken over the data. A dimension whose posterior mean barely moves with x carries no information
 * about x: the posterior has collapsed onto the prior there.
 */

/** The paper's threshold on the variance of the posterior mean. */
export const ACTIVE_UNIT_THRESHOLD = 0.01;

/**
 * Population variance of each column of a row-major `rows × columns` matrix (e.g. posterior means
 * μ(x) of held-out digits, one row per digit). Two-pass in double precision, so no cancellation.
 */
export function columnVariances(values: ArrayLike<number>, columns: number): number[] {
  if (!(Number.isInteger(columns) && columns >= 1)) throw new RangeError(`columns must be ≥ 1, got ${columns}.`);
  const rows = Math.floor(values.length / columns);
  if (rows < 1 || rows * columns !== values.length)
    throw new RangeError(`${values.length} values do not form rows of ${columns}.`);
  return Array.from({ length: columns }, (_, j) => {
    let sum = 0;
    for (let i = 0; i < rows; i++) sum += values[i * columns + j]!;
    const mean = sum / rows;
    let squares = 0;
    for (let i = 0; i < rows; i++) squares += (values[i * columns + j]! - mean) ** 2;
    return squares / rows;
  });
}

/** The number of columns of `means` (rows × columns) whose variance exceeds `threshold`. */
export function activeUnits(means: ArrayLike<number>, columns: number, threshold = ACTIVE_UNIT_THRESHOLD): number {
  return columnVariances(means, columns).filter((variance) => variance > threshold).length;
}
