import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  elboTerms,
  klNormal1D,
  logEvidence,
  logEvidenceByQuadrature,
  logNormalDensity,
  monteCarloElbo,
  truePosterior,
  type LinearGaussianModel,
  type Normal1D,
} from "../../../src/lib/elbo";
import { createRandom } from "../../../src/lib/random";

const finite = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
const positive = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });

const modelArb = fc.record({ w: finite(-5, 5), b: finite(-5, 5), s: positive(0.05, 5) });
const qArb = fc.record({ mean: finite(-6, 6), sd: positive(0.05, 5) });
const caseArb = fc.record({ model: modelArb, x: finite(-10, 10), q: qArb });

// Fixed seed: the properties run the same cases every time, so a failure is a bug, not bad luck.
const runs = { seed: 20240605, numRuns: 300 };

/** Trapezoid rule for ∫ p(x | z) p(z) dz on a wide grid around the posterior: an independent log p(x). */
function integratedEvidence(model: LinearGaussianModel, x: number): number {
  const posterior = truePosterior(model, x);
  const steps = 20_000;
  const lo = posterior.mean - 12 * posterior.sd;
  const hi = posterior.mean + 12 * posterior.sd;
  const h = (hi - lo) / steps;
  const logJoint = (z: number) => logNormalDensity(x, model.w * z + model.b, model.s) + logNormalDensity(z, 0, 1);
  const peak = logJoint(posterior.mean);
  let sum = 0;
  for (let i = 0; i <= steps; i++) {
    const weight = i === 0 || i === steps ? 0.5 : 1;
    sum += weight * Math.exp(logJoint(lo + i * h) - peak);
  }
  return peak + Math.log(sum * h);
}

function scale(...values: number[]): number {
  return Math.max(1, ...values.map(Math.abs));
}

describe("the 1-D linear-Gaussian model", () => {
  it("gives log p(x) = log N(x; b, w² + s²) at a hand-computed point", () => {
    // w = 2, b = 0.5, s = 1, x = 1.5: p(x) = N(1.5; 0.5, 5) → −½ log(10π) − 1/10.
    const expected = -0.5 * Math.log(10 * Math.PI) - 0.1;
    expect(logEvidence({ w: 2, b: 0.5, s: 1 }, 1.5)).toBeCloseTo(expected, 14);
  });

  it("agrees with numerical integration of p(x | z) p(z) over z", () => {
    fc.assert(
      fc.property(modelArb, finite(-10, 10), (model, x) => {
        expect(Math.abs(logEvidence(model, x) - integratedEvidence(model, x))).toBeLessThan(1e-8);
      }),
      { ...runs, numRuns: 60 },
    );
  });

  it("is reached by brute-force quadrature with a few thousand points in one dimension", () => {
    fc.assert(
      fc.property(modelArb, finite(-10, 10), (model, x) => {
        const exact = logEvidence(model, x);
        expect(Math.abs(logEvidenceByQuadrature(model, x) - exact)).toBeLessThan(1e-12 * Math.max(1, Math.abs(exact)));
      }),
      runs,
    );
    expect(() => logEvidenceByQuadrature({ w: 1, b: 0, s: 1 }, 0, 2)).toThrow(/points must be/);
  });

  it("has the posterior Bayes' theorem gives: p(x | z) p(z) / p(x) = N(z; mean, sd²)", () => {
    fc.assert(
      fc.property(caseArb, finite(-3, 3), ({ model, x }, offset) => {
        const posterior = truePosterior(model, x);
        const z = posterior.mean + offset * posterior.sd;
        const bayes =
          logNormalDensity(x, model.w * z + model.b, model.s) + logNormalDensity(z, 0, 1) - logEvidence(model, x);
        expect(bayes).toBeCloseTo(logNormalDensity(z, posterior.mean, posterior.sd), 9);
      }),
      runs,
    );
  });
});

describe("the ELBO identity", () => {
  it("log p(x) = ELBO + D_KL(q ‖ p(z | x)) to machine precision", () => {
    fc.assert(
      fc.property(caseArb, ({ model, x, q }) => {
        const t = elboTerms(model, x, q);
        const residual = t.logPx - (t.elbo + t.klGap);
        expect(Math.abs(residual)).toBeLessThanOrEqual(
          64 * Number.EPSILON * scale(t.logPx, t.recon, t.klPrior, t.klGap),
        );
      }),
      runs,
    );
  });

  it("ELBO ≤ log p(x), with a gap that is never negative", () => {
    fc.assert(
      fc.property(caseArb, ({ model, x, q }) => {
        const t = elboTerms(model, x, q);
        expect(t.klGap).toBeGreaterThanOrEqual(0);
        expect(t.klPrior).toBeGreaterThanOrEqual(0);
        expect(t.elbo).toBeLessThanOrEqual(t.logPx + 64 * Number.EPSILON * scale(t.logPx, t.recon, t.klPrior));
      }),
      runs,
    );
  });

  it("has a gap of exactly zero at the true posterior, and only there", () => {
    fc.assert(
      fc.property(caseArb, ({ model, x, q }) => {
        const posterior = truePosterior(model, x);
        const atPosterior = elboTerms(model, x, posterior);
        expect(atPosterior.klGap).toBe(0);
        expect(atPosterior.elbo).toBeCloseTo(atPosterior.logPx, 12);
        const moved = { mean: posterior.mean + 1e-3 * posterior.sd, sd: posterior.sd };
        expect(elboTerms(model, x, moved).klGap).toBeGreaterThan(0);
        if (q.mean !== posterior.mean || q.sd !== posterior.sd) expect(elboTerms(model, x, q).klGap).toBeGreaterThan(0);
      }),
      runs,
    );
  });

  it("splits the ELBO into recon − KL to the prior, with KL(q ‖ N(0,1)) = ½(qs² + qm² − 1 − log qs²)", () => {
    fc.assert(
      fc.property(caseArb, ({ model, x, q }) => {
        const t = elboTerms(model, x, q);
        expect(t.elbo).toBe(t.recon - t.klPrior);
        const vaeFormula = 0.5 * (q.sd ** 2 + q.mean ** 2 - 1 - Math.log(q.sd ** 2));
        expect(t.klPrior).toBeCloseTo(vaeFormula, 12);
      }),
      runs,
    );
  });

  it("keeps small KL values accurate where the textbook formula cancels", () => {
    const p: Normal1D = { mean: 0, sd: 1 };
    // qs = 1 + 1e-9: ½(qs² − 1 − log qs²) ≈ (1e-9)² = 1e-18, which the direct formula rounds badly.
    const kl = klNormal1D({ mean: 0, sd: 1 + 1e-9 }, p);
    expect(kl / 1e-18).toBeCloseTo(1, 6);
  });
});

