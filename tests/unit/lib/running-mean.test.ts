import { describe, expect, it } from "vitest";
import { RunningMean } from "../../../src/lib/running-mean";

describe("RunningMean", () => {
  it("gives the mean, unbiased variance and standard error of a known list", () => {
    const running = new RunningMean();
    [2, 4, 4, 4, 5, 5, 7, 9].forEach((value) => running.add(value));
    const estimate = running.estimate();
    expect(estimate.mean).toBe(5);
    expect(estimate.variance).toBeCloseTo(32 / 7, 14);
    expect(estimate.standardError).toBeCloseTo(Math.sqrt(32 / 7 / 8), 14);
    expect(estimate.count).toBe(8);
  });

  it("keeps the spread of samples that share a large constant", () => {
    const running = new RunningMean();
    [1e9 + 1, 1e9 + 2, 1e9 + 3].forEach((value) => running.add(value));
    expect(running.estimate().variance).toBeCloseTo(1, 6);
  });

  it("has an unbounded standard error for one sample and refuses none", () => {
    const running = new RunningMean();
    expect(() => running.estimate()).toThrow(RangeError);
    running.add(3);
    expect(running.estimate()).toMatchObject({ mean: 3, standardError: Infinity });
  });
});
