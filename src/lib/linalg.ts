/**
 * Small dense matrices (k up to a few dozen) as arrays of rows, and the Cholesky route through
 * them: log-determinants and solves come from the factor, never from an explicit inverse, which
 * keeps covariances with condition numbers up to 1e8 accurate (Higham, "Accuracy and Stability of
 * Numerical Algorithms", ch. 10: Cholesky is backward stable for any positive definite matrix).
 */
export type Vector = readonly number[];
export type Matrix = readonly Vector[];

/** A matrix that is not symmetric positive definite, or vectors and matrices of the wrong size. */
export class LinalgError extends Error {
  override readonly name = "LinalgError";
}

/** A k×k matrix from its k² entries in row-major order (the widget contract's matrix format). */
export function fromRowMajor(entries: Vector, k: number): number[][] {
  if (entries.length !== k * k) {
    throw new LinalgError(`expected ${k * k} entries for a ${k}×${k} matrix, got ${entries.length}`);
  }
  return Array.from({ length: k }, (_, i) => entries.slice(i * k, (i + 1) * k));
}

export function toRowMajor(matrix: Matrix): number[] {
  return matrix.flat();
}

export function identity(k: number): number[][] {
  return Array.from({ length: k }, (_, i) => Array.from({ length: k }, (_, j) => (i === j ? 1 : 0)));
}

export function diagonal(values: Vector): number[][] {
  return values.map((value, i) => values.map((_, j) => (i === j ? value : 0)));
}

export function transpose(a: Matrix): number[][] {
  const rows = a.length;
  const cols = a[0]?.length ?? 0;
  return Array.from({ length: cols }, (_, j) => Array.from({ length: rows }, (_, i) => at(a, i, j)));
}

export function multiply(a: Matrix, b: Matrix): number[][] {
  const inner = b.length;
  if ((a[0]?.length ?? 0) !== inner) throw new LinalgError("matrix sizes do not match for a product");
  const cols = b[0]?.length ?? 0;
  return a.map((row) =>
    Array.from({ length: cols }, (_, j) => {
      let sum = 0;
      for (let l = 0; l < inner; l++) sum += (row[l] ?? 0) * at(b, l, j);
      return sum;
    }),
  );
}

export function addMatrices(a: Matrix, b: Matrix): number[][] {
  return a.map((row, i) => row.map((value, j) => value + at(b, i, j)));
}

export function scaleMatrix(a: Matrix, factor: number): number[][] {
  return a.map((row) => row.map((value) => value * factor));
}

export function trace(a: Matrix): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += at(a, i, i);
  return sum;
}

export function matVec(a: Matrix, x: Vector): number[] {
  return a.map((row) => dot(row, x));
}

export function dot(x: Vector, y: Vector): number {
  if (x.length !== y.length)
    throw new LinalgError(`vectors of lengths ${x.length} and ${y.length} have no dot product`);
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += (x[i] ?? 0) * (y[i] ?? 0);
  return sum;
}

export function subtract(x: Vector, y: Vector): number[] {
  if (x.length !== y.length)
    throw new LinalgError(`vectors of lengths ${x.length} and ${y.length} cannot be subtracted`);
  return x.map((value, i) => value - (y[i] ?? 0));
}

/** xᵀ A y. */
export function bilinear(x: Vector, a: Matrix, y: Vector): number {
  return dot(x, matVec(a, y));
}

/** The squared Frobenius norm, Σ a_ij². */
export function frobeniusSquared(a: Matrix): number {
  let sum = 0;
  for (const row of a) for (const value of row) sum += value * value;
  return sum;
}

function at(a: Matrix, i: number, j: number): number {
  return a[i]?.[j] ?? 0;
}

const variable = (i: number): string => `x${String(i + 1).replace(/\d/g, (d) => "₀₁₂₃₄₅₆₇₈₉"[Number(d)] ?? d)}`;

/** A number as a reader writes it, with a true minus sign. */
const signed = (x: number): string => String(x).replace(/^-/, "−");

