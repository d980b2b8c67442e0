import { describe, expect, it, vi } from "vitest";
import { DIGIT_PIXELS, gatherDigits, parseDigits } from "../../../src/ml/digits-format";
import { loadDigitsFromDisk, readManifest } from "./helpers";

// Training on a shared 2-core CI machine can be slow; these budgets bound a hang, not speed.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 60_000 });

describe("the digits file", () => {
  const digits = loadDigitsFromDisk();

  it("holds 2,000 held-out digits, 200 of each class, and the rest for training", () => {
    expect(digits.heldOut.count).toBe(2000);
    expect(digits.heldOut.count + digits.training.count + readManifest().counts.dropped!).toBe(10_000);
    const perClass = new Array(10).fill(0);
    digits.heldOut.labels.forEach((label) => perClass[label]++);
    expect(perClass).toEqual(new Array(10).fill(200));
  });

  it("never shows a held-out digit to training (no identical images across the split)", () => {
    const key = (pixels: Uint8Array, i: number) =>
      Buffer.from(pixels.subarray(i * DIGIT_PIXELS, (i + 1) * DIGIT_PIXELS)).toString("base64");
    const heldOut = new Set(Array.from({ length: digits.heldOut.count }, (_, i) => key(digits.heldOut.pixels, i)));
    const shared = Array.from({ length: digits.training.count }, (_, i) => key(digits.training.pixels, i)).filter((k) =>
      heldOut.has(k),
    );
    expect(shared).toEqual([]);
    expect(new Set(readManifest().heldOutIndices.map(([l, i]) => `${l}:${i}`)).size).toBe(2000);
  });

  it("gives intensities in [0, 1] with ink in every digit", () => {
    const values = gatherDigits(digits.training, [0, 1, 2]);
    expect(Math.min(...values)).toBe(0);
    expect(Math.max(...values)).toBeLessThanOrEqual(1);
    expect(values.slice(0, DIGIT_PIXELS).some((v) => v > 0.5)).toBe(true);
  });

  it("rejects a truncated or foreign file", () => {
    expect(() => parseDigits(new Uint8Array(10))).toThrow(/truncated/);
    expect(() => parseDigits(new Uint8Array(16 + 785))).toThrow(/format/);
  });
});
