// Messages between a model widget (main thread) and its training worker. Types only: importing
// this file costs the page nothing, and keeps TensorFlow.js inside the worker.

export interface VaeSetup {
  readonly model: "vae";
  readonly latent: number;
  readonly hidden: number;
  readonly batch: number;
  readonly beta: number;
  readonly seed: number;
  /** Start from the shipped pretrained weights (latent 2 or 20, hidden 400). */
  readonly pretrained: boolean;
  /** Training budget per run, seconds. */
  readonly seconds: number;
  /** Adam's step size; not a reader's parameter (tests use a huge one to make a run diverge). */
  readonly learningRate?: number;
}

export interface AutoencoderSetup {
  readonly model: "autoencoder";
  readonly latent: number;
  readonly hidden: number;
  readonly batch: number;
  readonly noise: number;
  readonly seed: number;
  readonly seconds: number;
  readonly learningRate?: number;
}

export type Setup = VaeSetup | AutoencoderSetup;

/** What the VAE worker draws at each evaluation besides the figures. */
export interface VaeViewRequest {
  /** How many held-out digits to show with their reconstructions (the first of each class, 0, 1, …). */
  readonly reconstructCount: number;
  /** Codes drawn from the prior, row-major, decoded into samples. */
  readonly priorCodes: Float32Array;
  /** Classes of the held-out digits at the ends of the interpolation (the first of each), and the number of points. */
  readonly interpolate: readonly [number, number];
  readonly interpolationSteps: number;
  /** For latent 2: the side of the decoded grid over [−range, range]². */
  readonly gridSide: number;
  readonly gridRange: number;
  /** Importance samples per held-out digit of the log p(x) estimate (IWAE_k), measured when the model rests. */
  readonly k: number;
}

export type ToWorker =
  | {
      readonly type: "setup";
      readonly setup: Setup;
      readonly views?: VaeViewRequest;
      readonly wasmPrefix: string;
      readonly weightsUrl: string;
      /** Backends to try, most preferred first. */
      readonly backends: readonly string[];
      /** Time each backend that starts and keep the fastest; false keeps the first that starts. */
      readonly probe: boolean;
    }
  | { readonly type: "start" }
  | { readonly type: "pause" }
  | { readonly type: "resume" }
  | { readonly type: "reset" }
  | { readonly type: "views"; readonly views: VaeViewRequest }
  /**
   * Re-measures the model at rest with new evaluation settings, no training: the autoencoder's
   * held-out corruption `noise`, the VAE's views (their `k`); answered by the evaluation, any
   * measurement, then the status.
   */
  | { readonly type: "evaluate"; readonly noise?: number; readonly views?: VaeViewRequest }
  | { readonly type: "decode"; readonly id: number; readonly codes: Float32Array; readonly count: number };

export type Status = "loading" | "idle" | "training" | "paused" | "done" | "diverged";

export interface Progress {
  readonly steps: number;
  readonly epochs: number;
  /** Seconds spent training in this session (held-out evaluations excluded). */
  readonly elapsed: number;
  readonly stepsPerSecond: number;
  /** Means of the training batches' loss terms (per digit) over the steps read since the last report (one every ~150 ms). */
  readonly train: { readonly recon: number; readonly kl: number } | { readonly mse: number };
}

export interface VaeEvaluationMessage {
  readonly model: "vae";
  readonly recon: number;
  readonly kl: number;
  readonly elbo: number;
  /** μ of every held-out digit, row-major, and their labels. */
  readonly codes: Float32Array;
  readonly labels: Uint8Array;
  /** For latent > 2: the codes projected on their first two principal axes, and those axes. */
  readonly projection?: { readonly points: Float32Array; readonly axes: number[][]; readonly mean: number[] };
  /** Var over held-out digits of each μ_j: a dimension with ~0 activity is unused (collapsed). */
  readonly activity: number[];
  /** Dimensions whose activity exceeds 0.01 (Burda et al., 2016; src/lib/active-units.ts). */
  readonly activeUnits: number;
  /** Held-out indices of the digits reconstructed and of the interpolation's ends. */
  readonly reconstructed: number[];
  readonly ends: readonly [number, number];
  readonly originals: Float32Array;
  readonly reconstructions: Float32Array;
  readonly samples: Float32Array;
  readonly interpolation: Float32Array;
  readonly grid?: Float32Array;
}

/** The three numbers of each digit of the fixed subset behind the inference gaps, nats (src/ml/vae-inference.ts). */
export interface VaeGapFigures {
  /** Held-out indices of the subset's digits, and those digits as the model sees them (binarised), 784 each. */
  readonly digits: number[];
  readonly pixels: Float32Array;
  readonly encoderElbo: number[];
  readonly optimisedElbo: number[];
  readonly logPx: number[];
  /** Means over the subset: optimisedElbo − encoderElbo, and logPx − optimisedElbo. */
  readonly amortization: number;
  readonly approximation: number;
}

/**
 * Figures measured when the model rests (after training; pretrained weights), chunk by chunk, each
 * posted when ready: first the gaps, then log p(x).
 */
export interface VaeMeasurement {
  readonly model: "vae";
  /** The training step of the model measured, and the importance samples per digit used. */
  readonly steps: number;
  readonly k: number;
  readonly gaps?: VaeGapFigures;
  /** IWAE_k estimate of the mean held-out log p(x), nats per digit. */
  readonly logPx?: number;
}

export interface AutoencoderEvaluationMessage {
  readonly model: "autoencoder";
  readonly mse: number;
  readonly clean: Float32Array;
  readonly corrupted: Float32Array;
  readonly reconstructed: Float32Array;
  /** Codes drawn from normals fitted to the held-out codes, decoded. */
  readonly random: Float32Array;
}

export type FromWorker =
  | { readonly type: "hello" }
  | {
      readonly type: "backend";
      readonly name: string;
      readonly detail: string;
      readonly fallbacks: readonly string[];
      /** The speed probe's figures, milliseconds per round on each backend timed (empty if not probed). */
      readonly trials: readonly { readonly name: string; readonly msPerStep?: number; readonly error?: string }[];
      /** Set when this backend replaces one that lost its GPU context: the plain message to show. */
      readonly lost?: string;
      /** After such a loss, the training step the model was restored to. */
      readonly restoredStep?: number;
    }
  | { readonly type: "status"; readonly status: Status; readonly message?: string }
  | { readonly type: "progress"; readonly progress: Progress }
  | {
      readonly type: "evaluation";
      readonly progress: Progress;
      readonly evaluation: VaeEvaluationMessage | AutoencoderEvaluationMessage;
      readonly final: boolean;
    }
  /** Measuring the model at rest has begun (its outputs are not final until "measured"). */
  | { readonly type: "measuring" }
  | { readonly type: "measurement"; readonly measurement: VaeMeasurement }
  /** Every figure of the measurement has been posted. */
  | { readonly type: "measured" }
  | { readonly type: "decoded"; readonly id: number; readonly pixels: Float32Array }
  | { readonly type: "error"; readonly message: string };

/** The strip of held-out digits the autoencoder shows: one of each class. */
export const STRIP_SIZE = 8;
