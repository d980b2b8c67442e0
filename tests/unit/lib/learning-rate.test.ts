import { describe, expect, it } from "vitest";
import { constantRate, warmupInverseSqrt } from "../../../src/lib/learning-rate";

describe("learning-rate schedules", () => {
  it("a constant rate is the same at every step", () => {
    const rate = constantRate(1e-3);
    expect([1, 10, 10_000].map(rate)).toEqual([1e-3, 1e-3, 1e-3]);
  });

  it("warms up linearly, holds the peak, then decays as 1/√t", () => {
    const rate = warmupInverseSqrt(3e-3, 100, 400);
    expect(rate(1)).toBeCloseTo(3e-5, 12);
    expect(rate(50)).toBeCloseTo(1.5e-3, 12);
    expect(rate(100)).toBe(3e-3);
    expect(rate(400)).toBe(3e-3);
    // Four times the steps past the start of the decay: half the rate.
    expect(rate(1600)).toBeCloseTo(1.5e-3, 12);
    expect(rate(6400)).toBeCloseTo(0.75e-3, 12);
  });

  it("never increases after the warm-up", () => {
    const rate = warmupInverseSqrt(2e-3, 50, 200);
    for (let t = 50; t < 5000; t += 37) expect(rate(t + 1)).toBeLessThanOrEqual(rate(t));
  });

  it("refuses rates and lengths that are not a schedule", () => {
    for (const bad of [0, -1e-3, NaN, Infinity]) expect(() => constantRate(bad)).toThrow(RangeError);
    expect(() => warmupInverseSqrt(0, 10, 20)).toThrow(RangeError);
    expect(() => warmupInverseSqrt(1e-3, 0, 20)).toThrow(RangeError);
    expect(() => warmupInverseSqrt(1e-3, 30, 20)).toThrow(RangeError);
    expect(() => warmupInverseSqrt(1e-3, 10, Infinity)).toThrow(RangeError);
  });
});
