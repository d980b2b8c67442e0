import { describe, expect, it } from "vitest";
import { adamStepInPlace } from "../../../src/lib/adam-step";

describe("adamStepInPlace", () => {
  it("makes Adam's update by hand: moments first, then the weight", () => {
    const weights = Float32Array.of(1, -2);
    const grads = Float32Array.of(0.5, -4);
    const first = Float32Array.of(0.1, 0);
    const second = Float32Array.of(0.04, 0);
    adamStepInPlace(weights, grads, first, second, { stepSize: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 });
    // m = 0.9·0.1 + 0.1·0.5 = 0.14; v = 0.999·0.04 + 0.001·0.25 = 0.04021; w = 1 − 0.01·0.14/√0.04021.
    expect(first[0]).toBeCloseTo(0.14, 7);
    expect(second[0]).toBeCloseTo(0.04021, 7);
    expect(weights[0]).toBeCloseTo(1 - (0.01 * 0.14) / Math.sqrt(0.04021), 6);
    // From zero moments, one step moves by α·(1 − β₁)/√(1 − β₂) against the gradient's sign.
    expect(weights[1]).toBeCloseTo(-2 + (0.01 * 0.1) / Math.sqrt(0.001), 6);
  });

  it("refuses arrays of different lengths", () => {
    const a = new Float32Array(3);
    expect(() =>
      adamStepInPlace(a, new Float32Array(2), a.slice(), a.slice(), {
        stepSize: 1,
        beta1: 0.9,
        beta2: 0.999,
        epsilon: 1e-8,
      }),
    ).toThrow(RangeError);
  });
});
