import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { klDiscrete, klTerm, normaliseWeights } from "../../../src/lib/kl-discrete";
import golden from "./golden/golden.json";

const relativeError = (actual: number, expected: number) =>
  Math.abs(actual - expected) / Math.max(1e-300, Math.abs(expected));

const kl = (p: number[], q: number[], unit: "nats" | "bits" = "nats") =>
  klDiscrete(normaliseWeights(p).probabilities, normaliseWeights(q).probabilities, unit).value;

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
    expect(result.terms.map((t) => t.contribution)).toEqual(p.map((pi, i) => pi * Math.log(pi / q[i]!)));
    expect(result.terms.reduce((sum, t) => sum + t.contribution, 0)).toBeCloseTo(result.value, 15);
  });

  it("keeps extreme weights finite where the ratio itself would overflow", () => {
    expect(klTerm(1, 1e-320).contribution).toBeCloseTo(-Math.log(1e-320), 10);
    expect(Number.isFinite(klTerm(5e-324, 1).excess)).toBe(true);
  });

  it("normalises weights and says so", () => {
    expect(normaliseWeights([1, 1, 2])).toEqual({ probabilities: [0.25, 0.25, 0.5], total: 4, normalised: true });
    expect(normaliseWeights([0.36, 0.48, 0.16]).normalised).toBe(false);
    expect(() => normaliseWeights([0, 0])).toThrow(/positive/);
    expect(() => normaliseWeights([1, -1])).toThrow(/non-negative/);
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
