import { describe, expect, it } from "vitest";
import { elboTerms, logEvidence, logNormalDensity, type LinearGaussianModel } from "../../../src/lib/elbo";
import { iwaeRows, logMeanExp } from "../../../src/lib/iwae";
import { createRandom } from "../../../src/lib/random";

describe("logMeanExp", () => {
  it("is log of the mean of exp, without overflow or underflow", () => {
    expect(logMeanExp([0, Math.log(3)])).toBeCloseTo(Math.log(2), 14);
    expect(logMeanExp([1000, 1000])).toBeCloseTo(1000, 12);
    expect(logMeanExp([-1000, -1000 + Math.log(3)])).toBeCloseTo(-1000 + Math.log(2), 10);
    expect(logMeanExp([5])).toBe(5);
    expect(logMeanExp([-Infinity, -Infinity])).toBe(-Infinity);
    expect(logMeanExp([-Infinity, 0])).toBeCloseTo(-Math.log(2), 14);
    expect(logMeanExp([NaN, 0])).toBeNaN();
    expect(() => logMeanExp([])).toThrow(RangeError);
    expect(logMeanExp([9, 1, 2, 3, 9], 1, 4)).toBeCloseTo(Math.log((Math.E + Math.E ** 2 + Math.E ** 3) / 3), 12);
  });

  it("iwaeRows estimates each row from its own k weights, and rejects a bad k", () => {
    expect(Array.from(iwaeRows([0, Math.log(3), 7, 7], 2))).toEqual([logMeanExp([0, Math.log(3)]), 7]);
    expect(() => iwaeRows([1, 2, 3], 2)).toThrow(/rows of k = 2/);
    expect(() => iwaeRows([1, 2], 0)).toThrow(/k must be/);
  });
});

// The linear-Gaussian model of src/lib/elbo.ts, where log p(x) and the ELBO have closed forms.
const model: LinearGaussianModel = { w: 2, b: 0.5, s: 0.7 };
const x = 1.8;
// A deliberately poor q(z | x), so the bound is loose and K matters.
const q = { mean: 0.1, sd: 0.9 };

/** n independent IWAE_K estimates; their mean and standard error. */
function iwaeMc(k: number, n: number, seed: number): { mean: number; se: number } {
  const random = createRandom(seed);
  const weights = new Float64Array(n * k);
  for (let i = 0; i < weights.length; i++) {
    const z = q.mean + q.sd * random.normal();
    weights[i] =
      logNormalDensity(x, model.w * z + model.b, model.s) +
      logNormalDensity(z, 0, 1) -
      logNormalDensity(z, q.mean, q.sd);
  }
  const estimates = iwaeRows(weights, k);
  const mean = estimates.reduce((a, b) => a + b, 0) / n;
  const variance = estimates.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
  return { mean, se: Math.sqrt(variance / n) };
}

describe("IWAE_K in the linear-Gaussian model", () => {
  const exact = logEvidence(model, x);
  const elbo = elboTerms(model, x, q).elbo;

  it("K = 1 is the ELBO, within 4 standard errors", () => {
    const { mean, se } = iwaeMc(1, 20_000, 1);
    expect(Math.abs(mean - elbo)).toBeLessThan(4 * se);
    expect(exact - elbo).toBeGreaterThan(0.5);
  });

  it("rises with K towards log p(x), never above it beyond the noise, and reaches it within standard errors", () => {
    const ks = [1, 2, 10, 100, 2000];
    const estimates = ks.map((k, i) => iwaeMc(k, Math.max(200, 20_000 / k), 10 + i));
    for (let i = 1; i < estimates.length; i++) {
      const [before, after] = [estimates[i - 1]!, estimates[i]!];
      expect(after.mean).toBeGreaterThan(before.mean - 3 * Math.hypot(before.se, after.se));
      expect(after.mean).toBeLessThan(exact + 4 * after.se);
    }
    const last = estimates.at(-1)!;
    expect(Math.abs(last.mean - exact)).toBeLessThan(Math.max(4 * last.se, 2e-3));
    expect(estimates[2]!.mean - estimates[0]!.mean).toBeGreaterThan(0.3);
  });
});
