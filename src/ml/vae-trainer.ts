import { activeUnits, columnVariances } from "../lib/active-units";
import { createRandom, type Random } from "../lib/random";
import { binarise, binariseDigits, EpochSampler, normals } from "./batches";
import { readDense, writeDense } from "./dense";
import {
  DIGIT_PIXELS,
  firstOfEachClass,
  firstPerClass,
  gatherDigits,
  HELD_OUT_BINARISATION_SEED,
  meanLogOdds,
  type Digits,
} from "./digits-format";
import type { VaeEvaluationMessage, VaeMeasurement, VaeViewRequest } from "./protocol";
import {
  budgetSchedule,
  continuedSchedule,
  type BudgetSchedule,
  type LearningRateSchedule,
} from "../lib/learning-rate";
import { TRAINING_SCHEDULE, TRAINING_SCHEDULE_PARAMETERS } from "./adam";
import { tf } from "./tf";
import { budgetPosition, type BudgetProgress, type Trainer } from "./trainer";
import { captureTrainer, restoreTrainer, resumedSeed, type TrainerState } from "./trainer-state";
import { Vae, type VaeLosses } from "./vae";
import { inferenceGaps, iwaeLogPx, type GapOptions } from "./vae-inference";
import { gridCodes, interpolationPath, projectCodes } from "./vae-views";

export interface VaeRunConfig {
  readonly latent: number;
  readonly hidden: number;
  readonly batch: number;
  readonly beta: number;
  readonly seed: number;
  readonly learningRate?: number | LearningRateSchedule;
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
/** The seed of the draws of the log p(x) estimates and of the per-digit optimisation. */
const MEASURE_SEED = 5_000;
/** Importance samples per digit of log_px_test unless the page asks otherwise. */
export const DEFAULT_K = 100;
/** The gaps' subset: the first 2 held-out digits of each class; and how each digit's q* is found. */
export const GAP_DIGITS_PER_CLASS = 2;
export const GAP_OPTIONS: Omit<GapOptions, "k"> = { steps: 300, draws: 8, learningRate: 0.02, elboDraws: 400 };

/**
 * The VAE's step sizes within a time budget (src/lib/learning-rate.ts, budgetSchedule): a warm-up
 * over 100 steps to 6·10⁻³, then a linear decay to zero at the budget's end. Measured by steps, a
 * budget of N steps having used (t − 1)/N of itself at step t (latent 20, hidden 400, batch 128;
 * held-out ELBO, pretraining seed): −105.68 after a budget of 1,500 steps and −103.70 after 3,000,
 * against −107.58 and −105.51 with the anytime TRAINING_SCHEDULE at the same steps; holding 6·10⁻³
 * until the last 30% (the autoencoder's shape), −104.04 after 3,000. Before the training batches'
 * binarisation changed its random stream (so the same seed drew other batches): −103.22 after 3,000
 * (seed 1: −103.77, anytime −105.37); at a peak of 3·10⁻³ −104.17 (cosine −104.14), at 10⁻² −103.22
 * again: decaying to zero is what lets the peak double. A budget after a budget goes on from a quarter
 * of the anytime schedule's level at the model's step count: after that 3,000-step budget, a further
 * 1,000-step budget from the full level (1.2·10⁻³) fell to −104.13 after 100 steps and ended at
 * −102.97; from half, −103.60 and −103.01; from a quarter, −103.33 and −103.06. The shipped weights were made by this
 * schedule over a budget of 6,000 steps (scripts/pretrain.ts: −102.62 for latent 20, against −104.26
 * with the anytime schedule), so training on from them starts at 8.7·10⁻⁴ · ¼ too.
 */
export const VAE_BUDGET_SCHEDULE: BudgetSchedule = {
  peak: 6e-3,
  warmup: TRAINING_SCHEDULE_PARAMETERS.warmup,
  cooldown: 1,
  final: 0,
  anytimePeak: TRAINING_SCHEDULE_PARAMETERS.peak,
  decayFrom: TRAINING_SCHEDULE_PARAMETERS.decayFrom,
  cooledLevel: 0.25,
};
const vaeBudgetRate = budgetSchedule(VAE_BUDGET_SCHEDULE);

/**
 * Trains a VAE on binarised training digits (each pixel a fresh Bernoulli draw with its grey level
 * as the probability, every time a digit is used) and measures it on held-out digits binarised once
 * with HELD_OUT_BINARISATION_SEED: −ELBO then bounds −log p(x) of a distribution over {0, 1}^784.
 * Everything random (initial weights, batch order, binarisation, ε) comes from `seed`, so the same
 * config gives the same run. Built with a `resume` state, it goes on from that state (see `snapshot`).
 */
export class VaeTrainer implements Trainer {
  readonly vae: Vae;
  steps = 0;
  private readonly sampler: EpochSampler;
  private readonly random: Random;
  private readonly eps: Float32Array;
  private readonly batchPixels: Float32Array;
  private readonly evalEps: Float32Array;
  /** The held-out digits as the model sees them: 0 or 1 per pixel, row-major. */
  readonly heldOut: Float32Array;
  /** True when the weights are the shipped pretrained ones. */
  private readonly pretrained: boolean;
  /** The training steps behind the shipped weights, kept in snapshots (see the constructor). */
  private readonly pretrainedSteps?: number;
  /** Where the session's budget stands at the step under way (see `step`). */
  private budget?: BudgetProgress;

