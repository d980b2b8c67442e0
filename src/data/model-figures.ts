/**
 * Every number the autoencoder and VAE chapters quote about the data and the shipped models, read
 * at build time from what the build made: the digits manifest (scripts/build-digits.mjs) and the
 * pretrained weights' headers (scripts/pretrain.ts), which record the held-out figures measured on
 * the quantised weights themselves.
 */
import { readFileSync } from "node:fs";
import { klStdNormal } from "../lib/kl-std-normal";
import { HELD_OUT_BINARISATION_SEED } from "../ml/digits-format";
import { decodeWeights, pretrainedFile, type PretrainedMeasurement, type WeightsMeta } from "../ml/weights-format";

interface Manifest {
  readonly counts: {
    readonly usable: number;
    readonly heldOut: number;
    readonly training: number;
    readonly dropped: number;
  };
  readonly perClass: readonly { readonly heldOut: number }[];
  readonly splitSeed: number;
}

const manifest = JSON.parse(readFileSync("public/data/digits.json", "utf8")) as Manifest;

interface Pretrained extends WeightsMeta {
  readonly weights: number;
  readonly measured: PretrainedMeasurement;
  /** log p(x) estimate minus the held-out ELBO: the inference gap, nats per digit. */
  readonly inferenceGap: number;
  /** Training epochs over the training digits. */
  readonly epochs: number;
}

function pretrained(latent: number): Pretrained {
  const file = `public/${pretrainedFile(latent)}`;
  const { meta } = decodeWeights(new Uint8Array(readFileSync(file)));
  if (!meta.measured || !meta.history)
    throw new Error(`${file} predates binarised digits (no measured figures): run npm run pretrain.`);
  const weights = meta.shapes.reduce((sum, shape) => sum + shape.reduce((a, b) => a * b, 1), 0);
  const epochs = (meta.steps * meta.history.batch) / manifest.counts.training;
  return { ...meta, measured: meta.measured, weights, inferenceGap: meta.measured.logPx - meta.heldOut.elbo, epochs };
}

export const modelFigures = {
  digits: {
    ...manifest.counts,
    heldOutPerClass: manifest.perClass[0]?.heldOut ?? 0,
    splitSeed: manifest.splitSeed,
    binarisationSeed: HELD_OUT_BINARISATION_SEED,
    pixels: 784,
  },
  latent2: pretrained(2),
  latent20: pretrained(20),
  /** The KL exercise of the VAE chapter: μ = (1, 0), log σ² = (0, log 4). */
  klExercise: klStdNormal([1, 0], [0, Math.log(4)]).total,
  /** Its two terms, one per latent dimension. */
  klExerciseTerms: klStdNormal([1, 0], [0, Math.log(4)]).terms,
};
