import { createRandom, type Random } from "../lib/random";
import { EpochSampler, normals } from "./batches";
import { readDense, writeDense } from "./dense";
import { DIGIT_PIXELS, gatherDigits, type Digits } from "./digits-format";
import { tf } from "./tf";
import { captureTrainer, restoreTrainer, resumedSeed, type TrainerState } from "./trainer-state";
import { Vae, type VaeLosses } from "./vae";

export interface VaeRunConfig {
  readonly latent: number;
  readonly hidden: number;
  readonly batch: number;
  readonly beta: number;
  readonly seed: number;
  readonly learningRate?: number;
}

/** Held-out figures, means per digit in nats; `elbo` = −(recon + kl) whatever β trained. */
export interface VaeEvaluation {
  readonly recon: number;
  readonly kl: number;
  readonly elbo: number;
}

/** Digits evaluated at a time: bounds the memory of an evaluation pass. */
const EVAL_CHUNK = 500;
/** The seed of the ε used for held-out figures, fixed so that they do not jitter between evaluations. */
const EVAL_SEED = 7_777;

/**
 * Trains a VAE on the training digits and measures it on the held-out digits. Everything random
 * (initial weights, batch order, ε) comes from `seed`, so the same config gives the same run.
 * Built with a `resume` state, it goes on from that state instead (see `snapshot`).
 */
export class VaeTrainer {
  readonly vae: Vae;
  steps = 0;
  private readonly sampler: EpochSampler;
  private readonly random: Random;
  private readonly eps: Float32Array;
  private readonly evalEps: Float32Array;

  constructor(
    private readonly digits: Digits,
    readonly config: VaeRunConfig,
    weights?: readonly Float32Array[],
    resume?: TrainerState,
  ) {
    this.random = createRandom(resume ? resumedSeed(config.seed, resume.steps) : config.seed);
    this.vae = new Vae({ ...config, learningRate: config.learningRate ?? 1e-3 }, this.random);
    if (weights) writeDense(this.vae.layers, weights);
    this.sampler = new EpochSampler(digits.training, config.batch, this.random);
    if (resume) {
      restoreTrainer(this.parts(), resume);
      this.steps = resume.steps;
    }
    this.eps = new Float32Array(config.batch * config.latent);
    this.evalEps = normals(createRandom(EVAL_SEED), digits.heldOut.count * config.latent);
  }

  get epochs(): number {
    return this.sampler.epochsDone;
  }

  /** One training step; the batch's mean recon and KL per digit. */
  step(): VaeLosses {
    const { batch, latent } = this.config;
    const x = tf.tensor2d(this.sampler.next(), [batch, DIGIT_PIXELS]);
    const eps = tf.tensor2d(normals(this.random, batch * latent, this.eps), [batch, latent]);
    const losses = this.vae.trainStep(x, eps);
    tf.dispose([x, eps]);
    this.steps += 1;
    return losses;
  }

  /** Recon, KL and ELBO over every held-out digit, one fixed ε per digit. */
  evaluate(): VaeEvaluation {
    const { heldOut } = this.digits;
    const { latent } = this.config;
    let recon = 0;
    let kl = 0;
    for (let start = 0; start < heldOut.count; start += EVAL_CHUNK) {
      const end = Math.min(start + EVAL_CHUNK, heldOut.count);
      const sums = tf.tidy(() => {
        const x = tf.tensor2d(this.heldOutPixels(start, end), [end - start, DIGIT_PIXELS]);
        const eps = tf.tensor2d(this.evalEps.subarray(start * latent, end * latent), [end - start, latent]);
        const terms = this.vae.losses(x, eps);
        return tf.stack([tf.sum(terms.recon), tf.sum(terms.kl)]);
      });
      const [r, k] = sums.dataSync();
      sums.dispose();
      recon += r ?? NaN;
      kl += k ?? NaN;
    }
    recon /= heldOut.count;
    kl /= heldOut.count;
    return { recon, kl, elbo: -(recon + kl) };
  }

  /** μ of q(z | x) for held-out digits [start, end), row-major. */
  codes(start = 0, end = this.digits.heldOut.count): Float32Array {
    const out = new Float32Array((end - start) * this.config.latent);
    for (let from = start; from < end; from += EVAL_CHUNK) {
      const to = Math.min(from + EVAL_CHUNK, end);
      const mu = tf.tidy(
        () => this.vae.encode(tf.tensor2d(this.heldOutPixels(from, to), [to - from, DIGIT_PIXELS])).mu,
      );
      out.set(mu.dataSync(), (from - start) * this.config.latent);
      mu.dispose();
    }
    return out;
  }

  /** Pixel means of p(x | z) for `count` codes given row-major. */
  decode(codes: Float32Array, count: number): Float32Array {
    const pixels = tf.tidy(() => this.vae.decode(tf.tensor2d(codes, [count, this.config.latent])));
    const out = pixels.dataSync() as Float32Array;
    pixels.dispose();
    return out;
  }

  /** Held-out digits `indices` reconstructed through the code means: decode(μ(x)). */
  reconstruct(indices: readonly number[]): Float32Array {
    const result = tf.tidy(() => {
      const x = tf.tensor2d(gatherDigits(this.digits.heldOut, indices), [indices.length, DIGIT_PIXELS]);
      return this.vae.decode(this.vae.encode(x).mu);
    });
    const out = result.dataSync() as Float32Array;
    result.dispose();
    return out;
  }

  weights(): Float32Array[] {
    return readDense(this.vae.layers);
  }

  /** The whole training state, copied to the CPU. */
  snapshot(): TrainerState {
    return captureTrainer(this.parts());
  }

  private parts() {
    return { model: this.vae, sampler: this.sampler, steps: this.steps };
  }

  dispose(): void {
    this.vae.dispose();
  }

  private heldOutPixels(start: number, end: number): Float32Array {
    return gatherDigits(
      this.digits.heldOut,
      Array.from({ length: end - start }, (_, i) => start + i),
    );
  }
}
