import type { Random } from "../lib/random";
import { DIGIT_PIXELS, gatherDigits, type DigitSet } from "./digits-format";

/** Where an EpochSampler is in its epoch, as plain data. */
export interface SamplerState {
  readonly order: Uint32Array;
  readonly position: number;
  readonly epochsDone: number;
}

/** Hands out batches of training digits, every digit once per epoch in a fresh seeded order. */
export class EpochSampler {
  private order: Uint32Array;
  private position = 0;
  /** Completed passes over the training set, fractional. */
  epochsDone = 0;
  private readonly buffer: Float32Array;

  constructor(
    private readonly set: DigitSet,
    readonly batch: number,
    private readonly random: Random,
  ) {
    this.order = Uint32Array.from({ length: set.count }, (_, i) => i);
    this.shuffle();
    this.buffer = new Float32Array(batch * DIGIT_PIXELS);
  }

  /** The next batch as intensities (a reused buffer: copy it before the next call). */
  next(): Float32Array {
    return gatherDigits(this.set, this.nextIndices(), this.buffer);
  }

  /** The indices of the next batch's digits in the set (what `next` gathers). */
  nextIndices(): Uint32Array {
    const indices = new Uint32Array(this.batch);
    for (let i = 0; i < this.batch; i++) {
      if (this.position === this.order.length) {
        this.shuffle();
        this.position = 0;
      }
      indices[i] = this.order[this.position++]!;
    }
    this.epochsDone += this.batch / this.set.count;
    return indices;
  }

  state(): SamplerState {
    return { order: this.order.slice(), position: this.position, epochsDone: this.epochsDone };
  }

  restore(state: SamplerState): void {
    if (state.order.length !== this.order.length) throw new Error("The sampler state is for another training set.");
    this.order = state.order.slice();
    this.position = state.position;
    this.epochsDone = state.epochsDone;
  }

  private shuffle(): void {
    const order = this.order;
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(this.random.uniform() * (i + 1));
      const swap = order[i]!;
      order[i] = order[j]!;
      order[j] = swap;
    }
  }
}

/** Standard normal draws, `count` of them, from the injected source. */
export function normals(random: Random, count: number, into?: Float32Array): Float32Array {
  const out = into ?? new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = random.normal();
  return out;
}

/**
 * The corruption process x̃ ~ M(x̃ | x) of the denoising autoencoder: each pixel is set to 0 with
 * probability `noise` (masking noise, Vincent et al., 2008), independently.
 */
export function maskPixels(clean: Float32Array, noise: number, random: Random, into?: Float32Array): Float32Array {
  const out = into ?? new Float32Array(clean.length);
  for (let i = 0; i < clean.length; i++) out[i] = random.uniform() < noise ? 0 : clean[i]!;
  return out;
}

/**
 * Binarised digits, the data of the likelihood literature (Salakhutdinov & Murray, 2008): each
 * pixel is 1 with probability its grey level, independently, from `random`. Then a Bernoulli
 * decoder's p(x | z) is a probability over {0, 1}^784 and −ELBO bounds −log p(x) of a proper model.
 */
export function binarise(probabilities: Float32Array, random: Random, into?: Float32Array): Float32Array {
  const out = into ?? new Float32Array(probabilities.length);
  for (let i = 0; i < probabilities.length; i++) out[i] = random.uniform() < probabilities[i]! ? 1 : 0;
  return out;
}

/** Grey level byte → its probability of ink, as gatherDigits scales it. */
const INK = Float32Array.from({ length: 256 }, (_, level) => level / 255);

/**
 * Digits `indices` of `set`, binarised as they are gathered: the same distribution as
 * binarise(gatherDigits(set, indices)), but a uniform draw is taken only for a grey pixel; one at 0
 * or 255 is certain (about 81% of the digits' pixels are 0), so a batch costs a fifth of the draws.
 * A stream of its own: the training batches' (the held-out digits keep binarise's, with their seed).
 * Returns [indices.length × 784], row-major.
 */
export function binariseDigits(
  set: DigitSet,
  indices: ArrayLike<number>,
  random: Random,
  into?: Float32Array,
): Float32Array {
  const out = into ?? new Float32Array(indices.length * DIGIT_PIXELS);
  const pixels = set.pixels;
  for (let row = 0; row < indices.length; row++) {
    const start = (indices[row] ?? 0) * DIGIT_PIXELS;
    const offset = row * DIGIT_PIXELS;
    for (let i = 0; i < DIGIT_PIXELS; i++) {
      const level = pixels[start + i]!;
      out[offset + i] = level === 0 ? 0 : level === 255 ? 1 : random.uniform() < INK[level]! ? 1 : 0;
    }
  }
  return out;
}
