// The bench's worker: runs one timed training job on one backend with the book's own training code
// (src/ml), or the straightforward tfjs-layers reference loop, and posts its figures.
import "@tensorflow/tfjs-core/dist/register_all_gradients";
import * as layers from "@tensorflow/tfjs-layers";
import { createRandom } from "../../src/lib/random";
import { AutoencoderTrainer } from "../../src/ml/autoencoder-trainer";
import { binarise, binariseDigits, EpochSampler, normals } from "../../src/ml/batches";
import { loadDigits } from "../../src/ml/data";
import { DIGIT_PIXELS, gatherDigits, type Digits } from "../../src/ml/digits-format";
import { probeTrainingSpeed } from "../../src/ml/speed-probe";
import { chooseBackend, tf, useWasmThreads, type BackendName, type BackendTrial } from "../../src/ml/tf";
import { bernoulliNll, klStdNormalRows, reparameterise } from "../../src/ml/losses";
import { DEFAULT_K, heldOutBinarised, VaeTrainer } from "../../src/ml/vae-trainer";
import { decodeWeights, pretrainedFile } from "../../src/ml/weights-format";

export interface Job {
  /**
   * "probe": the widget's choice of backend, by its speed probe, timed. "profile": the VAE's
   * training step timed phase by phase, and its kernels one step long. "measure": the pretrained
   * VAE's measurement at rest (the gaps, then log p(x) over the held-out digits), timed.
   */
  readonly kind: "vae" | "autoencoder" | "layers-vae" | "probe" | "profile" | "measure";
  readonly backend: BackendName;
  readonly seconds: number;
  readonly base: string;
  /** WASM threads to ask for (used only where the page is cross-origin isolated). */
  readonly threads?: number;
}

export interface JobResult {
  readonly backend: string;
  readonly steps: number;
  readonly seconds: number;
  readonly stepsPerSecond: number;
  readonly elbo?: number;
  /** IWAE_k estimate of the mean held-out log p(x) after training, k = DEFAULT_K (src/ml/vae-trainer.ts). */
  readonly logPx?: number;
  readonly mse?: number;
  readonly error?: string;
  /** Why the backend could not start here (then there are no figures). */
  readonly unavailable?: string;
  readonly trials?: readonly BackendTrial[];
  /** "profile": milliseconds per step in each phase, and the kernels that took longest in one step. */
  readonly phases?: Readonly<Record<string, number>>;
  readonly kernels?: readonly { readonly name: string; readonly ms: number; readonly calls: number }[];
}

const LATENT = 20;

/** The widget's way: every backend that starts timed by the speed probe, the fastest kept. */
async function probe(job: Job): Promise<JobResult> {
  const started = performance.now();
  const choice = await chooseBackend(`${job.base}tfjs/`, ["wasm", "webgpu", "webgl", "cpu"], probeTrainingSpeed);
  const seconds = (performance.now() - started) / 1000;
  return { backend: choice.detail, steps: 0, seconds, stepsPerSecond: NaN, trials: choice.trials };
}

async function run(job: Job): Promise<JobResult> {
  if (job.kind === "probe") return probe(job);
  if (job.threads) useWasmThreads(job.threads);
  // The page reads these lines to say where a crash happened.
  console.log(`bench: starting ${job.backend}`);
  let choice: Awaited<ReturnType<typeof chooseBackend>>;
  try {
    choice = await chooseBackend(`${job.base}tfjs/`, [job.backend]);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return { backend: job.backend, steps: 0, seconds: 0, stepsPerSecond: 0, unavailable: why };
  }
  const digits = await loadDigits(`${job.base}data/digits.bin`);
  console.log(`bench: training on ${choice.detail}`);
  if (job.kind === "profile") return profile(digits, job.seconds, choice.detail);
  if (job.kind === "measure") return measure(digits, job.base, choice.detail);
  const deadline = job.seconds * 1000;
  let steps = 0;
  let trained = 0;
  // As the widget's session does (src/ml/session.ts): a step's losses are read every 150 ms only.
  let lastRead = -Infinity;
  const timed = (step: (readLosses: boolean) => number | undefined) => {
    while (trained < deadline) {
      const started = performance.now();
      const readLosses = started - lastRead >= 150;
      const value = step(readLosses);
      trained += performance.now() - started;
      steps += 1;
      if (readLosses) lastRead = started;
      if (value !== undefined && !Number.isFinite(value)) throw new Error(`diverged at step ${steps}`);
    }
  };
  const done = (figures: { elbo?: number; logPx?: number; mse?: number }): JobResult => ({
    backend: choice.detail,
    steps,
    seconds: trained / 1000,
    stepsPerSecond: steps / (trained / 1000),
    ...figures,
  });
  if (job.kind === "vae") {
    const trainer = new VaeTrainer(digits, { latent: LATENT, hidden: 400, batch: 128, beta: 1, seed: 1 });
    // As the widget's session does: the step sizes follow the fraction of the budget spent (src/ml/session.ts).
    timed((readLosses) => {
      const losses = trainer.step(readLosses, { startStep: 0, used: trained / deadline });
      return losses && losses.recon + losses.kl;
    });
    console.log(`bench: evaluating after ${steps} steps on ${choice.detail}`);
    const elbo = trainer.evaluateLosses().elbo;
    console.log(`bench: estimating log p(x) after ${steps} steps on ${choice.detail}`);
    let logPx: number | undefined;
    const job = trainer.measure({ k: DEFAULT_K } as Parameters<VaeTrainer["measure"]>[0])!;
    for (let next = job.next(); !next.done; next = job.next()) logPx = next.value?.logPx ?? logPx;
    return done({ elbo, logPx });
  }
  if (job.kind === "autoencoder") {
    const trainer = new AutoencoderTrainer(digits, { latent: 32, hidden: 256, batch: 128, noise: 0.3, seed: 1 });
    timed((readLosses) => trainer.step(readLosses, { startStep: 0, used: trained / deadline })?.mse);
    return done({ mse: trainer.evaluateMse() });
  }
  const reference = layersReference(digits);
  timed(() => reference.step());
  return done({ elbo: reference.evaluate() });
}

