import { describe, expect, it } from "vitest";
import { checkpoints, monteCarloMean } from "../../../src/lib/monte-carlo";
import { createRandom } from "../../../src/lib/random";

describe("monteCarloMean", () => {
  it("gives the sample mean and the standard error sd/√n of a fixed list", async () => {
    const values = [1, 2, 3, 4, 10];
    let index = 0;
    const estimate = await monteCarloMean(() => values[index++]!, values.length);
    const mean = 4;
    const sampleVariance = values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (values.length - 1);
    expect(estimate.mean).toBeCloseTo(mean, 14);
    expect(estimate.standardError).toBeCloseTo(Math.sqrt(sampleVariance / values.length), 14);
    expect(estimate.path.map((p) => p.n)).toEqual([1, 2, 5]);
    expect(estimate.path[1]?.mean).toBe(1.5);
  });

  it("says a single draw has an unbounded standard error", async () => {
    const estimate = await monteCarloMean(() => 3, 1);
    expect(estimate).toMatchObject({ n: 1, mean: 3, standardError: Infinity });
  });

  it("stays accurate when the mean dwarfs the spread (Welford)", async () => {
    const shifted = createRandom(2);
    const plain = createRandom(2);
    const large = await monteCarloMean(() => 1e9 + shifted.uniform(), 100_000);
    const small = await monteCarloMean(() => plain.uniform(), 100_000);
    // The same draws: only rounding of 1e9 + u (about 1e-7 absolute) may separate the spreads.
    expect(Math.abs(large.standardError / small.standardError - 1)).toBeLessThan(1e-6);
  });

  it("yields to the page between slices", async () => {
    let yields = 0;
    await monteCarloMean(() => 0, 100_000, { sliceMs: 0, yieldToPage: async () => void yields++ });
    expect(yields).toBe(Math.floor(100_000 / 4096));
  });
});

describe("checkpoints", () => {
  it("steps 1, 2, 5 per decade and ends at n", () => {
    expect(checkpoints(1)).toEqual([1]);
    expect(checkpoints(30)).toEqual([1, 2, 5, 10, 20, 30]);
    expect(checkpoints(1000)).toEqual([1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]);
  });
});