/** Why a matrix cannot be a covariance, in words a reader can act on; undefined when it can. */
export function covarianceProblem(a: Matrix): string | undefined {
  const k = a.length;
  if (a.some((row) => row.length !== k)) return "the matrix is not square";
  const scale = Math.max(...a.flat().map(Math.abs));
  for (let i = 0; i < k; i++) {
    for (let j = i + 1; j < k; j++) {
      const upper = at(a, i, j);
      const lower = at(a, j, i);
      // Decimal entries typed by a reader are exactly equal when symmetric; allow only rounding.
      if (Math.abs(upper - lower) > 1e-12 * scale) {
        return `the matrix is not symmetric: entry (${i + 1},${j + 1}) is ${upper} but entry (${j + 1},${i + 1}) is ${lower}`;
      }
    }
  }
  // The common cases in the reader's terms first; the Cholesky pivot covers the rest (k ≥ 3).
  for (let i = 0; i < k; i++) {
    const variance = at(a, i, i);
    if (!(variance > 0)) {
      return `the variance of ${variable(i)} (entry (${i + 1},${i + 1})) is ${signed(variance)}; a variance must be positive, so the matrix is not positive definite`;
    }
  }
  const covariance = at(a, 0, 1);
  if (k === 2 && !(covariance ** 2 < at(a, 0, 0) * at(a, 1, 1))) {
    return `the matrix is not positive definite: the covariance of ${variable(0)} and ${variable(1)} is ${signed(covariance)}, but its square must be less than the product of their variances, ${at(a, 0, 0)} × ${at(a, 1, 1)} (a correlation lies strictly between −1 and 1)`;
  }
  try {
    cholesky(a);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  return undefined;
}

/**
 * The lower-triangular L with L Lᵀ = A, for a symmetric positive definite A (only its lower
 * triangle is read). Throws a LinalgError that says which pivot failed when A is not positive
 * definite (indefinite, or singular to working precision).
 */
export function cholesky(a: Matrix): number[][] {
  const k = a.length;
  const l = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  let largestDiagonal = 0;
  for (let i = 0; i < k; i++) largestDiagonal = Math.max(largestDiagonal, Math.abs(at(a, i, i)));
  // A pivot this small relative to the diagonal means the matrix is singular to working precision.
  const tiny = k * Number.EPSILON * largestDiagonal;
  for (let j = 0; j < k; j++) {
    const rowJ = l[j] as number[];
    let pivot = at(a, j, j);
    for (let p = 0; p < j; p++) pivot -= (rowJ[p] as number) ** 2;
    if (!(pivot > tiny)) {
      throw new LinalgError(
        pivot > 0 || Math.abs(pivot) <= tiny
          ? `the matrix is singular (not positive definite): its pivot at row ${j + 1} is ${pivot === 0 ? 0 : pivot.toPrecision(3)}`
          : `the matrix is not positive definite: its pivot at row ${j + 1} is ${pivot.toPrecision(3)}, and a variance must be positive`,
      );
    }
    const diagonalEntry = Math.sqrt(pivot);
    rowJ[j] = diagonalEntry;
    for (let i = j + 1; i < k; i++) {
      const rowI = l[i] as number[];
      let sum = at(a, i, j);
      for (let p = 0; p < j; p++) sum -= (rowI[p] as number) * (rowJ[p] as number);
      rowI[j] = sum / diagonalEntry;
    }
  }
  return l;
}

/** log |A| = 2 Σ log L_ii from the Cholesky factor L of A. */
export function logDeterminantFromCholesky(l: Matrix): number {
  let sum = 0;
  for (let i = 0; i < l.length; i++) sum += Math.log(at(l, i, i));
  return 2 * sum;
}

/** log |A| of a symmetric positive definite A. */
export function logDeterminant(a: Matrix): number {
  return logDeterminantFromCholesky(cholesky(a));
}

/** Solves L y = b by forward substitution, L lower triangular. */
export function solveLower(l: Matrix, b: Vector): number[] {
  const y = new Array<number>(b.length).fill(0);
  for (let i = 0; i < b.length; i++) {
    let sum = b[i] ?? 0;
    for (let p = 0; p < i; p++) sum -= at(l, i, p) * (y[p] as number);
    y[i] = sum / at(l, i, i);
  }
  return y;
}

/** Solves Lᵀ x = y by back substitution, L lower triangular. */
export function solveLowerTransposed(l: Matrix, y: Vector): number[] {
  const x = new Array<number>(y.length).fill(0);
  for (let i = y.length - 1; i >= 0; i--) {
    let sum = y[i] ?? 0;
    for (let p = i + 1; p < y.length; p++) sum -= at(l, p, i) * (x[p] as number);
    x[i] = sum / at(l, i, i);
  }
  return x;
}

/** Solves A x = b given the Cholesky factor L of A. */
export function choleskySolve(l: Matrix, b: Vector): number[] {
  return solveLowerTransposed(l, solveLower(l, b));
}

/** Solves L X = B column by column (L lower triangular): X = L⁻¹ B without forming L⁻¹. */
export function solveLowerMatrix(l: Matrix, b: Matrix): number[][] {
  return transpose(transpose(b).map((column) => solveLower(l, column)));
}

/** Solves A X = B given the Cholesky factor L of A: X = A⁻¹ B without forming A⁻¹. */
export function choleskySolveMatrix(l: Matrix, b: Matrix): number[][] {
  return transpose(transpose(b).map((column) => choleskySolve(l, column)));
}

/** The squared Mahalanobis length dᵀ A⁻¹ d = ‖L⁻¹ d‖², from the Cholesky factor L of A. */
export function mahalanobisSquared(l: Matrix, d: Vector): number {
  const y = solveLower(l, d);
  return dot(y, y);
}

/**
 * LU factorisation with partial pivoting (P A = L U): a second, independent route to determinants
 * and solves for any invertible square matrix, used to check the Cholesky results.
 */
export interface LuFactorisation {
  /** log |det A|. */
  readonly logAbsDeterminant: number;
  /** The sign of det A (+1 or −1). */
  readonly sign: number;
  solve(b: Vector): number[];
}

export function lu(a: Matrix): LuFactorisation {
  const k = a.length;
  const m = a.map((row) => [...row]);
  const order = Array.from({ length: k }, (_, i) => i);
  let sign = 1;
  let logAbsDeterminant = 0;
  for (let col = 0; col < k; col++) {
    let pivotRow = col;
    for (let r = col + 1; r < k; r++) if (Math.abs(at(m, r, col)) > Math.abs(at(m, pivotRow, col))) pivotRow = r;
    const pivot = at(m, pivotRow, col);
    if (pivot === 0) throw new LinalgError("the matrix is singular");
    if (pivotRow !== col) {
      [m[col], m[pivotRow]] = [m[pivotRow] as number[], m[col] as number[]];
      [order[col], order[pivotRow]] = [order[pivotRow] as number, order[col] as number];
      sign = -sign;
    }
    if (pivot < 0) sign = -sign;
    logAbsDeterminant += Math.log(Math.abs(pivot));
    const pivotRowValues = m[col] as number[];
    for (let r = col + 1; r < k; r++) {
      const row = m[r] as number[];
      const factor = (row[col] as number) / pivot;
      row[col] = factor;
      for (let c = col + 1; c < k; c++) row[c] = (row[c] as number) - factor * (pivotRowValues[c] as number);
    }
  }
  return {
    logAbsDeterminant,
    sign,
    solve(b) {
      const y = order.map((index) => b[index] ?? 0);
      for (let i = 0; i < k; i++) for (let p = 0; p < i; p++) y[i] = (y[i] as number) - at(m, i, p) * (y[p] as number);
      for (let i = k - 1; i >= 0; i--) {
        for (let p = i + 1; p < k; p++) y[i] = (y[i] as number) - at(m, i, p) * (y[p] as number);
        y[i] = (y[i] as number) / at(m, i, i);
      }
      return y;
    },
  };
}
