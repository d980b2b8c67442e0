import { describe, expect, it } from "vitest";
import { createRandom } from "../../../src/lib/random";
import { decodeWeights, encodeWeights, quantise } from "../../../src/ml/weights-format";

describe("int8 weights with one scale per column", () => {
  it("rounds each value to within half a step of its column's scale", () => {
    const random = createRandom(9);
    const values = Float32Array.from({ length: 12 * 5 }, (_, i) => random.normal() * (1 + (i % 5)));
    const { scales, q } = quantise(values, 5);
    values.forEach((value, i) =>
      expect(Math.abs(q[i]! * scales[i % 5]! - value)).toBeLessThanOrEqual(scales[i % 5]! / 2 + 1e-7),
    );
    expect(Math.max(...Array.from(q, Math.abs))).toBe(127);
  });

  it("survives encoding and decoding, with its metadata", () => {
    const random = createRandom(2);
    const w = Float32Array.from({ length: 6 }, () => random.normal());
    const b = new Float32Array([0, 0, 0]);
    const meta = {
      latent: 2,
      hidden: 3,
      seed: 1,
      steps: 10,
      seconds: 1,
      heldOut: { recon: 1, kl: 2, elbo: -3 },
      shapes: [[2, 3], [3]],
    };
    const decoded = decodeWeights(encodeWeights(meta, [w, b]));
    expect(decoded.meta).toEqual(meta);
    decoded.tensors[0]!.forEach((value, i) => expect(value).toBeCloseTo(w[i]!, 1));
    expect(Array.from(decoded.tensors[1]!)).toEqual([0, 0, 0]);
    expect(() => decodeWeights(new Uint8Array(12))).toThrow(/unknown format/);
  });
});
