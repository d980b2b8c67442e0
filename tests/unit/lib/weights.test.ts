import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normaliseWeights, roundDistribution, withProbability } from "../../../src/lib/weights";
import { closeTo, D, exact, weightVector } from "./reference";

describe("normaliseWeights", () => {
  it("divides by the total and says when it had to", () => {
    const fair = normaliseWeights([1, 1, 1, 1, 1, 1]);
    expect(fair?.total).toBe(6);
    expect(fair?.wasNormalised).toBe(true);
    for (const p of fair?.probabilities ?? []) expect(p).toBeCloseTo(1 / 6, 15);
  });

  it("leaves probabilities that already sum to 1 alone, despite decimal rounding", () => {
    const result = normaliseWeights([0.1, 0.2, 0.7]);
    expect(result?.wasNormalised).toBe(false);
    expect(result?.probabilities[2]).toBeCloseTo(0.7, 15);
  });

  it("rejects negative, non-finite and all-zero weights", () => {
    expect(normaliseWeights([1, -0.5])).toBeUndefined();
    expect(normaliseWeights([1, Number.NaN])).toBeUndefined();
    expect(normaliseWeights([1, Infinity])).toBeUndefined();
    expect(normaliseWeights([0, 0, 0])).toBeUndefined();
  });

  it("gives probabilities that sum to 1 and keep the weights' ratios", () => {
    const weights = fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(weights, (ws) => {
        fc.pre(ws.some((w) => w > 1e-300));
        const result = normaliseWeights(ws);
        expect(result).toBeDefined();
        const ps = result?.probabilities ?? [];
        expect(ps.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
        const total = ws.reduce((a, b) => a + b, 0);
        ws.forEach((w, i) => expect(ps[i]).toBeCloseTo(w / total, 12));
      }),
    );
  });
});

describe("normaliseWeights against 60-digit references, from subnormal weights to the largest doubles", () => {
  it("gives each w_i / Σ w to a few units in the last place", () => {
    fc.assert(
      fc.property(weightVector(1, 8), (weights) => {
        const result = normaliseWeights(weights);
        const total = weights.reduce((sum, w) => sum.plus(exact(w)), new D(0));
        weights.forEach((w, i) => {
          const expected = exact(w).div(total);
          expect(closeTo(result?.probabilities[i] ?? NaN, expected), `${weights} → ${result?.probabilities}`).toBe(
            true,
          );
        });
      }),
    );
  });

  it("keeps the edge cases: the largest doubles, the smallest, and both together", () => {
    expect(normaliseWeights([Number.MAX_VALUE, Number.MAX_VALUE])?.probabilities).toEqual([0.5, 0.5]);
    expect(normaliseWeights([Number.MIN_VALUE, 3 * Number.MIN_VALUE])?.probabilities).toEqual([0.25, 0.75]);
    expect(normaliseWeights([Number.MAX_VALUE, Number.MIN_VALUE])?.probabilities).toEqual([1, 0]);
    // 1e-320 / 3 lies on the subnormal grid's spacing: the nearest subnormal, not a double rounding.
    const third = normaliseWeights([1e-320, 2e-320, 0])?.probabilities ?? [];
    expect(closeTo(third[0] ?? NaN, exact(1e-320).div(exact(1e-320).plus(exact(2e-320))))).toBe(true);
  });
});

describe("withProbability and roundDistribution", () => {
  it("sets one entry and keeps the others' proportions", () => {
    const result = withProbability([0.1, 0.2, 0.7], 0, 0.5);
    expect(result[0]).toBe(0.5);
    expect((result[1] ?? 0) / (result[2] ?? 1)).toBeCloseTo(0.2 / 0.7, 14);
    expect(result.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14);
  });

  it("shares the rest equally when the others were all zero", () => {
    expect(withProbability([1, 0, 0], 0, 0.4)).toEqual([0.4, 0.3, 0.3]);
  });

  it("keeps the sum at 1 when another weight is subnormal", () => {
    const start = normaliseWeights([1e-6, 5e-324])?.probabilities ?? [];
    const result = withProbability(start, 0, 4.99933427988708e-13);
    expect(result.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it("rounds to a distribution even when the kept entry cannot absorb the residual", () => {
    const rounded = roundDistribution([0, 5.0005e-5, 5.0005e-5, 0.9999, 0, 0], 0, 4);
    expect(rounded.every((p) => p >= 0)).toBe(true);
    expect(rounded.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it("always gives a distribution, for any start, index and target", () => {
    fc.assert(
      fc.property(
        fc
          .array(fc.double({ min: 0, max: 10, noNaN: true }), { minLength: 2, maxLength: 8 })
          .filter((ws) => ws.some((w) => w > 1e-6)),
        fc.nat(),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (weights, rawIndex, target) => {
          const start = normaliseWeights(weights)?.probabilities ?? [];
          const index = rawIndex % start.length;
          const result = withProbability(start, index, target);
          expect(result[index]).toBe(target);
          for (const p of result) expect(p).toBeGreaterThanOrEqual(0);
          expect(result.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
          const rounded = roundDistribution(result, index, 4);
          expect(normaliseWeights(rounded)?.wasNormalised ?? true).toBe(false);
        },
      ),
    );
  });
});
