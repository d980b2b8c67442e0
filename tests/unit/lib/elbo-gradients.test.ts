import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { elboTerms, truePosterior } from "../../../src/lib/elbo";
import { estimateElboGradients, estimatorVariances, exactElboGradient } from "../../../src/lib/elbo-gradients";
import { createRandom } from "../../../src/lib/random";

const finite = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
const caseArb = fc.record({
  model: fc.record({ w: finite(-3, 3), b: finite(-3, 3), s: finite(0.2, 3) }),
  x: finite(-5, 5),
  q: fc.record({ mean: finite(-3, 3), sd: finite(0.2, 3) }),
});
const runs = { seed: 77, numRuns: 100 };

describe("the exact ELBO gradient", () => {
  it("matches central finite differences of the closed-form ELBO", () => {
    fc.assert(
      fc.property(caseArb, ({ model, x, q }) => {
        const h = 1e-5;
        const elbo = (mean: number, sd: number) => elboTerms(model, x, { mean, sd }).elbo;
        const gradient = exactElboGradient(model, x, q);
        const dqm = (elbo(q.mean + h, q.sd) - elbo(q.mean - h, q.sd)) / (2 * h);
        const dqs = (elbo(q.mean, q.sd + h) - elbo(q.mean, q.sd - h)) / (2 * h);
        expect(gradient.qm).toBeCloseTo(dqm, 4);
        expect(gradient.qs).toBeCloseTo(dqs, 4);
      }),
      runs,
    );
  });

  it("is zero at the true posterior, the ELBO's maximum", () => {
    const model = { w: 1.3, b: 0.2, s: 0.6 };
    const gradient = exactElboGradient(model, -0.4, truePosterior(model, -0.4));
    expect(Math.abs(gradient.qm)).toBe(0);
    expect(gradient.qs).toBeCloseTo(0, 12);
  });
});

describe("score-function and reparameterisation estimates", () => {
  it("are both within 4 standard errors of the exact gradient", () => {
    fc.assert(
      fc.property(caseArb, fc.integer({ min: 1, max: 1_000_000 }), ({ model, x, q }, seed) => {
        const exact = exactElboGradient(model, x, q);
        const estimates = estimateElboGradients(model, x, q, 5000, createRandom(seed));
        for (const estimator of [estimates.score, estimates.reparam]) {
          expect(Math.abs(estimator.qm.mean - exact.qm)).toBeLessThanOrEqual(4 * estimator.qm.standardError + 1e-9);
          expect(Math.abs(estimator.qs.mean - exact.qs)).toBeLessThanOrEqual(4 * estimator.qs.standardError + 1e-9);
        }
      }),
      runs,
    );
  });

  it("have sample variances that match the closed-form per-sample variances", () => {
    fc.assert(
      fc.property(caseArb, fc.integer({ min: 1, max: 1_000_000 }), ({ model, x, q }, seed) => {
        const exact = estimatorVariances(model, x, q);
        const estimates = estimateElboGradients(model, x, q, 100_000, createRandom(seed));
        // The sample variance of these heavy-tailed products converges slowly; 15% is many of its standard errors here.
        const close = (estimate: number, exact: number) => expect(Math.abs(estimate / exact - 1)).toBeLessThan(0.15);
        close(estimates.reparam.qm.variance, exact.reparam.qm);
        close(estimates.reparam.qs.variance, exact.reparam.qs);
        close(estimates.score.qm.variance, exact.score.qm);
        close(estimates.score.qs.variance, exact.score.qs);
      }),
      { ...runs, numRuns: 20 },
    );
  });

  it("show the score function's larger variance, growing as x becomes less probable", () => {
    const model = { w: 1.5, b: 0, s: 0.8 };
    const q = { mean: 0, sd: 1 };
    const ratios = [1.2, 4, 6].map((x) => {
      const variances = estimatorVariances(model, x, q);
      return Math.min(variances.score.qm / variances.reparam.qm, variances.score.qs / variances.reparam.qs);
    });
    expect(ratios[0]).toBeGreaterThan(4);
    expect(ratios[1]).toBeGreaterThan(ratios[0]!);
    expect(ratios[2]).toBeGreaterThan(ratios[1]!);
  });

  it("repeat for the same seed", () => {
    const model = { w: 1, b: 0, s: 1 };
    const q = { mean: 0.3, sd: 0.9 };
    expect(estimateElboGradients(model, 0.5, q, 200, createRandom(5))).toEqual(
      estimateElboGradients(model, 0.5, q, 200, createRandom(5)),
    );
  });

  it("reject bad values by name", () => {
    const model = { w: 1, b: 0, s: 1 };
    expect(() => estimateElboGradients(model, 0, { mean: 0, sd: -1 }, 10, createRandom(1))).toThrow(
      /^qs must be a positive/,
    );
    expect(() => estimateElboGradients({ ...model, s: 0 }, 0, { mean: 0, sd: 1 }, 10, createRandom(1))).toThrow(
      /^s must be/,
    );
    expect(() => estimateElboGradients(model, 0, { mean: 0, sd: 1 }, 0, createRandom(1))).toThrow(/^n must be/);
  });
});
