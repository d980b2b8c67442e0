import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gaussian } from "../../../src/lib/gaussian";
import { klGaussian, klGaussianMonteCarlo } from "../../../src/lib/kl-gaussian";
import { klStdNormal } from "../../../src/lib/kl-std-normal";
import {
  addMatrices,
  diagonal,
  fromRowMajor,
  identity,
  matVec,
  multiply,
  scaleMatrix,
  transpose,
  type Matrix,
} from "../../../src/lib/linalg";
import { createRandom } from "../../../src/lib/random";
import { arbitrarySpd } from "./arbitraries";
import golden from "./golden/golden.json";

const relativeError = (actual: number, expected: number) => Math.abs(actual - expected) / Math.abs(expected);

const normalOf = (mu: number[], cov: number[]) => gaussian(mu, fromRowMajor(cov, mu.length));

describe("klGaussian against exact Gauss-Jordan and 50-digit logarithms (golden.json)", () => {
  for (const entry of golden.gaussian) {
    const condition =
      entry.cov1.includes(0.99999998) || entry.cov2.includes(0.99999998) ? "condition number 1e8" : "well conditioned";
    it(`k = ${entry.mu1.length}, ${condition}`, () => {
      const result = klGaussian(normalOf(entry.mu1, entry.cov1), normalOf(entry.mu2, entry.cov2));
      // Forward error of a backward-stable method: about condition number × 1e-16.
      const tolerance = condition === "well conditioned" ? 1e-12 : 1e-7;
      expect(relativeError(result.value, Number(entry.kl))).toBeLessThan(tolerance);
      expect(relativeError(result.traceTerm, Number(entry.traceTerm))).toBeLessThan(tolerance);
      expect(relativeError(result.meanTerm, Number(entry.meanTerm))).toBeLessThan(tolerance);
      expect(relativeError(result.logDeterminantRatio, Number(entry.logDeterminantRatio))).toBeLessThan(tolerance);
    });
  }
});

const arbitraryNormal = (k: number) =>
  fc.tuple(fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: k, maxLength: k }), arbitrarySpd(k));

const arbitraryPair = fc
  .integer({ min: 1, max: 4 })
  .chain((k) => fc.tuple(fc.constant(k), arbitraryNormal(k), arbitraryNormal(k)));

describe("properties", () => {
  it("KL ≥ 0 and KL(P‖P) = 0", () => {
    fc.assert(
      fc.property(arbitraryPair, ([, [mu1, cov1], [mu2, cov2]]) => {
        const p = gaussian(mu1, cov1);
        expect(klGaussian(p, gaussian(mu2, cov2)).value).toBeGreaterThanOrEqual(0);
        expect(klGaussian(p, p).value).toBeLessThan(1e-12);
      }),
    );
  });

  it("is invariant under a common invertible affine map x ↦ Bx + c", () => {
    const affine = (k: number) =>
      fc.tuple(
        fc.array(fc.double({ min: -0.4, max: 0.4, noNaN: true }), { minLength: k * k, maxLength: k * k }),
        fc.double({ min: 0.3, max: 3, noNaN: true }),
        fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: k, maxLength: k }),
      );
    const cases = arbitraryPair.chain((pair) => fc.tuple(fc.constant(pair), affine(pair[0])));
    fc.assert(
      fc.property(cases, ([[k, [mu1, cov1], [mu2, cov2]], [perturbation, scale, shift]]) => {
        // B = s (I + E) with |E_ij| ≤ 0.4/k keeps B invertible (I + E is diagonally dominant).
        const b = scaleMatrix(addMatrices(identity(k), scaleMatrix(fromRowMajor(perturbation, k), 1 / k)), scale);
        const map = (mu: number[], cov: Matrix) =>
          gaussian(
            matVec(b, mu).map((value, i) => value + shift[i]!),
            multiply(multiply(b, cov), transpose(b)),
          );
        const before = klGaussian(gaussian(mu1, cov1), gaussian(mu2, cov2)).value;
        const after = klGaussian(map(mu1, cov1), map(mu2, cov2)).value;
        expect(Math.abs(after - before)).toBeLessThan(1e-7 * Math.max(1, before));
      }),
    );
  });
});

