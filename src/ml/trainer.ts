import type { BudgetPosition } from "../lib/learning-rate";
import type {
  AutoencoderEvaluationMessage,
  Progress,
  VaeEvaluationMessage,
  VaeMeasurement,
  VaeViewRequest,
} from "./protocol";
import type { TrainerState } from "./trainer-state";

/**
 * Where the session's time budget stands, for the trainer's step sizes (budgetSchedule,
 * src/lib/learning-rate.ts): the trainer's step count when the budget began, and the fraction of
 * the budget's training time (pauses excluded) spent so far.
 */
export interface BudgetProgress {
  readonly startStep: number;
  readonly used: number;
}

/**
 * The position `budgetSchedule` reads, for a trainer at `steps` whose model had `pretrainedSteps`
 * before any here: the shipped weights were made by one budget that decayed to its end
 * (scripts/pretrain.ts), as a budget begun after steps here follows an earlier one that did.
 */
export function budgetPosition(budget: BudgetProgress, steps: number, pretrainedSteps = 0): BudgetPosition {
  const { startStep, used } = budget;
  const stepsBefore = startStep + pretrainedSteps;
  return { step: steps + 1 - startStep, used, stepsBefore, cooled: stepsBefore > 0 };
}

/** One training step's loss terms, means per digit of the batch, named as the page shows them. */
export type StepLosses = Progress["train"];

/**
 * What the training session needs from a model's trainer (src/ml/session.ts): it schedules,
 * budgets and recovers; the trainer steps, and measures and draws what its model shows.
 */
export interface Trainer {
  /** Training steps taken, and passes over the training digits (fractional). */
  readonly steps: number;
  readonly epochs: number;
  /**
   * One training step; its batch's loss terms when `readLosses` (the default), else nothing: computing
   * and reading them back costs a pass over every pixel and, on a GPU, a wait for the device. `budget`
   * is where the session's budget stands, for a trainer whose step sizes follow it (the VAE's).
   */
  step(readLosses?: boolean, budget?: BudgetProgress): StepLosses | undefined;
  /** Held-out figures and the pictures `views` asks for (the autoencoder asks nothing). */
  evaluate(views: VaeViewRequest | undefined): VaeEvaluationMessage | AutoencoderEvaluationMessage;
  /**
   * Costly figures for a model at rest, as a job that yields between chunks of work (undefined) or
   * a figure ready to post; undefined when there is nothing worth measuring (e.g. untrained weights).
   */
  measure?(views: VaeViewRequest | undefined): Generator<VaeMeasurement | undefined, void> | undefined;
  /** Corrupts the held-out digits at `noise` for the evaluations that follow (the training corruption stays). */
  setTestNoise?(noise: number): void;
  /** Pixel means for `count` codes (row-major), for a model that decodes codes. */
  decode?(codes: Float32Array, count: number): Float32Array;
  /** The whole training state, copied to the CPU (to go on after a lost GPU context). */
  snapshot(): TrainerState;
  dispose(): void;
}
