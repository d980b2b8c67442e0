// Makes the pretrained VAEs the book ships (latent 2 and latent 20, hidden 400) with the same
// training code the reader's browser runs, a fixed seed and a fixed number of steps, on the WASM
// backend; writes public/models/vae-latent<k>.bin (int8, one scale per tensor).
// Usage: npm run pretrain [-- --steps 6000]. 6,000 steps (96 epochs) take a few minutes on one core.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { parseDigits } from "../src/ml/digits-format";
import { chooseBackend } from "../src/ml/tf";
import { VaeTrainer } from "../src/ml/vae-trainer";
import {
  decodeWeights,
  encodeWeights,
  PRETRAINED_HIDDEN,
  PRETRAINED_LATENTS,
  pretrainedFile,
} from "../src/ml/weights-format";

const SEED = 2013;
const stepsFlag = process.argv.indexOf("--steps");
const STEPS = stepsFlag > 0 ? Number(process.argv[stepsFlag + 1]) : 6000;

const root = process.cwd();
const digits = parseDigits(new Uint8Array(gunzipSync(readFileSync(join(root, "public", "data", "digits.bin")))));
const backend = await chooseBackend(undefined, ["wasm"]);
console.log(`backend: ${backend.detail}`);
mkdirSync(join(root, "public", "models"), { recursive: true });

for (const latent of PRETRAINED_LATENTS) {
  const config = { latent, hidden: PRETRAINED_HIDDEN, batch: 128, beta: 1, seed: SEED };
  const trainer = new VaeTrainer(digits, config);
  const started = performance.now();
  for (let step = 1; step <= STEPS; step++) {
    const { recon, kl } = trainer.step();
    if (!Number.isFinite(recon + kl)) throw new Error(`latent ${latent}: the loss diverged at step ${step}`);
    if (step % 1000 === 0)
      console.log(`latent ${latent}: step ${step}, held-out ELBO ${trainer.evaluateLosses().elbo.toFixed(2)}`);
  }
  const seconds = (performance.now() - started) / 1000;
  const full = trainer.evaluateLosses();
  const shapes = trainer.vae.layers.flatMap((layer) => [layer.w.shape, layer.b.shape]);
  const provisional = { latent, hidden: PRETRAINED_HIDDEN, seed: SEED, steps: STEPS, seconds, heldOut: full, shapes };
  // Measure the quantised weights themselves: those are what the reader gets.
  const quantised = decodeWeights(encodeWeights(provisional, trainer.weights())).tensors;
  trainer.dispose();
  const check = new VaeTrainer(digits, config, quantised);
  const heldOut = check.evaluateLosses();
  check.dispose();
  const bytes = encodeWeights({ ...provisional, heldOut }, quantised);
  writeFileSync(join(root, "public", pretrainedFile(latent)), bytes);
  console.log(
    `latent ${latent}: ${STEPS} steps in ${seconds.toFixed(0)} s; held-out ELBO ${full.elbo.toFixed(2)} (float32), ` +
      `${heldOut.elbo.toFixed(2)} (int8); ${(bytes.length / 1e6).toFixed(2)} MB`,
  );
}
