import { describe, expect, it } from "vitest";
import { activeUnits, columnVariances } from "../../../src/lib/active-units";
import { createRandom } from "../../../src/lib/random";

describe("active units", () => {
  it("column variances are population variances, exact far from zero", () => {
    expect(columnVariances([1, 10, 3, 10, 5, 10], 2)).toEqual([8 / 3, 0]);
    const offset = columnVariances([1e8 + 1, 1e8 - 1], 1)[0]!;
    expect(offset).toBeCloseTo(1, 12);
    expect(() => columnVariances([1, 2, 3], 2)).toThrow(RangeError);
    expect(() => columnVariances([], 2)).toThrow(RangeError);
  });

  it("counts the dimensions whose posterior mean varies with variance above 0.01 (Burda et al., 2016)", () => {
    const random = createRandom(3);
    const rows = 2000;
    const scales = [1, 0.5, 0.2, 0.05, 0.001, 0];
    const means = new Float64Array(rows * scales.length);
    for (let i = 0; i < rows; i++)
      scales.forEach((scale, j) => (means[i * scales.length + j] = 3 + scale * random.normal()));
    // Variances ≈ 1, 0.25, 0.04, 0.0025, 1e-6, 0: three are above 0.01.
    expect(activeUnits(means, scales.length)).toBe(3);
    expect(activeUnits(means, scales.length, 0.001)).toBe(4);
  });
});
