/**
 * D_KL(N(μ1, Σ1) ‖ N(μ2, Σ2)) = ½ [log(|Σ2|/|Σ1|) − k + tr(Σ2⁻¹Σ1) + (μ2 − μ1)ᵀ Σ2⁻¹ (μ2 − μ1)]
 * for dense covariance matrices, through Cholesky factors: the general formula of the KL chapter,
 * used to confirm the VAE's diagonal shortcut. (Local stand-in for kl-gaussian.ts of issue 4; the
 * two should be unified once both are on main.)
 */
export interface DenseGaussianKl {
  readonly value: number;
  /** log |Σ2| − log |Σ1|. */
  readonly logDeterminantRatio: number;
  /** tr(Σ2⁻¹ Σ1). */
  readonly traceTerm: number;
  /** (μ2 − μ1)ᵀ Σ2⁻¹ (μ2 − μ1). */
  readonly meanTerm: number;
  readonly dimension: number;
}

type Matrix = readonly (readonly number[])[];

const entry = (a: Matrix, i: number, j: number): number => a[i]?.[j] ?? Number.NaN;

/** Lower-triangular L with L Lᵀ = a; throws when a is not symmetric positive definite. */
function choleskyFactor(a: Matrix, name: string): number[][] {
  const k = a.length;
  const l = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < k; i++) {
    if (a[i]?.length !== k) throw new RangeError(`${name} must be a ${k}×${k} matrix.`);
    for (let j = 0; j <= i; j++) {
      if (entry(a, i, j) !== entry(a, j, i)) throw new RangeError(`${name} must be symmetric.`);
      let sum = entry(a, i, j);
      for (let m = 0; m < j; m++) sum -= entry(l, i, m) * entry(l, j, m);
      if (i === j) {
        if (!(sum > 0)) throw new RangeError(`${name} must be positive definite.`);
        l[i]![i] = Math.sqrt(sum);
      } else {
        l[i]![j] = sum / entry(l, j, j);
      }
    }
  }
  return l;
}

/** Solves L y = b by forward substitution. */
function solveLower(l: Matrix, b: readonly number[]): number[] {
  const y: number[] = [];
  for (let i = 0; i < b.length; i++) {
    let sum = b[i] ?? Number.NaN;
    for (let m = 0; m < i; m++) sum -= entry(l, i, m) * (y[m] ?? Number.NaN);
    y.push(sum / entry(l, i, i));
  }
  return y;
}

const logDeterminant = (l: Matrix): number => l.reduce((sum, row, i) => sum + 2 * Math.log(row[i] ?? Number.NaN), 0);
const squaredNorm = (v: readonly number[]): number => v.reduce((sum, x) => sum + x * x, 0);

export function klGaussianDense(
  mu1: readonly number[],
  cov1: Matrix,
  mu2: readonly number[],
  cov2: Matrix,
): DenseGaussianKl {
  const k = mu1.length;
  if (mu2.length !== k || cov1.length !== k || cov2.length !== k) {
    throw new RangeError(`Both normals need the same dimension: means of ${k} and ${mu2.length} entries.`);
  }
  const l1 = choleskyFactor(cov1, "The first covariance");
  const l2 = choleskyFactor(cov2, "The second covariance");
  // tr(Σ2⁻¹Σ1) = ‖L2⁻¹ L1‖²_F, summed column by column of L1.
  let traceTerm = 0;
  for (let j = 0; j < k; j++)
    traceTerm += squaredNorm(
      solveLower(
        l2,
        l1.map((row) => row[j] ?? 0),
      ),
    );
  const meanTerm = squaredNorm(
    solveLower(
      l2,
      mu2.map((m, i) => m - (mu1[i] ?? Number.NaN)),
    ),
  );
  const logDeterminantRatio = logDeterminant(l2) - logDeterminant(l1);
  const value = 0.5 * (logDeterminantRatio - k + traceTerm + meanTerm);
  return { value, logDeterminantRatio, traceTerm, meanTerm, dimension: k };
}
