import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expectation, variance } from "../../../src/lib/expectation";
import { normaliseWeights } from "../../../src/lib/weights";

const fairDie = Array.from({ length: 6 }, () => 1 / 6);
const faces = [1, 2, 3, 4, 5, 6];

/** A distribution over `length` values with positive total weight. */
const distribution = (length: number) =>
  fc
    .array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: length, maxLength: length })
    .filter((ws) => ws.some((w) => w > 1e-6))
    .map((ws) => normaliseWeights(ws)?.probabilities ?? []);

const value = fc.double({ min: -1e3, max: 1e3, noNaN: true });

describe("expectation", () => {
  it("gives 3.5 for a fair die (the notes' Q3) and 35/12 for its variance", () => {
    expect(expectation(fairDie, faces)).toBeCloseTo(3.5, 14);
    expect(variance(fairDie, faces)).toBeCloseTo(35 / 12, 14);
  });

  it("refuses mismatched lengths", () => {
    expect(() => expectation([0.5, 0.5], [1])).toThrow();
  });

  it("is linear: E[aX + bY + c] = a E[X] + b E[Y] + c for any X, Y on the same outcomes", () => {
    fc.assert(
      fc.property(
        distribution(5),
        fc.array(value, { minLength: 5, maxLength: 5 }),
        fc.array(value, { minLength: 5, maxLength: 5 }),
        value,
        value,
        value,
        (p, xs, ys, a, b, c) => {
          const combined = xs.map((x, i) => a * x + b * (ys[i] ?? 0) + c);
          const direct = expectation(p, combined);
          const split = a * expectation(p, xs) + b * expectation(p, ys) + c;
          const scale = 1 + Math.abs(a) * 1e3 + Math.abs(b) * 1e3 + Math.abs(c);
          expect(Math.abs(direct - split)).toBeLessThan(1e-12 * scale);
        },
      ),
    );
  });

  it("lies between the smallest and largest value, and the variance is E[X²] − E[X]² ≥ 0", () => {
    fc.assert(
      fc.property(distribution(6), fc.array(value, { minLength: 6, maxLength: 6 }), (p, xs) => {
        const mean = expectation(p, xs);
        expect(mean).toBeGreaterThanOrEqual(Math.min(...xs) - 1e-9);
        expect(mean).toBeLessThanOrEqual(Math.max(...xs) + 1e-9);
        const v = variance(p, xs);
        expect(v).toBeGreaterThanOrEqual(0);
        const secondMoment = expectation(
          p,
          xs.map((x) => x * x),
        );
        expect(v).toBeCloseTo(secondMoment - mean * mean, 5);
      }),
    );
  });
});
