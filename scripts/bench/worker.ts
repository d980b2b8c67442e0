// The bench's worker: runs one timed training job on one backend with the book's own training code
// (src/ml), or the straightforward tfjs-layers reference loop, and posts its figures.
import "@tensorflow/tfjs-core/dist/register_all_gradients";
import * as layers from "@tensorflow/tfjs-layers";
import { createRandom } from "../../src/lib/random";
import { AutoencoderTrainer } from "../../src/ml/autoencoder-trainer";
import { binarise, normals } from "../../src/ml/batches";
import { loadDigits } from "../../src/ml/data";
import { DIGIT_PIXELS, gatherDigits, type Digits } from "../../src/ml/digits-format";
import { probeTrainingSpeed } from "../../src/ml/speed-probe";
import { chooseBackend, tf, useWasmThreads, type BackendName, type BackendTrial } from "../../src/ml/tf";
import { bernoulliNll, klStdNormalRows, reparameterise } from "../../src/ml/losses";
import { DEFAULT_K, heldOutBinarised, VaeTrainer } from "../../src/ml/vae-trainer";

export interface Job {
  /** "probe": the widget's choice of backend, by its speed probe, timed. */
  readonly kind: "vae" | "autoencoder" | "layers-vae" | "probe";
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
  readonly trials?: readonly BackendTrial[];
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
  const choice = await chooseBackend(`${job.base}tfjs/`, [job.backend]);
  const digits = await loadDigits(`${job.base}data/digits.bin`);
  const deadline = job.seconds * 1000;
  let steps = 0;
  let trained = 0;
  const timed = (step: () => number) => {
    while (trained < deadline) {
      const started = performance.now();
      const value = step();
      trained += performance.now() - started;
      steps += 1;
      if (!Number.isFinite(value)) throw new Error(`diverged at step ${steps}`);
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
    timed(() => {
      const { recon, kl } = trainer.step();
      return recon + kl;
    });
    const elbo = trainer.evaluateLosses().elbo;
    let logPx: number | undefined;
    const job = trainer.measure({ k: DEFAULT_K } as Parameters<VaeTrainer["measure"]>[0])!;
    for (let next = job.next(); !next.done; next = job.next()) logPx = next.value?.logPx ?? logPx;
    return done({ elbo, logPx });
  }
  if (job.kind === "autoencoder") {
    const trainer = new AutoencoderTrainer(digits, { latent: 32, hidden: 256, batch: 128, noise: 0.3, seed: 1 });
    timed(() => trainer.step().mse);
    return done({ mse: trainer.evaluateMse() });
  }
  const reference = layersReference(digits);
  timed(() => reference.step());
  return done({ elbo: reference.evaluate() });
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
