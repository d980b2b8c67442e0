/**
 * Every number the autoencoder and VAE chapters quote about the data and the shipped models, read
 * at build time from what the build made: the digits manifest (scripts/build-digits.mjs) and the
 * pretrained weights' headers (scripts/pretrain.ts), which record the held-out figures measured on
 * the quantised weights themselves.
 */
import { readFileSync } from "node:fs";
import { klStdNormal } from "../lib/kl-std-normal";
import { decodeWeights, pretrainedFile, type WeightsMeta } from "../ml/weights-format";

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

function pretrained(latent: number): WeightsMeta & { readonly weights: number } {
  const { meta } = decodeWeights(new Uint8Array(readFileSync(`public/${pretrainedFile(latent)}`)));
  const weights = meta.shapes.reduce((sum, shape) => sum + shape.reduce((a, b) => a * b, 1), 0);
  return { ...meta, weights };
}

export const modelFigures = {
  digits: {
    ...manifest.counts,
    heldOutPerClass: manifest.perClass[0]?.heldOut ?? 0,
    splitSeed: manifest.splitSeed,
    pixels: 784,
  },
  latent2: pretrained(2),
  latent20: pretrained(20),
  /** The KL exercise of the VAE chapter: μ = (1, 0), log σ² = (0, log 4). */
  klExercise: klStdNormal([1, 0], [0, Math.log(4)]).total,
};