/** Steps profiled kernel by kernel; each kernel's figure is its least over them (the least disturbed). */
const PROFILED_STEPS = 5;

/**
 * The VAE's training step (VaeTrainer.step, src/ml/vae-trainer.ts) split into its phases, each
 * timed at every step for `seconds`: the batch drawn and binarised in JavaScript, ε drawn, both
 * uploaded, the forward and backward passes (Vae.gradients), Adam's update, the loss terms read
 * back; the median of each (robust to other work on a shared machine). Then a few steps under
 * tf.profile: per kernel (by name and input shapes) its least time over those steps.
 */
async function profile(digits: Digits, seconds: number, backend: string): Promise<JobResult> {
  const trainer = new VaeTrainer(digits, { latent: LATENT, hidden: 400, batch: 128, beta: 1, seed: 1 });
  const { vae } = trainer;
  const random = createRandom(1);
  const sampler = new EpochSampler(digits.training, 128, random);
  const pixels = new Float32Array(128 * DIGIT_PIXELS);
  const eps = new Float32Array(128 * LATENT);
  const times: Record<string, number[]> = {};
  const timed = <T>(phase: string, work: () => T): T => {
    const started = performance.now();
    const result = work();
    (times[phase] ??= []).push(performance.now() - started);
    return result;
  };
  const step = () => {
    const x = timed("batch drawn and binarised (JS)", () =>
      binariseDigits(digits.training, sampler.nextIndices(), random, pixels),
    );
    const e = timed("ε drawn (JS)", () => normals(random, 128 * LATENT, eps));
    const [xs, es] = timed("uploads", () => [tf.tensor2d(x, [128, DIGIT_PIXELS]), tf.tensor2d(e, [128, LATENT])]);
    const { grads, terms } = timed("forward and backward", () => vae.gradients(xs!, es!));
    timed("Adam", () => vae.optimizer.apply(grads));
    timed("loss terms read back", () => terms.dataSync());
    tf.dispose([xs!, es!, terms, ...grads]);
  };
  for (let i = 0; i < 5; i++) step();
  for (const phase of Object.keys(times)) times[phase] = [];
  let steps = 0;
  const started = performance.now();
  while (performance.now() - started < seconds * 1000) {
    step();
    steps += 1;
  }
  const elapsed = (performance.now() - started) / 1000;
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
  const phases = Object.fromEntries(Object.entries(times).map(([phase, values]) => [phase, median(values)]));
  const least = new Map<string, { ms: number; calls: number }>();
  for (let round = 0; round < PROFILED_STEPS; round++) {
    const info = await tf.profile(step);
    const byKernel = new Map<string, { ms: number; calls: number }>();
    for (const kernel of info.kernels) {
      // Ops that call other kernels are listed too (fusedMatMul__op around _FusedMatMul): kernels only.
      if (kernel.name.endsWith("__op")) continue;
      const name = `${kernel.name} ${kernel.inputShapes.map((shape) => `[${shape?.join(",") ?? ""}]`).join(" ")}`;
      const entry = byKernel.get(name) ?? { ms: 0, calls: 0 };
      byKernel.set(name, { ms: entry.ms + (Number(kernel.kernelTimeMs) || 0), calls: entry.calls + 1 });
    }
    for (const [name, entry] of byKernel) {
      const best = least.get(name);
      if (!best || entry.ms < best.ms) least.set(name, entry);
    }
  }
  const kernels = [...least].map(([name, entry]) => ({ name, ...entry })).sort((a, b) => b.ms - a.ms);
  trainer.dispose();
  return { backend, steps, seconds: elapsed, stepsPerSecond: steps / elapsed, phases, kernels };
}

