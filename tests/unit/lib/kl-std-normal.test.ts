import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { klStdNormal } from "../../../src/lib/kl-std-normal";

/** Independent route: KL(N(μ, σ²) ‖ N(0, 1)) = log(1/σ) + (σ² + μ²)/2 − 1/2 per dimension (Bishop, PRML, ex. 1.30 form). */
function klByDensities(mu: number[], logvar: number[]): number {
  return mu.reduce((sum, m, j) => {
    const sigma = Math.exp((logvar[j] ?? 0) / 2);
    return sum + Math.log(1 / sigma) + (sigma * sigma + m * m) / 2 - 0.5;
  }, 0);
}

describe("klStdNormal", () => {
  it("is zero for the standard normal itself", () => {
    expect(klStdNormal([0, 0, 0], [0, 0, 0]).total).toBe(0);
  });

  it("matches a hand-computed value", () => {
    // ½[(e^{-1} + 1 − 1 + 1) + (e^{0.5} + 0.25 − 1 − 0.5)] with μ = (1, 0.5), logvar = (−1, 0.5)
    const expected = 0.5 * (Math.exp(-1) + 1 - 1 + 1) + 0.5 * (Math.exp(0.5) + 0.25 - 1 - 0.5);
    expect(klStdNormal([1, 0.5], [-1, 0.5]).total).toBeCloseTo(expected, 14);
  });

  it("agrees with the density form and is never negative", () => {
    const vector = fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 1, maxLength: 64 });
    fc.assert(
      fc.property(vector, vector, (a, b) => {
        const k = Math.min(a.length, b.length);
        const mu = a.slice(0, k);
        const logvar = b.slice(0, k);
        const { total, terms } = klStdNormal(mu, logvar);
        expect(terms.every((term) => term >= 0)).toBe(true);
        expect(total).toBeCloseTo(klByDensities(mu, logvar), 9);
      }),
    );
  });

  it("keeps precision for tiny log-variances", () => {
    // exp(v) − 1 − v ≈ v²/2 for small v; the naive form would return 0 here.
    // ½(v²/2 + v³/6) for v = 1e-9, to full double precision.
    const { total } = klStdNormal([0], [1e-9]);
    const expected = 0.5 * (0.5e-18 + 1e-27 / 6);
    expect(Math.abs(total - expected) / expected).toBeLessThan(1e-14);
  });

  it("matches exp(v) − 1 − v on both sides of the series cut-off", () => {
    for (const v of [-0.7, -0.5, -0.3, 0.3, 0.49, 0.51, 2]) {
      const direct = 0.5 * (Math.exp(v) - 1 - v);
      expect(klStdNormal([0], [v]).total).toBeCloseTo(direct, 14);
    }
  });

  it("refuses vectors of different lengths", () => {
    expect(() => klStdNormal([0, 1], [0])).toThrow(/same length/);
  });
});
