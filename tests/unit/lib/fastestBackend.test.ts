import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fastestBackend, wrongResults, type BackendTrial } from "../../../src/lib/fastestBackend";

describe("fastestBackend", () => {
  it("picks the fewest milliseconds per step", () => {
    expect(
      fastestBackend([
        { name: "wasm", msPerStep: 21 },
        { name: "webgpu", msPerStep: 6 },
        { name: "webgl", msPerStep: 330 },
      ]),
    ).toBe("webgpu");
    // The figures measured in headless Chromium on a 2-core machine with no GPU (SwiftShader).
    expect(
      fastestBackend([
        { name: "wasm", msPerStep: 21 },
        { name: "webgl", msPerStep: 330 },
      ]),
    ).toBe("wasm");
  });

  it("keeps the earlier backend on a tie or a difference within the margin", () => {
    const trials = [
      { name: "wasm", msPerStep: 20 },
      { name: "webgl", msPerStep: 20 },
    ];
    expect(fastestBackend(trials)).toBe("wasm");
    expect(fastestBackend([trials[0]!, { name: "webgl", msPerStep: 18.5 }])).toBe("wasm");
    expect(fastestBackend([trials[0]!, { name: "webgl", msPerStep: 17.5 }])).toBe("webgl");
    expect(fastestBackend([trials[0]!, { name: "webgl", msPerStep: 18.5 }], 0)).toBe("webgl");
  });

  it("never picks a backend that failed or has no usable timing", () => {
    expect(
      fastestBackend([
        { name: "webgpu", error: "no WebGPU adapter" },
        { name: "webgl", msPerStep: 1, error: "the probe threw" },
        { name: "a", msPerStep: NaN },
        { name: "b", msPerStep: Infinity },
        { name: "c", msPerStep: 0 },
        { name: "d", msPerStep: -3 },
        { name: "e" },
        { name: "wasm", msPerStep: 40 },
      ]),
    ).toBe("wasm");
  });

  it("never picks a backend whose checksum disagrees with the first timed backend's", () => {
    // Measured: WebGPU on SwiftShader in headless Chromium read back zeros, at a dazzling speed.
    const trials = [
      { name: "webgpu", error: "no WebGPU adapter is available" },
      { name: "wasm", msPerStep: 21, checksum: 5.2e6 },
      { name: "webgpu", msPerStep: 1.8, checksum: 0 },
      { name: "webgl", msPerStep: 15, checksum: 5.2e6 * (1 + 4e-3) },
      { name: "other", msPerStep: 10, checksum: NaN },
      { name: "unchecked", msPerStep: 10 },
    ];
    expect(wrongResults(trials).map((t) => t.name)).toEqual(["webgpu", "other", "unchecked"]);
    expect(fastestBackend(trials)).toBe("webgl");
    expect(wrongResults(trials, 1e-3).map((t) => t.name)).toContain("webgl");
    // With no checksums at all there is nothing to compare.
    expect(
      wrongResults([
        { name: "wasm", msPerStep: 3 },
        { name: "webgl", msPerStep: 2 },
      ]),
    ).toEqual([]);
  });

  it("answers undefined when nothing can run", () => {
    expect(fastestBackend([])).toBeUndefined();
    expect(fastestBackend([{ name: "webgl", error: "it did not initialise" }])).toBeUndefined();
  });

  it("picks a trial whose time is within the margin of the fastest, and the fastest with no margin", () => {
    const trial = fc.record({
      name: fc.constantFrom("wasm", "webgl", "webgpu"),
      msPerStep: fc.double({ min: 0.1, max: 1e4, noNaN: true }),
    });
    fc.assert(
      fc.property(fc.array(trial, { minLength: 1, maxLength: 6 }), (trials: BackendTrial[]) => {
        const fastest = Math.min(...trials.map((t) => t.msPerStep!));
        const picked = trials.find((t) => t.name === fastestBackend(trials, 0) && t.msPerStep === fastest);
        expect(picked).toBeDefined();
        const withMargin = fastestBackend(trials)!;
        const times = trials.filter((t) => t.name === withMargin).map((t) => t.msPerStep!);
        expect(Math.min(...times) * 0.9).toBeLessThanOrEqual(fastest * (1 + 1e-12));
      }),
    );
  });
});
