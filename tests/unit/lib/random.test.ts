import { describe, expect, it } from "vitest";
import { createRandom } from "../../../src/lib/random";

describe("createRandom", () => {
  it("repeats the same stream for the same seed and differs for another", () => {
    const a = createRandom(42);
    const b = createRandom(42);
    const c = createRandom(43);
    const seqA = Array.from({ length: 20 }, () => a.uniform());
    const seqB = Array.from({ length: 20 }, () => b.uniform());
    const seqC = Array.from({ length: 20 }, () => c.uniform());
    expect(seqA).toEqual(seqB);
    expect(seqA).not.toEqual(seqC);
  });

  it("gives uniforms in [0, 1) with mean 1/2 and variance 1/12", () => {
    const rng = createRandom(7);
    const n = 200_000;
    let sum = 0;
    let sumSq = 0;
    let low = Infinity;
    let high = -Infinity;
    for (let i = 0; i < n; i++) {
      const u = rng.uniform();
      low = Math.min(low, u);
      high = Math.max(high, u);
      sum += u;
      sumSq += u * u;
    }
    expect(low).toBeGreaterThanOrEqual(0);
    expect(high).toBeLessThan(1);
    const mean = sum / n;
    const variance = sumSq / n - mean * mean;
    // Standard error of the mean is sqrt(1/12 / n) ≈ 6.5e-4; allow 5 of them.
    expect(Math.abs(mean - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
    expect(variance).toBeCloseTo(1 / 12, 3);
  });

  it("gives standard normals: mean 0, variance 1, and the 1.96 quantile", () => {
    const rng = createRandom(123);
    const n = 200_000;
    let sum = 0;
    let sumSq = 0;
    let beyond = 0;
    let allFinite = true;
    for (let i = 0; i < n; i++) {
      const z = rng.normal();
      allFinite &&= Number.isFinite(z);
      sum += z;
      sumSq += z * z;
      if (Math.abs(z) > 1.959964) beyond++;
    }
    expect(allFinite).toBe(true);
    const mean = sum / n;
    expect(Math.abs(mean)).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(sumSq / n - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
    const share = beyond / n;
    expect(Math.abs(share - 0.05)).toBeLessThan(5 * Math.sqrt((0.05 * 0.95) / n));
  });

  it("accepts negative and large seeds as distinct streams", () => {
    const first = (seed: number) => createRandom(seed).uniform();
    expect(first(-1)).not.toEqual(first(1));
    expect(first(2 ** 40)).not.toEqual(first(0));
  });
});
