import { beforeAll, describe, expect, it, vi } from "vitest";
import { warmupInverseSqrt } from "../../../src/lib/learning-rate";
import { createRandom } from "../../../src/lib/random";
import { Adam } from "../../../src/ml/adam";
import { variableFrom } from "../../../src/ml/dense";
import { tf } from "../../../src/ml/tf";
import { useWasm } from "./helpers";

vi.setConfig({ testTimeout: 60_000 });

beforeAll(useWasm);

describe("Adam", () => {
  it("takes the steps tf.train.adam takes on the same gradients", () => {
    const random = createRandom(11);
    const start = [
      Float32Array.from({ length: 12 }, () => random.normal()),
      Float32Array.from({ length: 3 }, () => random.normal()),
    ];
    const shapes: [number, number][] = [
      [4, 3],
      [1, 3],
    ];
    const ours = start.map((values, i) => variableFrom(tf.tensor(values, shapes[i])));
    const theirs = start.map((values, i) => variableFrom(tf.tensor(values, shapes[i])));
    const adam = new Adam(ours, 0.01);
    const reference = tf.train.adam(0.01, 0.9, 0.999, 1e-7);
    for (let step = 0; step < 50; step++) {
      // Gradients of very different scales, some sign changes: what Adam's normalisation is for.
      const grads = start.map((values, i) =>
        tf.tensor(
          Float32Array.from(values, () => random.normal() * (i === 0 ? 100 : 0.01)),
          shapes[i],
        ),
      );
      adam.apply(grads);
      reference.applyGradients(theirs.map((variable, i) => ({ name: variable.name, tensor: grads[i]! })));
      tf.dispose(grads);
    }
    ours.forEach((variable, i) => {
      const a = variable.dataSync();
      const b = theirs[i]!.dataSync();
      expect(Math.max(...Array.from(a, (value, j) => Math.abs(value - b[j]!)))).toBeLessThan(1e-5);
      // And the variables moved: the comparison is not between two starting points.
      expect(Math.max(...Array.from(a, (value, j) => Math.abs(value - start[i]![j]!)))).toBeGreaterThan(0.1);
    });
    adam.dispose();
    reference.dispose();
    tf.dispose([...ours, ...theirs]);
  });

  it("never writes over memory another tensor shares, and agrees with the tensor path", async () => {
    const random = createRandom(5);
    const values = Float32Array.from({ length: 40 }, () => random.normal());
    const gradValues = Array.from({ length: 5 }, () => Float32Array.from({ length: 40 }, () => random.normal()));
    const run = () => {
      const initial = tf.tensor(values, [8, 5]);
      // tf.variable(initial) shares initial's memory while initial lives: that weight must take the tensor path.
      const shared = tf.variable(initial);
      const owned = variableFrom(tf.tensor(values, [8, 5]));
      const adam = new Adam([shared, owned], 0.05);
      for (const g of gradValues) {
        const grads = [tf.tensor(g, [8, 5]), tf.tensor(g, [8, 5])];
        adam.apply(grads);
        tf.dispose(grads);
      }
      const result = {
        initial: initial.dataSync().slice(),
        shared: shared.dataSync().slice(),
        owned: owned.dataSync().slice(),
      };
      adam.dispose();
      tf.dispose([initial, shared, owned]);
      return result;
    };
    const wasm = run();
    expect(wasm.initial).toEqual(values);
    expect(Math.max(...Array.from(wasm.owned, (v, i) => Math.abs(v - values[i]!)))).toBeGreaterThan(0.1);
    expect(Math.max(...Array.from(wasm.owned, (v, i) => Math.abs(v - wasm.shared[i]!)))).toBeLessThan(1e-6);
    // The CPU backend takes the tensor path: the same steps.
    await tf.setBackend("cpu");
    try {
      const cpu = run();
      expect(Math.max(...Array.from(cpu.owned, (v, i) => Math.abs(v - wasm.owned[i]!)))).toBeLessThan(1e-6);
    } finally {
      await tf.setBackend("wasm");
    }
  });

  it("leaves weights that a matMul then reads as updated (XNNPACK caches packed weights by tensor)", () => {
    const weight = variableFrom(tf.tensor([1, 2, 3, 4], [2, 2]));
    const x = tf.tensor([1, 1], [1, 2]);
    const product = () => tf.tidy(() => Array.from(tf.matMul(x, weight).dataSync()));
    const before = product();
    const adam = new Adam([weight], 0.5);
    const grad = tf.ones([2, 2]);
    adam.apply([grad]);
    // Each weight moves by −0.5 against a gradient of one sign: each sum of two, by −1.
    expect(product().map((value, i) => value - before[i]!)).toEqual([-1, -1].map((d) => expect.closeTo(d, 5)));
    tf.dispose([weight, x, grad]);
    adam.dispose();
  });

  it("follows a schedule: each update's step size is the schedule's rate at that update", () => {
    // With one gradient sign throughout, Adam's normalised step is the step size itself (to ε).
    const weight = variableFrom(tf.tensor([0], [1]));
    const schedule = warmupInverseSqrt(0.01, 4, 8);
    const adam = new Adam([weight], schedule);
    let before = 0;
    for (let step = 1; step <= 20; step++) {
      const grad = tf.tensor([2.5], [1]);
      adam.apply([grad]);
      grad.dispose();
      const after = weight.dataSync()[0]!;
      expect(before - after).toBeCloseTo(schedule(step), 6);
      before = after;
    }
    adam.dispose();
    weight.dispose();
  });
});
