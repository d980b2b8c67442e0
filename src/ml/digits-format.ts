// The layout written by scripts/build-digits.mjs: a 16-byte header (uint32 LE magic "DGT1", count,
// held-out count, pixels per digit), then one label byte per digit, then the pixels as bytes
// (intensity × 255). Held-out digits come first. Kept free of DOM and tfjs so Node tests share it.
export const DIGIT_PIXELS = 784;
export const DIGIT_SIDE = 28;
const MAGIC = 0x31544744;

/**
 * The seed of the one binarisation of the held-out digits (pixel i of a digit is 1 with probability
 * its grey level): fixed, so every run, the pretrained weights and the chapter measure the same data.
 */
export const HELD_OUT_BINARISATION_SEED = 20_160_502;

export interface DigitSet {
  /** Number of digits. */
  readonly count: number;
  readonly labels: Uint8Array;
  /** Row-major pixels, `count × 784` bytes. */
  readonly pixels: Uint8Array;
}

export interface Digits {
  /** The fixed, class-balanced held-out set: training never sees it. */
  readonly heldOut: DigitSet;
  readonly training: DigitSet;
}

export function parseDigits(bytes: Uint8Array): Digits {
  if (bytes.byteLength < 16) throw new Error("The digits file is truncated.");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const [magic, count, heldOut, pixels] = [0, 4, 8, 12].map((offset) => view.getUint32(offset, true));
  if (magic !== MAGIC || pixels !== DIGIT_PIXELS) throw new Error("The digits file has an unknown format.");
  if (count === undefined || heldOut === undefined || heldOut > count)
    throw new Error("The digits file has a bad header.");
  if (bytes.byteLength !== 16 + count * (1 + DIGIT_PIXELS)) throw new Error("The digits file is truncated.");
  const labels = bytes.subarray(16, 16 + count);
  const all = bytes.subarray(16 + count);
  const slice = (start: number, end: number): DigitSet => ({
    count: end - start,
    labels: labels.subarray(start, end),
    pixels: all.subarray(start * DIGIT_PIXELS, end * DIGIT_PIXELS),
  });
  return { heldOut: slice(0, heldOut), training: slice(heldOut, count) };
}

/** Digits `indices` of a set as intensities in [0, 1], row after row, into `into` when given. */
export function gatherDigits(set: DigitSet, indices: ArrayLike<number>, into?: Float32Array): Float32Array {
  const out = into ?? new Float32Array(indices.length * DIGIT_PIXELS);
  for (let row = 0; row < indices.length; row++) {
    const start = (indices[row] ?? 0) * DIGIT_PIXELS;
    const offset = row * DIGIT_PIXELS;
    for (let i = 0; i < DIGIT_PIXELS; i++) out[offset + i] = (set.pixels[start + i] ?? 0) / 255;
  }
  return out;
}

/**
 * Per pixel, the log-odds log(p / (1 − p)) of its mean intensity p over the digits of `set`, p
 * clipped to [floor, 1 − floor] (pixels never inked would give −∞): [784]. A Bernoulli decoder whose
 * output bias starts there predicts every pixel's marginal before it has learnt anything.
 */
export function meanLogOdds(set: DigitSet, floor = 1e-3): Float32Array {
  const sums = new Float64Array(DIGIT_PIXELS);
  for (let i = 0; i < set.count * DIGIT_PIXELS; i++) sums[i % DIGIT_PIXELS]! += set.pixels[i]!;
  return Float32Array.from(sums, (sum) => {
    const p = Math.min(1 - floor, Math.max(floor, sum / 255 / Math.max(1, set.count)));
    return Math.log(p / (1 - p));
  });
}

/** True when the bytes start with the gzip signature (the file is gzipped unless a server undid it). */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Indices of the first held-out digit of each class, 0, 1, …, up to `count` of them (classes cycle past 9). */
export function firstOfEachClass(digits: Digits, count: number): number[] {
  const out: number[] = [];
  for (let label = 0; label < count; label++) {
    const index = digits.heldOut.labels.indexOf(label % 10);
    if (index >= 0) out.push(index);
  }
  return out;
}

/** The first `perClass` held-out digits of each class, class by class: a fixed, balanced subset. */
export function firstPerClass(digits: Digits, perClass: number): number[] {
  const out: number[] = [];
  for (let label = 0; label < 10; label++) {
    let found = 0;
    digits.heldOut.labels.forEach((value, index) => {
      if (value === label && found < perClass) {
        out.push(index);
        found += 1;
      }
    });
  }
  return out;
}