  constructor(
    private readonly digits: Digits,
    readonly config: VaeRunConfig,
    weights?: readonly Float32Array[],
    resume?: TrainerState,
    /**
     * The training steps behind `weights` when they are the shipped pretrained ones: there is then a
     * trained model to measure at once, and training goes on from where its schedule had come to. A
     * trainer rebuilt from a snapshot (after a lost GPU context) takes them from `resume`.
     */
    pretrainedSteps = resume?.stepsBefore,
  ) {
    this.pretrainedSteps = pretrainedSteps;
    this.pretrained = pretrainedSteps !== undefined;
    this.random = createRandom(resume ? resumedSeed(config.seed, resume.steps) : config.seed);
    // The shipped weights' budget decayed to its end: going on, from a fraction of the anytime level.
    const continued =
      pretrainedSteps === undefined
        ? undefined
        : continuedSchedule(TRAINING_SCHEDULE, pretrainedSteps, TRAINING_SCHEDULE_PARAMETERS.warmup);
    const anytime: LearningRateSchedule = continued
      ? (step) => VAE_BUDGET_SCHEDULE.cooledLevel * continued(step)
      : TRAINING_SCHEDULE;
    // Within a budget the step size follows it; stepped without one (tests, scripts), the anytime schedule.
    const schedule: LearningRateSchedule = (step) =>
      this.budget ? vaeBudgetRate(budgetPosition(this.budget, this.steps, pretrainedSteps)) : anytime(step);
    this.vae = new Vae({ ...config, learningRate: config.learningRate ?? schedule }, this.random);
    if (weights) writeDense(this.vae.layers, weights);
    // Fresh weights: the output bias starts at each pixel's marginal log-odds, so training spends no
    // steps learning the mean digit (seed 1, latent 20: held-out ELBO −107.7 after 1,500 steps, against −108.5).
    else if (!resume) tf.tidy(() => this.vae.layers[3].b.assign(tf.tensor1d(meanLogOdds(digits.training))));
    this.sampler = new EpochSampler(digits.training, config.batch, this.random);
    if (resume) {
      restoreTrainer(this.parts(), resume);
      this.steps = resume.steps;
    }
    this.eps = new Float32Array(config.batch * config.latent);
    this.batchPixels = new Float32Array(config.batch * DIGIT_PIXELS);
    this.evalEps = normals(createRandom(EVAL_SEED), digits.heldOut.count * config.latent);
    this.heldOut = heldOutBinarised(digits);
  }

  get epochs(): number {
    return this.sampler.epochsDone;
  }

  /**
   * One training step on a freshly binarised batch; the batch's mean recon and KL per digit, if
   * `readLosses`. Its step size follows `budget` when given (Trainer.step), else the anytime schedule.
   */
  step(): VaeLosses;
  step(readLosses: boolean, budget?: BudgetProgress): VaeLosses | undefined;
  step(readLosses = true, budget?: BudgetProgress): VaeLosses | undefined {
    const { batch, latent } = this.config;
    this.budget = budget;
    const pixels = binariseDigits(this.digits.training, this.sampler.nextIndices(), this.random, this.batchPixels);
    const x = tf.tensor2d(pixels, [batch, DIGIT_PIXELS]);
    const eps = tf.tensor2d(normals(this.random, batch * latent, this.eps), [batch, latent]);
    const losses = this.vae.trainStep(x, eps, readLosses);
    tf.dispose([x, eps]);
    this.steps += 1;
    return losses;
  }

  /** Recon, KL and ELBO over every held-out digit, one fixed ε per digit. */
  evaluateLosses(): VaeEvaluation {
    const count = this.digits.heldOut.count;
    const { latent } = this.config;
    let recon = 0;
    let kl = 0;
    for (let start = 0; start < count; start += EVAL_CHUNK) {
      const end = Math.min(start + EVAL_CHUNK, count);
      const sums = tf.tidy(() => {
        const x = tf.tensor2d(this.heldOutRows(start, end), [end - start, DIGIT_PIXELS]);
        const eps = tf.tensor2d(this.evalEps.subarray(start * latent, end * latent), [end - start, latent]);
        const terms = this.vae.losses(x, eps);
        return tf.stack([tf.sum(terms.recon), tf.sum(terms.kl)]);
      });
      const [r, k] = sums.dataSync();
      sums.dispose();
      recon += r ?? NaN;
      kl += k ?? NaN;
    }
    recon /= count;
    kl /= count;
    return { recon, kl, elbo: -(recon + kl) };
  }

