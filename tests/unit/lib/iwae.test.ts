import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  logEvidence,
  logImportanceWeights,
  logNormalDensity,
  monteCarloElbo,
  truePosterior,
  type LinearGaussianModel,
  type Normal1D,
} from "../../../src/lib/elbo";
import { checkImportanceSamples, iwaeRows, iwaeSampler, logMeanExp } from "../../../src/lib/iwae";
import { createRandom } from "../../../src/lib/random";
import { drawAll } from "../../../src/lib/sampler";

const runs = { seed: 20261130, numRuns: 200 };

function iwae(model: LinearGaussianModel, x: number, q: Normal1D, k: number, n: number, seed: number) {
  return drawAll(iwaeSampler(logImportanceWeights(model, x, q, createRandom(seed)), k), n);
}

/** ∫ p(z | x)² / q(z) dz − 1 by the trapezoid rule: the relative variance of one importance weight. */
function relativeWeightVariance(model: LinearGaussianModel, x: number, q: Normal1D): number {
  const posterior = truePosterior(model, x);
  const steps = 40_000;
  const lo = Math.min(posterior.mean, q.mean) - 15 * Math.max(posterior.sd, q.sd);
  const hi = Math.max(posterior.mean, q.mean) + 15 * Math.max(posterior.sd, q.sd);
  const h = (hi - lo) / steps;
  let sum = 0;
  for (let i = 0; i <= steps; i++) {
    const z = lo + i * h;
    const weight = i === 0 || i === steps ? 0.5 : 1;
    sum += weight * Math.exp(2 * logNormalDensity(z, posterior.mean, posterior.sd) - logNormalDensity(z, q.mean, q.sd));
  }
  return sum * h - 1;
}

describe("logMeanExp", () => {
  it("equals the plain formula where that does not overflow", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -30, max: 30, noNaN: true }), { minLength: 1, maxLength: 50 }),
        (values) => {
          const plain = Math.log(values.reduce((sum, v) => sum + Math.exp(v), 0) / values.length);
          expect(logMeanExp(values)).toBeCloseTo(plain, 10);
        },
      ),
      runs,
    );
  });

  it("shifts with its arguments, so digit-sized log weights keep their precision", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -30, max: 30, noNaN: true }), { minLength: 1, maxLength: 50 }),
        fc.double({ min: -2000, max: 2000, noNaN: true }),
        (values, shift) => {
          const shifted = logMeanExp(values.map((v) => v + shift));
          expect(shifted - shift).toBeCloseTo(logMeanExp(values), 9);
        },
      ),
      runs,
    );
    // exp(−1000) is 0 in double precision; the shifted sum is not.
    expect(logMeanExp([-1000, -1000 + Math.log(3)])).toBeCloseTo(-1000 + Math.log(2), 12);
  });

  it("is the value itself for one value, −∞ for all −∞, and refuses NaN or nothing", () => {
    expect(logMeanExp([-3.25])).toBe(-3.25);
    expect(logMeanExp([-Infinity, -Infinity])).toBe(-Infinity);
    expect(logMeanExp([-Infinity, 0])).toBeCloseTo(-Math.log(2), 15);
    expect(() => logMeanExp([])).toThrow(/at least one/);
    expect(() => logMeanExp([0, NaN])).toThrow(/NaN/);
  });
});

describe("the importance-weighted bound IWAE_K in the linear-Gaussian model", () => {
  const model = { w: 1.5, b: 0, s: 0.8 };
  const x = 1.5;
  const prior = { mean: 0, sd: 1 };

  it("with K = 1 is the Monte Carlo ELBO of the same stream, draw for draw", () => {
    const one = iwae(model, x, prior, 1, 5000, 7);
    const elbo = monteCarloElbo(model, x, prior, 5000, createRandom(7)).elbo;
    expect(one.mean).toBe(elbo.mean);
    expect(one.standardError).toBe(elbo.standardError);
  });

  it("rises with K towards log p(x), each step beyond its standard errors", () => {
    const logPx = logEvidence(model, x);
    const estimates = [1, 4, 16, 64].map((k) => iwae(model, x, prior, k, 20_000, 11));
    for (let i = 1; i < estimates.length; i++) {
      const [lower, upper] = [estimates[i - 1]!, estimates[i]!];
      const se = Math.hypot(lower.standardError, upper.standardError);
      expect(upper.mean - lower.mean).toBeGreaterThan(3 * se);
      expect(upper.mean).toBeLessThan(logPx);
    }
  });

  it("falls short of log p(x) by Var(w/p(x))/(2K), the delta method's bias (Maddison et al. 2017), within standard errors", () => {
    const q = { mean: 0.4, sd: 0.7 };
    const logPx = logEvidence(model, x);
    const relativeVariance = relativeWeightVariance(model, x, q);
    expect(relativeVariance).toBeGreaterThan(0.05);
    for (const k of [50, 200]) {
      const estimate = iwae(model, x, q, k, 40_000, 3);
      const predicted = logPx - relativeVariance / (2 * k);
      expect(Math.abs(estimate.mean - predicted)).toBeLessThan(
        4 * estimate.standardError + relativeVariance ** 2 / k ** 2,
      );
    }
  });

  it("is exact, with no spread, when q is the true posterior", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -3, max: 3, noNaN: true }),
        fc.double({ min: 0.2, max: 3, noNaN: true }),
        fc.integer({ min: 1, max: 20 }),
        (w, s, k) => {
          const m = { w, b: 0.3, s };
          const estimate = iwae(m, x, truePosterior(m, x), k, 20, 5);
          expect(estimate.mean).toBeCloseTo(logEvidence(m, x), 10);
          expect(estimate.standardError).toBeLessThan(1e-10);
        },
      ),
      { ...runs, numRuns: 50 },
    );
  });

  it("refuses a K that is not a positive integer", () => {
    for (const k of [0, -1, 1.5, NaN, Infinity])
      expect(() => checkImportanceSamples(k)).toThrow(/k \(importance samples\)/);
    expect(() => iwaeSampler(() => 0, 0)).toThrow(/positive integer/);
  });
});

describe("iwaeRows", () => {
  it("estimates each row from its own k weights, and rejects a bad k or a ragged length", () => {
    const weights = Float64Array.from([0, Math.log(3), 7, 7]);
    expect(Array.from(iwaeRows(weights, 2))).toEqual([logMeanExp([0, Math.log(3)]), 7]);
    expect(iwaeRows(weights, 2)[0]).toBeCloseTo(Math.log(2), 14);
    expect(() => iwaeRows(Float64Array.from([1, 2, 3]), 2)).toThrow(/rows of k = 2/);
    expect(() => iwaeRows(Float64Array.from([1, 2]), 0)).toThrow(RangeError);
  });
});
