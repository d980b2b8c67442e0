import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { klDiscrete, klTerm } from "../../../src/lib/kl-discrete";
import { normaliseWeights } from "../../../src/lib/weights";
import golden from "./golden/golden.json";
import { closeTo, D, exact, fromScale } from "./reference";

const relativeError = (actual: number, expected: number) =>
  Math.abs(actual - expected) / Math.max(1e-300, Math.abs(expected));

const kl = (p: number[], q: number[], unit: "nats" | "bits" = "nats") =>
  klDiscrete(normaliseWeights(p)!.probabilities, normaliseWeights(q)!.probabilities, unit).value;

describe("klDiscrete against exact rationals and 50-digit logarithms (golden.json)", () => {
  for (const entry of golden.discrete) {
    it(entry.name, () => {
      const check = (actual: number, expected: string) =>
        expected === "Infinity"
          ? expect(actual).toBe(Infinity)
          : expect(relativeError(actual, Number(expected))).toBeLessThan(1e-12);
      check(kl(entry.p, entry.q), entry.pq_nats);
      check(kl(entry.q, entry.p), entry.qp_nats);
      check(kl(entry.p, entry.q, "bits"), entry.pq_bits);
      check(kl(entry.q, entry.p, "bits"), entry.qp_bits);
    });
  }

  it("finds the notes' 0.09637 only with 0.333 for 1/3 throughout; the true value is 0.09746", () => {
    const p = [0.36, 0.48, 0.16];
    const ratioOnly = p.reduce((sum, pi) => sum + (1 / 3) * Math.log(0.333 / pi), 0);
    const throughout = klDiscrete([0.333, 0.333, 0.333], p).terms.reduce((sum, term) => sum + term.contribution, 0);
    expect(relativeError(ratioOnly, Number(golden.notesRoundedRatioQP))).toBeLessThan(1e-13);
    expect(relativeError(throughout, Number(golden.notesRoundedThroughoutQP))).toBeLessThan(1e-13);
    expect(Math.abs(throughout - 0.09637)).toBeLessThan(2e-5);
    expect(kl([1, 1, 1], p)).toBeCloseTo(0.097455, 6);
  });
});

describe("conventions", () => {
  it("0 · log 0 = 0 and p · log(p/0) = ∞", () => {
    expect(klTerm(0, 0).contribution).toBe(0);
    expect(klTerm(0, 0.5).contribution).toBe(0);
    expect(klTerm(0.5, 0).contribution).toBe(Infinity);
  });

  it("reports each term; the terms add up to the total", () => {
    const p = [0.36, 0.48, 0.16];
    const q = [1 / 3, 1 / 3, 1 / 3];
    const result = klDiscrete(p, q);
    result.terms.forEach((term, i) => {
      const [pi, qi] = [exact(p[i]!), exact(q[i]!)];
      expect(closeTo(term.contribution, pi.times(pi.div(qi).ln()))).toBe(true);
    });
    expect(result.terms.reduce((sum, t) => sum + t.contribution, 0)).toBeCloseTo(result.value, 15);
  });

  it("keeps extreme weights finite where the ratio itself would overflow", () => {
    expect(klTerm(1, 1e-320).contribution).toBeCloseTo(-Math.log(1e-320), 10);
    expect(Number.isFinite(klTerm(5e-324, 1).excess)).toBe(true);
  });

  it("rejects distributions of different lengths", () => {
    expect(() => klDiscrete([0.5, 0.5], [1])).toThrow(/2 outcomes but Q has 1/);
  });
});

// Zeros are frequent so that the 0·log 0 and p·log(p/0) cases are exercised.
const weight = fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max: 100, noNaN: true }));
const weights = (length: number) =>
  fc.array(weight, { minLength: length, maxLength: length }).filter((w) => w.some((x) => x > 0));
const pair = fc.integer({ min: 2, max: 12 }).chain((length) => fc.tuple(weights(length), weights(length)));