/**
 * What the VAE widget does at rest with the shipped latent-20 weights (VaeTrainer.measure, k =
 * DEFAULT_K): the inference gaps on their subset, then log p(x) over the held-out digits, each timed.
 */
async function measure(digits: Digits, base: string, backend: string): Promise<JobResult> {
  const response = await fetch(`${base}${pretrainedFile(LATENT)}`);
  const { tensors, meta } = decodeWeights(new Uint8Array(await response.arrayBuffer()));
  const config = { latent: LATENT, hidden: meta.hidden, batch: 128, beta: 1, seed: 1 };
  const trainer = new VaeTrainer(digits, config, tensors, undefined, meta.steps);
  const started = performance.now();
  let gapsDone = NaN;
  let logPx: number | undefined;
  const work = trainer.measure({ k: DEFAULT_K } as Parameters<VaeTrainer["measure"]>[0])!;
  for (let next = work.next(); !next.done; next = work.next()) {
    if (next.value?.gaps) gapsDone = performance.now();
    logPx = next.value?.logPx ?? logPx;
  }
  const ended = performance.now();
  trainer.dispose();
  const phases = { "the gaps": (gapsDone - started) / 1000, "log p(x), 2,000 digits": (ended - gapsDone) / 1000 };
  return { backend, steps: 0, seconds: (ended - started) / 1000, stepsPerSecond: NaN, logPx, phases };
}

/** The straightforward way: tfjs-layers dense layers, automatic differentiation, tf.train.adam. */
function layersReference(digits: Digits): { step(): number; evaluate(): number } {
  const encoder = layers.sequential({
    layers: [
      layers.layers.dense({ inputShape: [DIGIT_PIXELS], units: 400, activation: "relu" }),
      layers.layers.dense({ units: 2 * LATENT }),
    ],
  });
  const decoder = layers.sequential({
    layers: [
      layers.layers.dense({ inputShape: [LATENT], units: 400, activation: "relu" }),
      layers.layers.dense({ units: DIGIT_PIXELS }),
    ],
  });
  const optimizer = tf.train.adam(1e-3);
  const random = createRandom(1);
  const terms = (x: tf.Tensor2D, eps: tf.Tensor2D) => {
    const stats = encoder.apply(x) as tf.Tensor2D;
    const [mu, logvar] = tf.split(stats, 2, 1) as [tf.Tensor2D, tf.Tensor2D];
    const z = reparameterise(mu, logvar, eps) as tf.Tensor2D;
    const logits = decoder.apply(z) as tf.Tensor2D;
    return tf.add(bernoulliNll(logits, x), klStdNormalRows(mu, logvar));
  };
  return {
    step() {
      const indices = Array.from({ length: 128 }, () => Math.floor(random.uniform() * digits.training.count));
      const x = tf.tensor2d(binarise(gatherDigits(digits.training, indices), random), [128, DIGIT_PIXELS]);
      const eps = tf.tensor2d(normals(random, 128 * LATENT), [128, LATENT]);
      const loss = optimizer.minimize(() => tf.mean(terms(x, eps)) as tf.Scalar, true);
      const value = loss?.dataSync()[0] ?? NaN;
      tf.dispose([x, eps, loss as tf.Tensor]);
      return value;
    },
    evaluate() {
      const count = digits.heldOut.count;
      const total = tf.tidy(() => {
        const x = tf.tensor2d(heldOutBinarised(digits), [count, DIGIT_PIXELS]);
        const eps = tf.tensor2d(normals(createRandom(7_777), count * LATENT), [count, LATENT]);
        return tf.sum(terms(x, eps));
      });
      const value = total.dataSync()[0] ?? NaN;
      total.dispose();
      return -value / count;
    },
  };
}

self.onmessage = async (event: MessageEvent<Job>) => {
  try {
    self.postMessage(await run(event.data));
  } catch (error) {
    self.postMessage({
      backend: event.data.backend,
      steps: 0,
      seconds: 0,
      stepsPerSecond: 0,
      error: error instanceof Error ? error.message : String(error),
    });
  }
};
