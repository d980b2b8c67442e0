import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gaussian } from "../../../src/lib/gaussian";
import { fromRowMajor } from "../../../src/lib/linalg";
import { createRandom } from "../../../src/lib/random";
import {
  crossTermMonteCarlo,
  quadraticFormExpectation,
  quadraticFormMonteCarlo,
  traceIdentities,
} from "../../../src/lib/trace-trick";

describe("quadraticFormExpectation", () => {
  it("matches the sum written out entry by entry in 2-D", () => {
    // E[(x−m)ᵀA(x−m)] = Σ_ij A_ij (Σ_ij + (μ−m)_i (μ−m)_j), computed here without traces or products.
    const mu = [1, -2];
    const cov = [
      [2, 0.6],
      [0.6, 1],
    ];
    const a = [
      [1, 0.5],
      [-0.25, 3],
    ];
    const m = [0.5, 0.5];
    let expected = 0;
    for (let i = 0; i < 2; i++) {
      for (let j = 0; j < 2; j++) expected += a[i]![j]! * (cov[i]![j]! + (mu[i]! - m[i]!) * (mu[j]! - m[j]!));
    }
    const result = quadraticFormExpectation(gaussian(mu, cov), a, m);
    expect(result.value).toBeCloseTo(expected, 14);
    expect(result.traceTerm).toBeCloseTo(2 * 1 + 0.5 * 0.6 - 0.25 * 0.6 + 3 * 1, 14);
  });

  it("agrees with its Monte Carlo estimate within four standard errors", async () => {
    const x = gaussian([1, 0, -1], fromRowMajor([2, 0.3, 0, 0.3, 1, -0.2, 0, -0.2, 0.5], 3));
    const a = fromRowMajor([1, 2, 0, 0, 1, -1, 0.5, 0, 2], 3);
    const m = [0, 1, 0];
    const exact = quadraticFormExpectation(x, a, m).value;
    for (const seed of [1, 2, 3]) {
      const estimate = await quadraticFormMonteCarlo(x, a, m, 20_000, createRandom(seed));
      expect(Math.abs(estimate.mean - exact)).toBeLessThan(4 * estimate.standardError);
    }
  });

  it("has a cross term whose estimate is zero within four standard errors", async () => {
    const x = gaussian([1, 2], fromRowMajor([1, 0.4, 0.4, 2], 2));
    const estimate = await crossTermMonteCarlo(x, fromRowMajor([2, 1, 0, 1], 2), [-1, 0], 50_000, createRandom(5));
    expect(estimate.standardError).toBeGreaterThan(0);
    expect(Math.abs(estimate.mean)).toBeLessThan(4 * estimate.standardError);
  });
});

describe("trace identities on random matrices", () => {
  it("tr(AB) = tr(BA) and the cyclic shifts of ABC agree; ACB differs", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 6 }), fc.integer(), (k, seed) => {
        const t = traceIdentities(k, createRandom(seed));
        const scale = 1e-12 * Math.max(1, Math.abs(t.abc));
        expect(Math.abs(t.ab - t.ba)).toBeLessThan(1e-12 * Math.max(1, Math.abs(t.ab)));
        expect(Math.abs(t.abc - t.bca)).toBeLessThan(scale);
        expect(Math.abs(t.abc - t.cab)).toBeLessThan(scale);
      }),
    );
  });

  it("ACB is not a cyclic shift of ABC: the traces differ for almost every draw", () => {
    const differing = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].filter((seed) => {
      const t = traceIdentities(3, createRandom(seed));
      return Math.abs(t.abc - t.acb) > 1e-6;
    });
    expect(differing.length).toBe(10);
  });

  it("in 1-D every order agrees (scalars commute)", () => {
    const t = traceIdentities(1, createRandom(3));
    expect(t.acb).toBeCloseTo(t.abc, 14);
  });
});
