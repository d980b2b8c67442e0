import { describe, expect, it } from "vitest";
import { drawLatent, latentGradients } from "../../../src/lib/latent-layer";

describe("the latent layer on plain arrays", () => {
  it("draws z = μ + σ ε and gives the gradients at μ and log σ², and the KL, by hand", () => {
    // Two digits, latent 1: (μ, log σ²) = (0.5, ln 4) and (−1, 0); ε = 1 and −2.
    const stats = Float32Array.from([0.5, Math.log(4), -1, 0]);
    const eps = Float32Array.from([1, -2]);
    const z = new Float32Array(2);
    const std = drawLatent(1, stats, eps, z);
    expect(Array.from(std)).toEqual([2, 1]);
    expect(Array.from(z)).toEqual([2.5, -3]);
    const gStats = new Float32Array(4);
    const kl = latentGradients(1, stats, eps, std, Float32Array.from([0.3, -0.2]), 0.1, gStats);
    // ∂/∂μ = ∂z + 0.1 μ; ∂/∂log σ² = ½ (∂z ε σ + 0.1 (σ² − 1)).
    const expected = [0.3 + 0.05, 0.5 * (0.3 * 1 * 2 + 0.1 * 3), -0.2 - 0.1, 0.5 * (-0.2 * -2 * 1 + 0)];
    Array.from(gStats).forEach((value, i) => expect(value).toBeCloseTo(expected[i]!, 6));
    // ½ (σ² + μ² − 1 − log σ²) summed: ½ (4 + 0.25 − 1 − ln 4) + ½ (1 + 1 − 1 − 0).
    expect(kl).toBeCloseTo(0.5 * (3.25 - Math.log(4)) + 0.5, 6);
  });

  it("refuses arrays whose sizes disagree", () => {
    expect(() => drawLatent(2, new Float32Array(4), new Float32Array(3), new Float32Array(3))).toThrow(RangeError);
    expect(() =>
      latentGradients(
        1,
        new Float32Array(4),
        new Float32Array(2),
        new Float32Array(2),
        new Float32Array(1),
        1,
        new Float32Array(4),
      ),
    ).toThrow(RangeError);
  });
});
