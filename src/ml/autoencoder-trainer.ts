import {
  budgetSchedule,
  warmupInverseSqrt,
  type BudgetSchedule,
  type LearningRateSchedule,
} from "../lib/learning-rate";
import { createRandom, type Random } from "../lib/random";
import { TRAINING_SCHEDULE_PARAMETERS } from "./adam";
import { Autoencoder } from "./autoencoder";
import { EpochSampler, maskPixels } from "./batches";
import { DIGIT_PIXELS, firstOfEachClass, gatherDigits, type Digits } from "./digits-format";
import { STRIP_SIZE, type AutoencoderEvaluationMessage } from "./protocol";
import { tf } from "./tf";
import { budgetPosition, type BudgetProgress, type Trainer } from "./trainer";
import { captureTrainer, restoreTrainer, resumedSeed, type TrainerState } from "./trainer-state";

export interface AutoencoderRunConfig {
  readonly latent: number;
  readonly hidden: number;
  readonly batch: number;
  /** Probability that an input pixel is zeroed; 0 trains a plain autoencoder. */
  readonly noise: number;
  readonly seed: number;
  readonly learningRate?: number | LearningRateSchedule;
}

const EVAL_CHUNK = 500;
/** The seed of the held-out corruption, fixed so that the held-out MSE does not jitter. */
const EVAL_SEED = 9_191;

/**
 * Adam's step sizes for the autoencoder without a time budget (tests, scripts): the VAE's 3·10⁻³
 * held to step 500, then 1/√t (src/lib/learning-rate.ts), with no warm-up (the squared error has no
 * KL term to upset early steps, and a run of a few seconds learns from its first). Measured with
 * seed 1 (latent 32, noise 0.3, batch 128): held-out MSE 0.01313 after 1,000 steps, 0.01207 after
 * 1,500 and 0.01156 after 2,000, against 0.0159 at a constant 10⁻³ after 1,000.
 */
export const AUTOENCODER_SCHEDULE: LearningRateSchedule = warmupInverseSqrt(
  TRAINING_SCHEDULE_PARAMETERS.peak,
  1,
  TRAINING_SCHEDULE_PARAMETERS.decayFrom,
);

/**
 * The autoencoder's step sizes within a time budget (src/lib/learning-rate.ts, budgetSchedule):
 * 3·10⁻³ from the first step, held until the last 30% of the budget, then a linear decay to zero.
 * Measured by steps as the VAE's (VAE_BUDGET_SCHEDULE), seed 1: held-out MSE 0.01280 after a budget
 * of 1,000 steps, 0.01160 after 1,500 and 0.01087 after 2,000, against 0.01313, 0.01207 and 0.01156
 * with AUTOENCODER_SCHEDULE. A decay over the whole budget did no better than that schedule (1,500
 * steps: 0.01294 from 3·10⁻³, 0.01207 from 6·10⁻³, 0.01215 from 10⁻²). A budget after a budget
 * starts, as the VAE's, from a quarter of the anytime level (not measured for the autoencoder).
 */
export const AUTOENCODER_BUDGET_SCHEDULE: BudgetSchedule = {
  peak: TRAINING_SCHEDULE_PARAMETERS.peak,
  warmup: 1,
  cooldown: 0.3,
  final: 0,
  anytimePeak: TRAINING_SCHEDULE_PARAMETERS.peak,
  decayFrom: TRAINING_SCHEDULE_PARAMETERS.decayFrom,
  cooledLevel: 0.25,
};
const autoencoderBudgetRate = budgetSchedule(AUTOENCODER_BUDGET_SCHEDULE);

/**
 * Trains a (denoising) autoencoder and measures it on held-out digits corrupted once, with a fixed
 * seed. Built with a `resume` state, it goes on from that state (see `snapshot`).
 */
export class AutoencoderTrainer implements Trainer {
  readonly model: Autoencoder;
  steps = 0;
  private readonly sampler: EpochSampler;
  private readonly random: Random;
  private readonly corrupted: Float32Array;
  private readonly heldOutClean: Float32Array;
  /** The held-out digits corrupted at the test noise (the training noise unless setTestNoise changed it). */
  private heldOutCorrupted: Float32Array;
  /** Where the session's budget stands at the step under way (see `step`). */
  private budget?: BudgetProgress;

  constructor(
    private readonly digits: Digits,
    readonly config: AutoencoderRunConfig,
    resume?: TrainerState,
  ) {
    this.random = createRandom(resume ? resumedSeed(config.seed, resume.steps) : config.seed);
    // Within a budget the step size follows it; stepped without one (tests, scripts), the anytime schedule.
    const schedule: LearningRateSchedule = (step) =>
      this.budget ? autoencoderBudgetRate(budgetPosition(this.budget, this.steps)) : AUTOENCODER_SCHEDULE(step);
    this.model = new Autoencoder({ ...config, learningRate: config.learningRate ?? schedule }, this.random);
    this.sampler = new EpochSampler(digits.training, config.batch, this.random);
    if (resume) {
      restoreTrainer(this.parts(), resume);
      this.steps = resume.steps;
    }
    this.corrupted = new Float32Array(config.batch * DIGIT_PIXELS);
    const all = Array.from({ length: digits.heldOut.count }, (_, i) => i);
    this.heldOutClean = gatherDigits(digits.heldOut, all);
    this.heldOutCorrupted = maskPixels(this.heldOutClean, config.noise, createRandom(EVAL_SEED));
  }

