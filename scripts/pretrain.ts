// Makes the pretrained VAEs the book ships (latent 2 and latent 20, hidden 400) with the same
// training code the reader's browser runs (binarised digits, src/ml/vae-trainer.ts; Adam with the
// widget's budget schedule, VAE_BUDGET_SCHEDULE: a warm-up, then a decay to zero over the run's
// steps), a fixed seed and a fixed number of steps, on the WASM backend; writes
// public/models/vae-latent<k>.bin (int8, one scale per column) with the training history (loss
// curves) and the figures the widget measures (held-out ELBO, IWAE log p(x), active units, inference
// gaps), measured on the int8 weights themselves. The chapters quote those figures (src/data/model-figures.ts).
// Usage: npm run pretrain [-- --steps 6000] [--latent 20] (one model only) [--budget 1500] (seconds of
// wall-clock training per model at most; the weights record the steps done). 6,000 steps (96 epochs)
// take a few minutes on an idle core.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { parseDigits } from "../src/ml/digits-format";
import { chooseBackend } from "../src/ml/tf";
import { DEFAULT_K, VAE_BUDGET_SCHEDULE, VaeTrainer } from "../src/ml/vae-trainer";
import {
  decodeWeights,
  encodeWeights,
  PRETRAINED_HIDDEN,
  PRETRAINED_LATENTS,
  pretrainedFile,
  type HistoryPoint,
  type PretrainedMeasurement,
} from "../src/ml/weights-format";

const SEED = 2013;
const BATCH = 128;
/** Training steps averaged into one point of the training curve, and steps between held-out evaluations. */
const TRAIN_POINT_EVERY = 50;
const HELD_OUT_EVERY = 500;
const flag = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
};
const STEPS = flag("steps", 6000);
/** A wall-clock budget for each model's training, seconds: on a busy machine the run stops there, and the weights record the steps done. */
const BUDGET_SECONDS = flag("budget", Infinity);
const ONLY = flag("latent", NaN);

const root = process.cwd();
const digits = parseDigits(new Uint8Array(gunzipSync(readFileSync(join(root, "public", "data", "digits.bin")))));
const backend = await chooseBackend(undefined, ["wasm"]);
console.log(`backend: ${backend.detail}`);
mkdirSync(join(root, "public", "models"), { recursive: true });

for (const latent of PRETRAINED_LATENTS.filter((l) => Number.isNaN(ONLY) || l === ONLY)) {
  // No learningRate: the widget's own budget schedule, over a budget of STEPS steps, trains the shipped weights.
  const config = { latent, hidden: PRETRAINED_HIDDEN, batch: BATCH, beta: 1, seed: SEED };
  const trainer = new VaeTrainer(digits, config);
  const train: HistoryPoint[] = [];
  const heldOut: HistoryPoint[] = [];
  const evaluate = () => {
    const { recon, kl } = trainer.evaluateLosses();
    heldOut.push({ step: trainer.steps, recon, kl });
    return -(recon + kl);
  };
  evaluate();
  let sums = { recon: 0, kl: 0 };
  let trainingMs = 0;
  const deadline = performance.now() + BUDGET_SECONDS * 1000;
  for (let step = 1; step <= STEPS; step++) {
    const started = performance.now();
    // The budget measured in steps: step t has used (t − 1)/STEPS of it (a --budget stop cuts it short).
    const { recon, kl } = trainer.step(true, { startStep: 0, used: (step - 1) / STEPS })!;
    trainingMs += performance.now() - started;
    if (!Number.isFinite(recon + kl)) throw new Error(`latent ${latent}: the loss diverged at step ${step}`);
    sums = { recon: sums.recon + recon, kl: sums.kl + kl };
    if (step % TRAIN_POINT_EVERY === 0) {
      train.push({ step, recon: sums.recon / TRAIN_POINT_EVERY, kl: sums.kl / TRAIN_POINT_EVERY });
      sums = { recon: 0, kl: 0 };
    }
    const last = step === STEPS || performance.now() > deadline;
    if (step % HELD_OUT_EVERY === 0 || last) {
      const elbo = evaluate();
      if (step % 500 === 0 || last) console.log(`latent ${latent}: step ${step}, held-out ELBO ${elbo.toFixed(2)}`);
    }
    if (last) break;
  }
  const seconds = trainingMs / 1000;
  const full = trainer.evaluateLosses();
  const shapes = trainer.vae.layers.flatMap((layer) => [layer.w.shape, layer.b.shape]);
  const history = { batch: BATCH, learningRate: { ...VAE_BUDGET_SCHEDULE, budgetSteps: STEPS }, train, heldOut };
  const steps = trainer.steps;
  const provisional = { latent, hidden: PRETRAINED_HIDDEN, seed: SEED, steps, seconds, heldOut: full, shapes };
  // Measure the quantised weights themselves, with the widget's own code: those are what the reader gets.
  const quantised = decodeWeights(encodeWeights(provisional, trainer.weights())).tensors;
  trainer.dispose();
  const check = new VaeTrainer(digits, config, quantised, undefined, steps);
  const measuredHeldOut = check.evaluateLosses();
  const { activeUnits } = check.evaluate(undefined);
  let logPx = NaN;
  let gaps = { amortization: NaN, approximation: NaN };
  const job = check.measure({ k: DEFAULT_K } as Parameters<VaeTrainer["measure"]>[0])!;
  for (let next = job.next(); !next.done; next = job.next()) {
    if (next.value?.logPx !== undefined) logPx = next.value.logPx;
    if (next.value?.gaps) gaps = next.value.gaps;
  }
  check.dispose();
  const measured: PretrainedMeasurement = {
    k: DEFAULT_K,
    logPx,
    activeUnits,
    gapAmortization: gaps.amortization,
    gapApproximation: gaps.approximation,
  };
  const bytes = encodeWeights({ ...provisional, heldOut: measuredHeldOut, history, measured }, quantised);
  writeFileSync(join(root, "public", pretrainedFile(latent)), bytes);
  console.log(
    `latent ${latent}: ${steps} steps in ${seconds.toFixed(0)} s; held-out ELBO ${full.elbo.toFixed(2)} (float32), ` +
      `${measuredHeldOut.elbo.toFixed(2)} (int8); log p(x) ≈ ${logPx.toFixed(2)} (IWAE_${DEFAULT_K}); ` +
      `${activeUnits} active units; gaps: amortisation ${gaps.amortization.toFixed(2)}, ` +
      `approximation ${gaps.approximation.toFixed(2)}; ${(bytes.length / 1e6).toFixed(2)} MB`,
  );
}