describe("the Monte Carlo ELBO", () => {
  it("lies within 4 standard errors of every closed form", () => {
    fc.assert(
      fc.property(caseArb, fc.integer({ min: 1, max: 1_000_000 }), ({ model, x, q }, seed) => {
        const t = elboTerms(model, x, q);
        const mc = monteCarloElbo(model, x, q, 4000, createRandom(seed));
        const pairs: [number, { mean: number; standardError: number }][] = [
          [t.elbo, mc.elbo],
          [t.recon, mc.recon],
          [t.klPrior, mc.klPrior],
          [t.klGap, mc.klGap],
        ];
        for (const [exact, estimate] of pairs) {
          // The rounding term matters only at the posterior, where the ELBO integrand is constant.
          expect(Math.abs(estimate.mean - exact)).toBeLessThanOrEqual(
            4 * estimate.standardError + 1e-12 * scale(exact),
          );
        }
      }),
      { ...runs, numRuns: 100 },
    );
  });

  it("is the same for the same seed and differs for another", () => {
    const model = { w: 1.5, b: 0, s: 0.8 };
    const q = { mean: 0.2, sd: 0.7 };
    const a = monteCarloElbo(model, 1, q, 500, createRandom(3));
    const b = monteCarloElbo(model, 1, q, 500, createRandom(3));
    const c = monteCarloElbo(model, 1, q, 500, createRandom(4));
    expect(a).toEqual(b);
    expect(a.elbo.mean).not.toBe(c.elbo.mean);
  });

  it("has zero variance at the true posterior, where log p(x, z) − log q(z) = log p(x) for every z", () => {
    const model = { w: 2, b: -1, s: 0.5 };
    const posterior = truePosterior(model, 0.7);
    const mc = monteCarloElbo(model, 0.7, posterior, 1000, createRandom(9));
    expect(mc.elbo.mean).toBeCloseTo(logEvidence(model, 0.7), 12);
    expect(mc.elbo.standardError).toBeLessThan(1e-13);
  });

  it("reports an unbounded standard error for a single sample", () => {
    const mc = monteCarloElbo({ w: 1, b: 0, s: 1 }, 0, { mean: 0, sd: 1 }, 1, createRandom(1));
    expect(Number.isFinite(mc.elbo.mean)).toBe(true);
    expect(mc.elbo.standardError).toBe(Infinity);
  });
});

describe("bad and extreme values", () => {
  const model = { w: 1, b: 0, s: 1 };
  const q = { mean: 0, sd: 1 };

  it.each([
    ["s", { ...model, s: 0 }, 0, q, /^s must be a positive/],
    ["s", { ...model, s: -1 }, 0, q, /^s must be a positive/],
    ["w", { ...model, w: Number.NaN }, 0, q, /^w must be a finite/],
    ["x", model, Infinity, q, /^x must be a finite/],
    ["qs", model, 0, { mean: 0, sd: 0 }, /^qs must be a positive/],
    ["qm", model, 0, { mean: -Infinity, sd: 1 }, /^qm must be a finite/],
  ])("names %s when it is invalid", (_name, m, x, approximation, message) => {
    expect(() => elboTerms(m, x, approximation)).toThrow(message);
  });

  it("rejects a sample count that is not a positive integer", () => {
    expect(() => monteCarloElbo(model, 0, q, 0, createRandom(1))).toThrow(/^n must be a positive integer/);
    expect(() => monteCarloElbo(model, 0, q, 2.5, createRandom(1))).toThrow(/^n must be a positive integer/);
  });

  it("gives finite numbers or a clear RangeError, never NaN, for extreme magnitudes", () => {
    const extreme = fc.oneof(fc.constantFrom(0, 1e-300, -1e-300, 1e150, -1e150, 1e300, -1e300), finite(-1e6, 1e6));
    const scaleArb = fc.oneof(fc.constantFrom(1e-300, 1e-150, 1e150, 1e300, Number.MIN_VALUE), positive(1e-6, 1e6));
    fc.assert(
      fc.property(extreme, extreme, scaleArb, extreme, extreme, scaleArb, (w, b, s, x, qm, qs) => {
        try {
          const t = elboTerms({ w, b, s }, x, { mean: qm, sd: qs });
          for (const value of Object.values(t)) expect(Number.isFinite(value)).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(RangeError);
          expect((error as Error).message).toMatch(/beyond the range|underflows/);
        }
      }),
      { ...runs, numRuns: 500 },
    );
  });
});
