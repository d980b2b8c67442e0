import fc from "fast-check";
import { fromRowMajor, multiply, transpose, type Matrix } from "../../../src/lib/linalg";

/** A random SPD matrix M Mᵀ + δ I with entries of M in [−2, 2]. */
export const arbitrarySpd = (k: number): fc.Arbitrary<Matrix> =>
  fc
    .tuple(
      fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: k * k, maxLength: k * k }),
      fc.double({ min: 0.05, max: 1, noNaN: true }),
    )
    .map(([entries, delta]) => {
      const m = fromRowMajor(entries, k);
      return multiply(m, transpose(m)).map((row, i) => row.map((value, j) => value + (i === j ? delta : 0)));
    });
