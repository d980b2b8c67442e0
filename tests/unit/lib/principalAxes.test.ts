import { describe, expect, it } from "vitest";
import { principalAxes } from "../../../src/lib/principalAxes";
import { createRandom } from "../../../src/lib/random";

describe("principalAxes", () => {
  it("finds the axes and variances of a stretched, rotated Gaussian cloud", () => {
    const random = createRandom(5);
    const angle = 0.6;
    const rows: number[] = [];
    for (let i = 0; i < 20_000; i++) {
      const a = 3 * random.normal();
      const b = 1 * random.normal();
      const c = 0.2 * random.normal();
      rows.push(1 + a * Math.cos(angle) - b * Math.sin(angle), -2 + a * Math.sin(angle) + b * Math.cos(angle), c);
    }
    const { axes, variances, mean } = principalAxes(rows, 3);
    expect(mean[0]).toBeCloseTo(1, 1);
    expect(mean[1]).toBeCloseTo(-2, 1);
    expect(variances[0]).toBeCloseTo(9, 0);
    expect(variances[1]).toBeCloseTo(1, 1);
    expect(Math.abs(axes[0]![0]!)).toBeCloseTo(Math.cos(angle), 2);
    expect(Math.abs(axes[0]![1]!)).toBeCloseTo(Math.sin(angle), 2);
    const dot = axes[0]!.reduce((s, x, j) => s + x * axes[1]![j]!, 0);
    expect(dot).toBeCloseTo(0, 6);
  });
});
