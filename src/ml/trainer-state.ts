import type { Adam, AdamState } from "./adam";
import type { EpochSampler, SamplerState } from "./batches";
import { readDense, writeDense, type Dense } from "./dense";

/**
 * Everything a trainer needs to go on from where it was, as plain arrays on the CPU: weights,
 * optimizer moments, batch order and step count. Taken while training on a GPU backend, it lets a
 * trainer be rebuilt on another backend when the GPU context is lost.
 */
export interface TrainerState {
  readonly steps: number;
  /**
   * Training steps behind the weights the trainer started from (the shipped pretrained ones), which
   * its step sizes count on: without them a rebuilt trainer would warm up to its peak rate again.
   */
  readonly stepsBefore?: number;
  readonly weights: readonly Float32Array[];
  readonly optimizer: AdamState;
  readonly sampler: SamplerState;
}

interface Trained {
  readonly model: { readonly layers: readonly Dense[]; readonly optimizer: Adam };
  readonly sampler: EpochSampler;
  readonly steps: number;
}

export function captureTrainer({ model, sampler, steps }: Trained): TrainerState {
  return { steps, weights: readDense(model.layers), optimizer: model.optimizer.state(), sampler: sampler.state() };
}

/** Puts `state` back into a freshly built trainer's model and sampler (the caller sets its step count). */
export function restoreTrainer({ model, sampler }: Trained, state: TrainerState): void {
  writeDense(model.layers, state.weights);
  model.optimizer.restore(state.optimizer);
  sampler.restore(state.sampler);
}

/** The seed of a trainer resumed at `steps`: a fresh stream, so no ε or batch order of earlier steps repeats. */
export function resumedSeed(seed: number, steps: number): number {
  return seed + steps * 7_919;
}