  /** Held-out figures, active units and the pictures `views` asks for. */
  evaluate(views: VaeViewRequest | undefined): VaeEvaluationMessage {
    const digits = this.digits;
    const { latent } = this.config;
    const { recon, kl, elbo } = this.evaluateLosses();
    const codes = this.codes();
    const reconstructed = firstOfEachClass(digits, views?.reconstructCount ?? 0);
    const ends = (views?.interpolate ?? [0, 1]).map((label) => Math.max(0, digits.heldOut.labels.indexOf(label))) as [
      number,
      number,
    ];
    const steps = views?.interpolationSteps ?? 0;
    const priorCount = views ? views.priorCodes.length / latent : 0;
    return {
      model: "vae",
      recon,
      kl,
      elbo,
      codes,
      labels: digits.heldOut.labels.slice(),
      projection: latent > 2 ? projectCodes(codes, latent) : undefined,
      activity: columnVariances(codes, latent),
      activeUnits: activeUnits(codes, latent),
      reconstructed,
      ends,
      // Pictures show grey levels; the model reads (and reconstructs) the binarised digit.
      originals: gatherDigits(digits.heldOut, reconstructed),
      reconstructions: reconstructed.length ? this.reconstruct(reconstructed) : new Float32Array(0),
      samples: priorCount ? this.decode(views!.priorCodes, priorCount) : new Float32Array(0),
      interpolation: steps
        ? this.decode(interpolationPath(codes, latent, ends[0], ends[1], steps), steps)
        : new Float32Array(0),
      grid:
        latent === 2 && views && views.gridSide > 0
          ? this.decode(gridCodes(views), views.gridSide * views.gridSide)
          : undefined,
    };
  }

  /**
   * The inference gaps on a fixed subset (posted first: quicker), then log p(x) over every held-out
   * digit, both with `views.k` importance samples per digit; nothing for untrained fresh weights.
   */
  measure(views: VaeViewRequest | undefined): Generator<VaeMeasurement | undefined, void> | undefined {
    if (this.steps === 0 && !this.pretrained) return undefined;
    return this.measurements(views?.k ?? DEFAULT_K);
  }

  private *measurements(k: number): Generator<VaeMeasurement | undefined, void> {
    const base = { model: "vae", steps: this.steps, k } as const;
    const random = createRandom(MEASURE_SEED);
    const subset = firstPerClass(this.digits, GAP_DIGITS_PER_CLASS);
    const pixels = this.heldOutDigits(subset);
    const gaps = yield* inferenceGaps(this.vae, pixels, { ...GAP_OPTIONS, k }, random);
    yield {
      ...base,
      gaps: {
        digits: subset,
        pixels,
        encoderElbo: Array.from(gaps.encoderElbo),
        optimisedElbo: Array.from(gaps.optimisedElbo),
        logPx: Array.from(gaps.logPx),
        amortization: gaps.amortization,
        approximation: gaps.approximation,
      },
    };
    const logPx = yield* iwaeLogPx(this.vae, this.heldOut, k, random);
    yield { ...base, logPx: logPx.reduce((a, b) => a + b, 0) / logPx.length };
  }

  /** μ of q(z | x) for held-out digits [start, end), row-major. */
  codes(start = 0, end = this.digits.heldOut.count): Float32Array {
    const out = new Float32Array((end - start) * this.config.latent);
    for (let from = start; from < end; from += EVAL_CHUNK) {
      const to = Math.min(from + EVAL_CHUNK, end);
      const mu = tf.tidy(() => this.vae.encode(tf.tensor2d(this.heldOutRows(from, to), [to - from, DIGIT_PIXELS])).mu);
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

  /** Held-out digits `indices` (binarised) reconstructed through the code means: decoder probabilities of decode(μ(x)). */
  reconstruct(indices: readonly number[]): Float32Array {
    const result = tf.tidy(() => {
      const x = tf.tensor2d(this.heldOutDigits(indices), [indices.length, DIGIT_PIXELS]);
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
    const state = captureTrainer(this.parts());
    return this.pretrainedSteps === undefined ? state : { ...state, stepsBefore: this.pretrainedSteps };
  }

  private parts() {
    return { model: this.vae, sampler: this.sampler, steps: this.steps };
  }

  dispose(): void {
    this.vae.dispose();
  }

  private heldOutRows(start: number, end: number): Float32Array {
    return this.heldOut.subarray(start * DIGIT_PIXELS, end * DIGIT_PIXELS);
  }

  private heldOutDigits(indices: readonly number[]): Float32Array {
    const out = new Float32Array(indices.length * DIGIT_PIXELS);
    indices.forEach((index, row) => out.set(this.heldOutRows(index, index + 1), row * DIGIT_PIXELS));
    return out;
  }
}

let binarisedCache: { digits: Digits; pixels: Float32Array } | undefined;

/** The held-out digits binarised once with HELD_OUT_BINARISATION_SEED (kept for the digits last asked). */
export function heldOutBinarised(digits: Digits): Float32Array {
  if (binarisedCache?.digits !== digits) {
    const all = Array.from({ length: digits.heldOut.count }, (_, i) => i);
    binarisedCache = {
      digits,
      pixels: binarise(gatherDigits(digits.heldOut, all), createRandom(HELD_OUT_BINARISATION_SEED)),
    };
  }
  return binarisedCache.pixels;
}
