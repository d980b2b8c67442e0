import { describe, expect, it } from "vitest";
import { budgetSchedule, constantRate, continuedSchedule, warmupInverseSqrt } from "../../../src/lib/learning-rate";

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

  it("continues a schedule from a trained model's step count, warmed up again", () => {
    const schedule = warmupInverseSqrt(3e-3, 100, 500);
    const continued = continuedSchedule(schedule, 6000, 100);
    // Warm-up: a tenth of the way in, a tenth of the rate the schedule has reached.
    expect(continued(10)).toBeCloseTo(schedule(6010) / 10, 15);
    expect(continued(100)).toBeCloseTo(schedule(6100), 15);
    expect(continued(400)).toBeCloseTo(3e-3 * Math.sqrt(500 / 6400), 15);
    // Never above where the schedule had decayed to: the converged model is not shaken.
    for (let t = 1; t <= 2000; t += 7) expect(continued(t)).toBeLessThanOrEqual(schedule(6000));
    expect(() => continuedSchedule(schedule, -1, 100)).toThrow(RangeError);
    expect(() => continuedSchedule(schedule, 0, 0)).toThrow(RangeError);
  });

  it("refuses rates and lengths that are not a schedule", () => {
    for (const bad of [0, -1e-3, NaN, Infinity]) expect(() => constantRate(bad)).toThrow(RangeError);
    expect(() => warmupInverseSqrt(0, 10, 20)).toThrow(RangeError);
    expect(() => warmupInverseSqrt(1e-3, 0, 20)).toThrow(RangeError);
    expect(() => warmupInverseSqrt(1e-3, 30, 20)).toThrow(RangeError);
    expect(() => warmupInverseSqrt(1e-3, 10, Infinity)).toThrow(RangeError);
  });

  describe("budgetSchedule", () => {
    const schedule = {
      peak: 3e-3,
      warmup: 100,
      cooldown: 1,
      final: 0.1,
      anytimePeak: 2e-3,
      decayFrom: 500,
      cooledLevel: 0.25,
    };
    const rate = budgetSchedule(schedule);
    const fresh = (step: number, used: number) => rate({ step, used, stepsBefore: 0, cooled: false });

    it("warms up linearly over its first updates, then decays linearly with the budget used, to `final` at its end", () => {
      expect(fresh(1, 0)).toBeCloseTo(3e-5, 15);
      expect(fresh(50, 0)).toBeCloseTo(1.5e-3, 15);
      expect(fresh(100, 0)).toBe(3e-3);
      expect(fresh(1000, 0.5)).toBeCloseTo(3e-3 * (0.1 + 0.9 * 0.5), 15);
      expect(fresh(1000, 1)).toBeCloseTo(3e-4, 15);
      // The warm-up counts updates and the decay time: both shrink a rate early in a short budget.
      expect(fresh(50, 0.5)).toBeCloseTo(1.5e-3 * 0.55, 15);
    });

    it("with a cooldown, holds its level until the budget's last part, then decays linearly over it", () => {
      const stable = budgetSchedule({ ...schedule, cooldown: 0.25 });
      const at = (used: number) => stable({ step: 1000, used, stepsBefore: 0, cooled: false });
      expect(at(0)).toBe(3e-3);
      expect(at(0.75)).toBe(3e-3);
      expect(at(0.875)).toBeCloseTo(3e-3 * (0.1 + 0.9 * 0.5), 15);
      expect(at(1)).toBeCloseTo(3e-4, 15);
    });

    it("never rises after the warm-up as the budget is used, and holds `final` outside [0, 1]", () => {
      for (let used = 0; used < 1; used += 0.01) expect(fresh(500, used + 0.01)).toBeLessThan(fresh(500, used));
      expect(fresh(500, 1.5)).toBe(fresh(500, 1));
      expect(fresh(500, -0.5)).toBe(fresh(500, 0));
    });

    it("starts a trained model's budget where an anytime schedule would have come to, never above the peak", () => {
      const anytime = warmupInverseSqrt(2e-3, 100, 500);
      expect(rate({ step: 100, used: 0, stepsBefore: 6000, cooled: false })).toBeCloseTo(anytime(6000), 15);
      expect(rate({ step: 100, used: 0, stepsBefore: 500, cooled: false })).toBe(2e-3);
      expect(rate({ step: 100, used: 0, stepsBefore: 200, cooled: false })).toBe(3e-3);
      // Warmed up again from nothing: the first update of the new budget is a hundredth of that level.
      expect(rate({ step: 1, used: 0, stepsBefore: 6000, cooled: false })).toBeCloseTo(anytime(6000) / 100, 15);
      expect(rate({ step: 100, used: 1, stepsBefore: 6000, cooled: false })).toBeCloseTo(0.1 * anytime(6000), 15);
      // After a budget of its own, which decayed to its end: a quarter of that level here.
      expect(rate({ step: 100, used: 0, stepsBefore: 6000, cooled: true })).toBeCloseTo(anytime(6000) / 4, 15);
    });

    it("refuses parameters and positions that are not a schedule's", () => {
      for (const bad of [
        { peak: 0 },
        { peak: Infinity },
        { anytimePeak: 0 },
        { warmup: 0 },
        { warmup: NaN },
        { cooldown: 0 },
        { cooldown: 1.5 },
        { final: -0.1 },
        { final: 1 },
        { decayFrom: 0 },
        { decayFrom: Infinity },
        { cooledLevel: 0 },
        { cooledLevel: 1.5 },
      ])
        expect(() => budgetSchedule({ ...schedule, ...bad })).toThrow(RangeError);
      for (const bad of [{ step: 0 }, { step: NaN }, { stepsBefore: -1 }, { used: NaN }, { used: Infinity }])
        expect(() => rate({ step: 1, used: 0, stepsBefore: 0, cooled: false, ...bad })).toThrow(RangeError);
    });
  });
});