describe("special cases", () => {
  it("matches the 1-D formula log(σ2/σ1) + (σ1² + (μ1 − μ2)²)/(2σ2²) − ½", () => {
    const expected = Math.log(2 / 0.5) + (0.25 + 9) / 8 - 0.5;
    expect(klGaussian(gaussian([1], [[0.25]]), gaussian([-2], [[4]])).value).toBeCloseTo(expected, 14);
  });

  it("equals the VAE's diagonal formula against N(0, I) (src/lib/kl-std-normal.ts)", () => {
    const pair = fc
      .integer({ min: 1, max: 64 })
      .chain((k) =>
        fc.tuple(
          fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: k, maxLength: k }),
          fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: k, maxLength: k }),
        ),
      );
    fc.assert(
      fc.property(pair, ([mu, logvar]) => {
        const general = klGaussian(
          gaussian(mu, diagonal(logvar.map(Math.exp))),
          gaussian(new Array<number>(mu.length).fill(0), identity(mu.length)),
        );
        const vae = klStdNormal(mu, logvar).total;
        expect(Math.abs(general.value - vae)).toBeLessThanOrEqual(
          1e-12 * Math.max(1, general.traceTerm, general.meanTerm, Math.abs(general.logDeterminantRatio)),
        );
      }),
      { seed: 11, numRuns: 200 },
    );
  });

  it("refuses covariances that are not symmetric positive definite, and mismatched dimensions", () => {
    expect(() => gaussian([0], [[0]])).toThrow(/not positive definite|singular/);
    expect(() => gaussian([0, 0], fromRowMajor([1, 2, 0, 1], 2))).toThrow(/not symmetric/);
    expect(() => klGaussian(gaussian([0], [[1]]), gaussian([0, 0], identity(2)))).toThrow(/same dimension/);
  });
});

describe("Monte Carlo estimate", () => {
  const p = normalOf([0, 0], [1, 0.5, 0.5, 2]);
  const q = normalOf([1, -1], [2, -0.3, -0.3, 0.5]);
  const exact = klGaussian(p, q).value;

  it("lands within four standard errors of the closed form, for several seeds", async () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const estimate = await klGaussianMonteCarlo(p, q, 20_000, createRandom(seed));
      expect(Math.abs(estimate.mean - exact)).toBeLessThan(4 * estimate.standardError);
    }
  });

  it("repeats with the same seed and shrinks its error like 1/√n", async () => {
    const first = await klGaussianMonteCarlo(p, q, 10_000, createRandom(9));
    const again = await klGaussianMonteCarlo(p, q, 10_000, createRandom(9));
    expect(again.mean).toBe(first.mean);
    const larger = await klGaussianMonteCarlo(p, q, 1_000_000, createRandom(9));
    expect(larger.standardError / first.standardError).toBeGreaterThan(0.08);
    expect(larger.standardError / first.standardError).toBeLessThan(0.12);
    expect(Math.abs(larger.mean - exact)).toBeLessThan(4 * larger.standardError);
    expect(larger.path.at(-1)?.n).toBe(1_000_000);
  });

  it("has zero spread when both normals are the same", async () => {
    const estimate = await klGaussianMonteCarlo(p, p, 1000, createRandom(1));
    expect(Math.abs(estimate.mean)).toBeLessThan(1e-12);
    expect(estimate.standardError).toBeLessThan(1e-12);
  });

  it("stops when aborted", async () => {
    const controller = new AbortController();
    const run = klGaussianMonteCarlo(p, q, 1_000_000, createRandom(1), {
      signal: controller.signal,
      sliceMs: 0,
      yieldToPage: async () => controller.abort(new Error("stopped")),
    });
    await expect(run).rejects.toThrow("stopped");
  });
});
