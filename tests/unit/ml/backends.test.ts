import { describe, expect, it, vi } from "vitest";
import { CHECKSUM_TOLERANCE } from "../../../src/lib/fastestBackend";
import { probeTrainingSpeed } from "../../../src/ml/speed-probe";
import { backendLost, chooseBackend, fallBack, tf, wasmThreads } from "../../../src/ml/tf";

// The plain-JavaScript probe takes a few seconds on a shared machine; the budget bounds a hang.
vi.setConfig({ testTimeout: 60_000 });

// The choice is made once per realm (a worker; here this test file), so one test walks through it.
describe("chooseBackend with the speed probe, then fallBack", () => {
  it("times what starts, keeps the fastest, and moves on to the CPU when that backend is lost", async () => {
    const choice = await chooseBackend(undefined, ["wasm", "webgpu", "webgl", "cpu"], probeTrainingSpeed);
    expect(choice.name).toBe("wasm");
    expect(tf.getBackend()).toBe("wasm");
    // Node has no WebGPU, and no WebGL off the page, as WebKitGTK's workers: not a failure of the
    // page, a trial with its reason in plain words. The CPU is never timed.
    expect(choice.trials).toEqual([
      { name: "wasm", msPerStep: expect.any(Number), checksum: expect.any(Number) },
      { name: "webgpu", error: "this browser has no WebGPU" },
      { name: "webgl", error: "this browser offers no WebGL in a worker (OffscreenCanvas)" },
    ]);
    expect(choice.fallbacks).toEqual([]);
    expect(choice.trials[0]!.msPerStep).toBeGreaterThan(0);
    expect(await chooseBackend()).toBe(choice);
    expect(backendLost()).toBeUndefined();

    const before = tf.memory().numTensors;
    const next = await fallBack();
    expect(next).toMatchObject({ name: "cpu", detail: "cpu" });
    expect(tf.getBackend()).toBe("cpu");
    expect(await chooseBackend()).toBe(next);
    // The probe computes the same figures on another backend: what the check of results relies on.
    const onCpu = probeTrainingSpeed();
    const reference = choice.trials[0]!.checksum!;
    expect(Math.abs(onCpu.checksum - reference)).toBeLessThan(CHECKSUM_TOLERANCE * 0.01 * reference);
    expect(tf.memory().numTensors).toBe(before);
    await expect(fallBack()).rejects.toThrow(/No TensorFlow.js backend is left/);
  });
});

describe("wasmThreads", () => {
  it("asks for every core but one, both cores of a 2-core machine, and no thread beside one core", () => {
    expect([1, 2, 3, 4, 8].map(wasmThreads)).toEqual([1, 2, 2, 3, 7]);
  });
});
