import { beforeAll, describe, expect, it, vi } from "vitest";
import { iwaeRows } from "../../../src/lib/iwae";
import { createRandom } from "../../../src/lib/random";
import { binarise, normals } from "../../../src/ml/batches";
import { tf } from "../../../src/ml/tf";
import { Vae } from "../../../src/ml/vae";
import { elboRows, encodePosterior, inferenceGaps, iwaeLogPx } from "../../../src/ml/vae-inference";
import { useWasm } from "./helpers";

// Training on a shared 2-core CI machine can be slow; these budgets bound a hang, not speed.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 60_000 });

beforeAll(useWasm);

/** A tiny VAE with seeded random weights, and `count` binarised random "digits". */
function tinyModel(count: number) {
  const vae = new Vae({ latent: 2, hidden: 8, beta: 1, learningRate: 1e-3 }, createRandom(5));
  const random = createRandom(6);
  const grey = Float32Array.from({ length: count * 784 }, (_, i) => ((i % 784) / 784) * random.uniform());
  return { vae, x: binarise(grey, random) };
}

const mean = (values: ArrayLike<number>) => Array.from(values).reduce((a, b) => a + b, 0) / values.length;
const standardError = (values: ArrayLike<number>) => {
  const m = mean(values);
  const variance = Array.from(values).reduce((a, b) => a + (b - m) ** 2, 0) / (values.length - 1);
  return Math.sqrt(variance / values.length);
};

describe("log weights and IWAE_k on a tiny VAE", () => {
  it("one-sample log weights average to the ELBO (closed-form KL) within standard errors; IWAE_k rises with k", () => {
    const { vae, x } = tinyModel(1);
    const draws = 4000;
    const weights = tf.tidy(() =>
      vae.logWeights(tf.tensor2d(x, [1, 784]), tf.tensor2d(normals(createRandom(7), draws * 2), [draws, 2])),
    );
    const w = Float64Array.from(weights.dataSync());
    weights.dispose();
    const q = encodePosterior(vae, x);
    const [elbo] = elboRows(vae, x, q, 4000, createRandom(8));
    expect(Math.abs(mean(w) - elbo!)).toBeLessThan(4 * Math.hypot(standardError(w), 0.05));
    // IWAE_k over rows of k of the same draws: means rise with k and stay below the k = 4000 estimate.
    const byK = [1, 10, 100].map((k) => mean(iwaeRows(w, k)));
    expect(byK[1]!).toBeGreaterThan(byK[0]!);
    expect(byK[2]!).toBeGreaterThan(byK[1]!);
    expect(mean(iwaeRows(w, 4000))).toBeGreaterThan(byK[2]! - 0.5);
    vae.dispose();
  });

  it("iwaeLogPx chunks digits and draws alike: k = 3000 spans chunks; no tensor is left behind, even when stopped", () => {
    const { vae, x } = tinyModel(3);
    const before = tf.memory().numTensors;
    const run = (k: number) => {
      const job = iwaeLogPx(vae, x, k, createRandom(9));
      let next = job.next();
      while (!next.done) next = job.next();
      return next.value;
    };
    const small = run(1);
    const large = run(3000);
    expect(large.length).toBe(3);
    for (let i = 0; i < 3; i++) expect(large[i]!).toBeGreaterThan(small[i]! - 1);
    expect(tf.memory().numTensors).toBe(before);
    const stopped = iwaeLogPx(vae, x, 3000, createRandom(9));
    stopped.next();
    stopped.return(new Float64Array(0));
    expect(tf.memory().numTensors).toBe(before);
    vae.dispose();
  });
});

describe("inference gaps (Cremer, Li & Duvenaud, 2018) on a tiny VAE", () => {
  it("optimising q per digit raises its ELBO; log p(x) sits above the optimum; tensors are released", () => {
    const { vae, x } = tinyModel(4);
    const before = tf.memory().numTensors;
    const options = { steps: 60, draws: 4, learningRate: 0.05, elboDraws: 200, k: 200 };
    const job = inferenceGaps(vae, x, options, createRandom(10));
    let next = job.next();
    while (!next.done) next = job.next();
    const gaps = next.value;
    expect(tf.memory().numTensors).toBe(before);
    for (let i = 0; i < 4; i++) {
      expect(gaps.optimisedElbo[i]!).toBeGreaterThanOrEqual(gaps.encoderElbo[i]!);
      expect(gaps.logPx[i]!).toBeGreaterThan(gaps.optimisedElbo[i]! - 0.5);
    }
    // The encoder is untrained, so its q is far from each digit's best: the amortisation gap is large.
    expect(gaps.amortization).toBeGreaterThan(1);
    expect(gaps.approximation).toBeGreaterThan(-0.5);
    expect(gaps.amortization).toBeCloseTo(mean(gaps.optimisedElbo) - mean(gaps.encoderElbo), 9);
    const stopped = inferenceGaps(vae, x, options, createRandom(10));
    stopped.next();
    stopped.return(undefined as never);
    expect(tf.memory().numTensors).toBe(before);
    vae.dispose();
  });
});
