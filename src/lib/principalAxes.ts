/**
 * The first `count` principal axes of `rows` points in `dimension` dimensions (row-major), by power
 * iteration on the covariance with deflation: unit vectors, largest variance first, with their
 * variances. Deterministic: the iteration starts from a fixed vector.
 */
export function principalAxes(
  rows: ArrayLike<number>,
  dimension: number,
  count = 2,
): { axes: number[][]; variances: number[]; mean: number[] } {
  const n = Math.floor(rows.length / dimension);
  const mean = new Array<number>(dimension).fill(0);
  for (let i = 0; i < n; i++) for (let j = 0; j < dimension; j++) mean[j]! += rows[i * dimension + j]! / n;
  const cov = Array.from({ length: dimension }, () => new Array<number>(dimension).fill(0));
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < dimension; a++) {
      const da = rows[i * dimension + a]! - mean[a]!;
      for (let b = a; b < dimension; b++)
        cov[a]![b]! += (da * (rows[i * dimension + b]! - mean[b]!)) / Math.max(1, n - 1);
    }
  }
  for (let a = 0; a < dimension; a++) for (let b = 0; b < a; b++) cov[a]![b] = cov[b]![a]!;

  const axes: number[][] = [];
  const variances: number[] = [];
  for (let k = 0; k < Math.min(count, dimension); k++) {
    let v = Array.from({ length: dimension }, (_, j) => 1 / Math.sqrt(dimension) + (j === k ? 0.5 : 0));
    let lambda = 0;
    for (let iteration = 0; iteration < 500; iteration++) {
      const w = cov.map((row) => row.reduce((sum, c, j) => sum + c * v[j]!, 0));
      const norm = Math.hypot(...w);
      if (norm === 0) break;
      const next = w.map((x) => x / norm);
      const change = Math.hypot(...next.map((x, j) => x - v[j]!));
      v = next;
      lambda = norm;
      if (change < 1e-10) break;
    }
    axes.push(v);
    variances.push(lambda);
    for (let a = 0; a < dimension; a++) for (let b = 0; b < dimension; b++) cov[a]![b]! -= lambda * v[a]! * v[b]!;
  }
  return { axes, variances, mean };
}
