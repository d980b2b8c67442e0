import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  cholesky,
  choleskySolve,
  choleskySolveMatrix,
  covarianceProblem,
  fromRowMajor,
  identity,
  logDeterminant,
  lu,
  multiply,
  transpose,
} from "../../../src/lib/linalg";
import { arbitrarySpd } from "./arbitraries";
import golden from "./golden/golden.json";

/** Relative error, measured against the larger of |expected| and 1. */
const relativeError = (actual: number, expected: number) =>
  Math.abs(actual - expected) / Math.max(1, Math.abs(expected));

const spd = (entries: number[], k: number) => fromRowMajor(entries, k);

describe("cholesky", () => {
  it("reproduces the matrix: L Lᵀ = A", () => {
    const a = spd([4, 2, 0.6, 2, 5, 1.5, 0.6, 1.5, 3], 3);
    const l = cholesky(a);
    const back = multiply(l, transpose(l));
    back.forEach((row, i) => row.forEach((value, j) => expect(value).toBeCloseTo(a[i]![j]!, 14)));
    expect(l[0]![1]).toBe(0);
  });

  it("rejects an indefinite matrix with the failing pivot named", () => {
    expect(() => cholesky(spd([1, 2, 2, 1], 2))).toThrow(/not positive definite: its pivot at row 2 is -3/);
  });

  it("rejects a singular matrix", () => {
    expect(() => cholesky(spd([1, 1, 1, 1], 2))).toThrow(/singular/);
  });

  it("rejects a negative variance at row 1", () => {
    expect(() => cholesky(spd([-1], 1))).toThrow(/pivot at row 1/);
  });
});

describe("covarianceProblem", () => {
  it("accepts a symmetric positive definite matrix", () => {
    expect(covarianceProblem(spd([2, 0.3, 0.3, 1], 2))).toBeUndefined();
  });
  it("names the entries that break symmetry", () => {
    expect(covarianceProblem(spd([2, 0.3, 0.4, 1], 2))).toMatch(
      /not symmetric: entry \(1,2\) is 0.3 but entry \(2,1\) is 0.4/,
    );
  });
  it("reports an indefinite matrix", () => {
    expect(covarianceProblem(spd([1, 2, 2, 1], 2))).toMatch(/not positive definite/);
    expect(covarianceProblem(spd([-1, 0, 0, 1], 2))).toMatch(
      /^the variance of x₁ \(entry \(1,1\)\) is −1; a variance must be positive/,
    );
    expect(covarianceProblem(spd([1, 2, 2, 1], 2))).toMatch(
      /covariance of x₁ and x₂ is 2, but its square must be less than .* 1 × 1/,
    );
  });
});

describe("log-determinant and solves against exact Gauss-Jordan (golden.json)", () => {
  for (const entry of golden.linalg) {
    it(entry.name, () => {
      const k = entry.rhs.length;
      const a = fromRowMajor(entry.matrix, k);
      const l = cholesky(a);
      // Backward-stable Cholesky: the forward error grows like condition number × 1e-16
      // (Hilbert 4: 1.6e4; the other case 1e8), so those cases get a looser bound.
      const tolerance = entry.name.includes("1e8") ? 1e-7 : 1e-11;
      expect(relativeError(logDeterminant(a), Number(entry.logDeterminant))).toBeLessThan(tolerance);
      const solution = choleskySolve(l, entry.rhs);
      solution.forEach((value, i) => expect(relativeError(value, Number(entry.solution[i]))).toBeLessThan(tolerance));
    });
  }
});

describe("solves", () => {
  it("A · solve(A, B) = B for random SPD matrices", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }).chain((k) => fc.tuple(fc.constant(k), arbitrarySpd(k))),
        ([k, a]) => {
          const x = choleskySolveMatrix(cholesky(a), identity(k));
          const back = multiply(a, x);
          back.forEach((row, i) =>
            row.forEach((value, j) => expect(Math.abs(value - (i === j ? 1 : 0))).toBeLessThan(1e-8)),
          );
        },
      ),
    );
  });
});

describe("lu (the independent route)", () => {
  it("agrees with the exact Gauss-Jordan golden values", () => {
    for (const entry of golden.linalg) {
      const k = entry.rhs.length;
      const factorisation = lu(fromRowMajor(entry.matrix, k));
      const tolerance = entry.name.includes("1e8") ? 1e-7 : 1e-11;
      expect(factorisation.sign).toBe(1);
      expect(relativeError(factorisation.logAbsDeterminant, Number(entry.logDeterminant))).toBeLessThan(tolerance);
      factorisation
        .solve(entry.rhs)
        .forEach((value, i) => expect(relativeError(value, Number(entry.solution[i]))).toBeLessThan(tolerance));
    }
  });

  it("handles pivoting and negative determinants", () => {
    const factorisation = lu(fromRowMajor([0, 2, 3, 1], 2));
    expect(factorisation.sign).toBe(-1);
    expect(Math.exp(factorisation.logAbsDeterminant)).toBeCloseTo(6, 14);
    expect(factorisation.solve([4, 5])).toEqual([1, 2]);
    expect(() => lu(fromRowMajor([1, 2, 2, 4], 2))).toThrow(/singular/);
  });
});
