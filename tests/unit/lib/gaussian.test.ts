import { describe, expect, it } from "vitest";
import { gaussian, gaussianLogDensity } from "../../../src/lib/gaussian";
import { fromRowMajor } from "../../../src/lib/linalg";
import { createRandom } from "../../../src/lib/random";
import golden from "./golden/golden.json";

describe("gaussianLogDensity against exact Gauss-Jordan and 50-digit logarithms (golden.json)", () => {
  for (const entry of golden.logDensity) {
    it(`in ${entry.mu.length} dimension(s)`, () => {
      const value = gaussianLogDensity(entry.x, entry.mu, fromRowMajor(entry.cov, entry.mu.length));
      expect(Math.abs(value - Number(entry.logDensity))).toBeLessThan(
        1e-13 * Math.max(1, Math.abs(Number(entry.logDensity))),
      );
    });
  }

  it("matches the one-dimensional formula written out", () => {
    const [x, mu, variance] = [0.7, -0.2, 1.7];
    const direct = -0.5 * Math.log(2 * Math.PI * variance) - (x - mu) ** 2 / (2 * variance);
    expect(gaussianLogDensity([x], [mu], [[variance]])).toBeCloseTo(direct, 14);
  });
});

describe("sampling through the Cholesky factor", () => {
  it("has the right mean and covariance", () => {
    const cov = fromRowMajor([2, 0.6, -0.3, 0.6, 1, 0.2, -0.3, 0.2, 0.5], 3);
    const mean = [1, -2, 0.5];
    const normal = gaussian(mean, cov);
    const random = createRandom(11);
    const n = 100_000;
    const sum = [0, 0, 0];
    const cross = [
      [0, 0, 0],
      [0, 0, 0],
      [0, 0, 0],
    ];
    for (let s = 0; s < n; s++) {
      const x = normal.sample(random);
      for (let i = 0; i < 3; i++) {
        sum[i]! += x[i]!;
        for (let j = 0; j < 3; j++) cross[i]![j]! += (x[i]! - mean[i]!) * (x[j]! - mean[j]!);
      }
    }
    for (let i = 0; i < 3; i++) {
      // Standard error of a mean is sqrt(Σ_ii / n); of a covariance about sqrt((Σ_ii Σ_jj + Σ_ij²) / n).
      expect(Math.abs(sum[i]! / n - mean[i]!)).toBeLessThan(5 * Math.sqrt(cov[i]![i]! / n));
      for (let j = 0; j < 3; j++) {
        const se = Math.sqrt((cov[i]![i]! * cov[j]![j]! + cov[i]![j]! ** 2) / n);
        expect(Math.abs(cross[i]![j]! / n - cov[i]![j]!)).toBeLessThan(5 * se);
      }
    }
  });

  it("refuses a covariance of the wrong size or not positive definite", () => {
    expect(() => gaussian([0, 0], [[1]])).toThrow(/2×2 covariance/);
    expect(() => gaussian([0, 0], fromRowMajor([1, 2, 2, 1], 2))).toThrow(/not positive definite/);
  });
});