  /** Corrupts the held-out digits afresh at `noise`, with the same fixed seed, for the next evaluations. */
  setTestNoise(noise: number): void {
    this.heldOutCorrupted = maskPixels(this.heldOutClean, noise, createRandom(EVAL_SEED));
  }

  get epochs(): number {
    return this.sampler.epochsDone;
  }

  /** One training step; the batch's mean squared error per pixel, if `readLosses`; step size as in Trainer.step. */
  step(): { mse: number };
  step(readLosses: boolean, budget?: BudgetProgress): { mse: number } | undefined;
  step(readLosses = true, budget?: BudgetProgress): { mse: number } | undefined {
    const { batch, noise } = this.config;
    this.budget = budget;
    const clean = this.sampler.next();
    const x = tf.tensor2d(clean, [batch, DIGIT_PIXELS]);
    const corrupted =
      noise > 0 ? tf.tensor2d(maskPixels(clean, noise, this.random, this.corrupted), [batch, DIGIT_PIXELS]) : x;
    const mse = this.model.trainStep(x, corrupted, readLosses);
    tf.dispose([x, corrupted]);
    this.steps += 1;
    return mse === undefined ? undefined : { mse };
  }

  /** The held-out MSE, a strip of one digit of each class (clean, corrupted, reconstructed) and random codes decoded. */
  evaluate(): AutoencoderEvaluationMessage {
    const strip = this.strip(firstOfEachClass(this.digits, STRIP_SIZE));
    const random = this.decodeRandomCodes(STRIP_SIZE, createRandom(this.config.seed));
    return { model: "autoencoder", mse: this.evaluateMse(), ...strip, random };
  }

  /** Per-pixel MSE between clean held-out digits and their reconstructions from the corrupted inputs. */
  evaluateMse(): number {
    const count = this.digits.heldOut.count;
    let total = 0;
    for (let start = 0; start < count; start += EVAL_CHUNK) {
      const end = Math.min(start + EVAL_CHUNK, count);
      const sum = tf.tidy(() => {
        const rows = end - start;
        const clean = tf.tensor2d(this.heldOutClean.subarray(start * DIGIT_PIXELS, end * DIGIT_PIXELS), [
          rows,
          DIGIT_PIXELS,
        ]);
        const corrupted = tf.tensor2d(this.heldOutCorrupted.subarray(start * DIGIT_PIXELS, end * DIGIT_PIXELS), [
          rows,
          DIGIT_PIXELS,
        ]);
        return tf.sum(tf.squaredDifference(clean, this.model.reconstruct(corrupted)));
      });
      total += sum.dataSync()[0] ?? NaN;
      sum.dispose();
    }
    return total / (count * DIGIT_PIXELS);
  }

  /** For held-out digits `indices`: the clean digits, their fixed corruptions and the reconstructions. */
  strip(indices: readonly number[]): { clean: Float32Array; corrupted: Float32Array; reconstructed: Float32Array } {
    const clean = gatherDigits(this.digits.heldOut, indices);
    const corrupted = new Float32Array(clean.length);
    indices.forEach((index, row) =>
      corrupted.set(
        this.heldOutCorrupted.subarray(index * DIGIT_PIXELS, (index + 1) * DIGIT_PIXELS),
        row * DIGIT_PIXELS,
      ),
    );
    const result = tf.tidy(() => this.model.reconstruct(tf.tensor2d(corrupted, [indices.length, DIGIT_PIXELS])));
    const reconstructed = result.dataSync() as Float32Array;
    result.dispose();
    return { clean, corrupted, reconstructed };
  }

  /**
   * Decodes `count` codes drawn from independent normals fitted to each coordinate of the held-out
   * codes: the nearest thing to "sampling" an autoencoder offers, and it shows its gaps.
   */
  decodeRandomCodes(count: number, random: Random): Float32Array {
    const result = tf.tidy(() => {
      const codes = this.model.encode(tf.tensor2d(this.heldOutClean, [this.digits.heldOut.count, DIGIT_PIXELS]));
      const { mean, variance } = tf.moments(codes, 0);
      const draws = Float32Array.from({ length: count * this.config.latent }, () => random.normal());
      const z = tf.add(mean, tf.mul(tf.sqrt(variance), tf.tensor2d(draws, [count, this.config.latent]))) as tf.Tensor2D;
      return this.model.decode(z);
    });
    const out = result.dataSync() as Float32Array;
    result.dispose();
    return out;
  }

  /** The whole training state, copied to the CPU. */
  snapshot(): TrainerState {
    return captureTrainer(this.parts());
  }

  private parts() {
    return { model: this.model, sampler: this.sampler, steps: this.steps };
  }

  dispose(): void {
    this.model.dispose();
  }
}
