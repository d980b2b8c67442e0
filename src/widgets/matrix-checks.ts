import { covarianceProblem, fromRowMajor } from "../lib/linalg";

/**
 * Checks between parameters of the Gaussian widgets: a vector's length against the dimension k,
 * a matrix's k² entries, and a covariance's symmetry and positive definiteness. Each message
 * names the parameter and says what is expected (widget contract, rule 5).
 */
export function lengthProblem(
  name: string,
  entries: readonly number[],
  k: number,
  reference: string,
): string | undefined {
  return entries.length === k
    ? undefined
    : `${name}: expected ${k} entries, as many as ${reference}, got ${entries.length}.`;
}

export function matrixSizeProblem(
  name: string,
  entries: readonly number[],
  k: number,
  reference: string,
): string | undefined {
  return entries.length === k * k
    ? undefined
    : `${name}: expected ${k * k} entries (a ${k}×${k} matrix, row by row, for ${reference} of length ${k}), got ${entries.length}.`;
}

export function covarianceParamProblem(
  name: string,
  entries: readonly number[],
  k: number,
  reference: string,
): string | undefined {
  const size = matrixSizeProblem(name, entries, k, reference);
  if (size) return size;
  const problem = covarianceProblem(fromRowMajor(entries, k));
  return problem ? `${name}: expected a symmetric positive definite ${k}×${k} matrix; ${problem}.` : undefined;
}
