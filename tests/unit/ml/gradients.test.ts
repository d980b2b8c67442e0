import { beforeAll, describe, expect, it, vi } from "vitest";
import { createRandom } from "../../../src/lib/random";
import { Autoencoder } from "../../../src/ml/autoencoder";
import { denseVariables } from "../../../src/ml/dense";
import "@tensorflow/tfjs-core/dist/register_all_gradients";
import { tf } from "../../../src/ml/tf";
import { Vae } from "../../../src/ml/vae";
import { useWasm } from "./helpers";

// Training on a shared 2-core CI machine can be slow; these budgets bound a hang, not speed.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 60_000 });

beforeAll(useWasm);

function batchOf(rows: number, seed: number): { x: tf.Tensor2D; random: ReturnType<typeof createRandom> } {
  const random = createRandom(seed);
  const values = Float32Array.from({ length: rows * 784 }, () => (random.uniform() < 0.3 ? random.uniform() : 0));
  return { x: tf.tensor2d(values, [rows, 784]), random };
}

/** Largest |a − b| relative to the largest |b| over a list of tensors. */
function relativeError(actual: readonly tf.Tensor[], expected: readonly tf.Tensor[]): number {
  let worst = 0;
  actual.forEach((a, i) => {
    const av = a.dataSync();
    const ev = expected[i]!.dataSync();
    let scale = 1e-6;
    let diff = 0;
    ev.forEach((e, j) => {
      scale = Math.max(scale, Math.abs(e));
      diff = Math.max(diff, Math.abs(e - av[j]!));
    });
    worst = Math.max(worst, diff / scale);
  });
  return worst;
}

describe("hand-written backward passes", () => {
  it("give the VAE's gradients, as automatic differentiation does, for several β, on WASM (its latent layer in loops over the module's memory) and on tensor kernels (the CPU, as GPU backends run)", async () => {
    for (const [backend, beta] of [
      ["wasm", 1],
      ["wasm", 0.2],
      ["wasm", 4],
      ["cpu", 1],
      ["cpu", 4],
    ] as const) {
      await tf.setBackend(backend);
      const { x, random } = batchOf(6, 5);
      const vae = new Vae({ latent: 3, hidden: 16, beta, learningRate: 1e-3 }, random);
      const eps = tf.tensor2d(
        Float32Array.from({ length: 18 }, () => random.normal()),
        [6, 3],
      );
      const { grads, terms } = vae.gradients(x, eps);
      const auto = tf.variableGrads(() => vae.loss(x, eps), denseVariables(vae.layers));
      const expected = denseVariables(vae.layers).map((v) => auto.grads[v.name]!);
      expect(relativeError(grads, expected)).toBeLessThan(1e-4);
      const [recon, kl] = terms.dataSync();
      const total = auto.value.dataSync()[0]!;
      expect(Math.abs(recon! + beta * kl! - total) / total).toBeLessThan(1e-5);
      // The steps that skip the loss terms take the same gradients.
      const lean = vae.gradients(x, eps, false);
      expect(lean.terms).toBeUndefined();
      expect(relativeError(lean.grads, grads)).toBe(0);
      tf.dispose([x, eps, ...grads, ...lean.grads, terms, auto.value, ...Object.values(auto.grads)]);
      vae.dispose();
    }
    await tf.setBackend("wasm");
  });

  it("give the denoising autoencoder's gradients", () => {
    const { x, random } = batchOf(5, 8);
    const corrupted = tf.tidy(
      () => tf.mul(x, tf.step(tf.randomUniform([5, 784], -0.3, 0.7, "float32", 1))) as tf.Tensor2D,
    );
    const model = new Autoencoder({ latent: 4, hidden: 16, learningRate: 1e-3 }, random);
    const { grads, loss } = model.gradients(x, corrupted);
    const auto = tf.variableGrads(() => model.loss(x, corrupted), denseVariables(model.layers));
    const expected = denseVariables(model.layers).map((v) => auto.grads[v.name]!);
    expect(relativeError(grads, expected)).toBeLessThan(1e-4);
    expect(loss.dataSync()[0]).toBeCloseTo(auto.value.dataSync()[0]!, 3);
    tf.dispose([x, corrupted, ...grads, loss, auto.value, ...Object.values(auto.grads)]);
    model.dispose();
  });
});