describe("properties", () => {
  it("KL ≥ 0 (Gibbs' inequality), in both directions", () => {
    fc.assert(
      fc.property(pair, ([p, q]) => {
        expect(kl(p, q)).toBeGreaterThanOrEqual(0);
        expect(kl(q, p)).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it("KL(P‖P) = 0", () => {
    fc.assert(
      fc.property(pair, ([p]) => {
        expect(kl(p, p)).toBe(0);
      }),
    );
  });

  it("is invariant under relabelling the outcomes", () => {
    const withPermutation = pair.chain(([p, q]) =>
      fc.tuple(
        fc.constant(p),
        fc.constant(q),
        fc.shuffledSubarray([...p.keys()], { minLength: p.length, maxLength: p.length }),
      ),
    );
    fc.assert(
      fc.property(withPermutation, ([p, q, order]) => {
        const before = kl(p, q);
        const after = kl(
          order.map((i) => p[i]!),
          order.map((i) => q[i]!),
        );
        if (before === Infinity) expect(after).toBe(Infinity);
        else expect(Math.abs(after - before)).toBeLessThanOrEqual(1e-12 * Math.max(1, before));
      }),
    );
  });

  it("is infinite exactly when Q is 0 somewhere P is not", () => {
    fc.assert(
      fc.property(pair, ([p, q]) => {
        const uncovered = p.some((pi, i) => pi > 0 && q[i] === 0);
        expect(kl(p, q) === Infinity).toBe(uncovered);
      }),
    );
  });

  it("in bits is the value in nats divided by ln 2", () => {
    fc.assert(
      fc.property(pair, ([p, q]) => {
        const nats = kl(p, q);
        const bits = kl(p, q, "bits");
        if (nats === Infinity) expect(bits).toBe(Infinity);
        else expect(Math.abs(bits - nats / Math.LN2)).toBeLessThanOrEqual(1e-12 * Math.max(1, bits));
      }),
    );
  });
});

describe("klTerm and klDiscrete against 60-digit references, down to subnormal probabilities", () => {
  const scale = fc
    .tuple(fc.double({ min: 1, max: 2, maxExcluded: true, noNaN: true }), fc.integer({ min: -1074, max: 0 }))
    .map(([mantissa, exponent]) => fromScale(mantissa, exponent));
  /** p log(p/q) − p + q and p log(p/q), computed from the doubles' exact values. */
  const reference = (p: number, q: number) => {
    const [ep, eq] = [exact(p), exact(q)];
    const contribution = ep.times(ep.div(eq).ln());
    return { contribution, excess: contribution.minus(ep).plus(eq) };
  };

  it("gives both forms of each term to 1e-13, for p and q at any scale", () => {
    fc.assert(
      fc.property(scale, scale, (p, q) => {
        const term = klTerm(p, q);
        const expected = reference(p, q);
        expect(closeTo(term.contribution, expected.contribution), `contribution p=${p} q=${q}`).toBe(true);
        expect(closeTo(term.excess, expected.excess), `excess p=${p} q=${q}`).toBe(true);
      }),
      { numRuns: 800 },
    );
  });

  it("gives the excess to 1e-13 where q is within a few ulps to a factor 3 of p (the cancellation)", () => {
    fc.assert(
      fc.property(
        scale,
        fc.double({ min: -0.7, max: 1, noNaN: true }),
        fc.integer({ min: -60, max: -1 }),
        (p, r, k) => {
          const q = p * (1 + r * 2 ** k);
          if (!(q > 0)) return;
          expect(closeTo(klTerm(p, q).excess, reference(p, q).excess), `p=${p} q=${q}`).toBe(true);
        },
      ),
      { numRuns: 800 },
    );
  });

  it("keeps a q far below p (scipy.stats.entropy: 36.8414 and 46.0517 nats, not 36.7368 and Infinity)", () => {
    for (const [small, expected] of [
      [1e-16, 36.8414],
      [1e-20, 46.0517],
    ] as const) {
      const value = kl([small, 1], [1, small]);
      expect(Number.isFinite(value)).toBe(true);
      expect(value).toBeCloseTo(expected, 4);
      const [p, q] = [normaliseWeights([small, 1])!.probabilities, normaliseWeights([1, small])!.probabilities];
      const exactValue = p.reduce((sum, pi, i) => sum.plus(reference(pi, q[i]!).excess), new D(0));
      expect(closeTo(value, exactValue)).toBe(true);
    }
  });

  it("sums whole distributions of weights at every scale to 1e-12 of the exact divergence", () => {
    const weights = fc.array(scale, { minLength: 2, maxLength: 6 });
    fc.assert(
      fc.property(weights, weights, (a, b) => {
        const n = Math.min(a.length, b.length);
        const p = normaliseWeights(a.slice(0, n))!.probabilities;
        const q = normaliseWeights(b.slice(0, n))!.probabilities;
        const expected = p.reduce(
          (sum, pi, i) => (pi === 0 ? sum.plus(exact(q[i]!)) : sum.plus(reference(pi, q[i]!).excess)),
          new D(0),
        );
        expect(closeTo(klDiscrete(p, q).value, expected, 1e-12), `p=${p} q=${q}`).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
