// The shipped pretrained weights: each tensor quantised to int8 with one scale per column (per
// output unit: value ≈ scale[column] × q, q in −127…127), behind a small JSON header. Per-column
// scales cost a few hundred floats and halve the ELBO lost to rounding against one scale per tensor.
// Kept free of tfjs and DOM.
import type { BudgetSchedule, WarmupInverseSqrt } from "../lib/learning-rate";

const MAGIC = "VAEW";

/** One point of a loss curve: means per digit (nats) at a training step. */
export interface HistoryPoint {
  readonly step: number;
  /** −E_q[log p(x | z)] and D_KL(q(z | x) ‖ p(z)). */
  readonly recon: number;
  readonly kl: number;
}

/**
 * How the pretrained model was trained, for the widget to draw as its own curves (the same series
 * the widget draws while it trains): training batches' running means and held-out evaluations.
 */
export interface TrainingHistory {
  readonly batch: number;
  /**
   * Adam's step size: a constant (weights made before the schedule), the anytime schedule's parameters,
   * or (since the weights are made as the widget trains within a budget) the budget schedule's, with
   * the budget in steps.
   */
  readonly learningRate: number | WarmupInverseSqrt | (BudgetSchedule & { readonly budgetSteps: number });
  /** Means over the training batches since the previous point. */
  readonly train: readonly HistoryPoint[];
  /** Held-out figures (binarised held-out digits, one fixed ε per digit) at those steps. */
  readonly heldOut: readonly HistoryPoint[];
}

/** What the pretraining script measured on the quantised weights with the widget's code (src/ml/vae-inference.ts). */
export interface PretrainedMeasurement {
  /** Importance samples per digit, and the IWAE_k estimate of the mean held-out log p(x), nats. */
  readonly k: number;
  readonly logPx: number;
  readonly activeUnits: number;
  readonly gapAmortization: number;
  readonly gapApproximation: number;
}

export interface WeightsMeta {
  readonly latent: number;
  readonly hidden: number;
  readonly seed: number;
  readonly steps: number;
  readonly seconds: number;
  /** Held-out figures of the quantised weights, as the script measured them. */
  readonly heldOut: { readonly recon: number; readonly kl: number; readonly elbo: number };
  readonly shapes: readonly (readonly number[])[];
  /** Present in weights made since the digits are binarised. */
  readonly history?: TrainingHistory;
  readonly measured?: PretrainedMeasurement;
}

interface Header extends WeightsMeta {
  readonly scales: readonly (readonly number[])[];
}

/** Symmetric int8 with one scale per column of a row-major tensor with `columns` columns. */
export function quantise(values: Float32Array, columns: number): { scales: number[]; q: Int8Array } {
  const max = new Array<number>(columns).fill(0);
  values.forEach((value, i) => (max[i % columns] = Math.max(max[i % columns]!, Math.abs(value))));
  const scales = max.map((m) => (m === 0 ? 1 : m / 127));
  return { scales, q: Int8Array.from(values, (value, i) => Math.round(value / scales[i % columns]!)) };
}

const columnsOf = (shape: readonly number[]): number => shape[shape.length - 1] ?? 1;

export function encodeWeights(meta: WeightsMeta, tensors: readonly Float32Array[]): Uint8Array {
  if (tensors.length !== meta.shapes.length) throw new Error("One shape per tensor is needed.");
  const quantised = tensors.map((values, i) => quantise(values, columnsOf(meta.shapes[i]!)));
  const header: Header = { ...meta, scales: quantised.map(({ scales }) => scales) };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const total = quantised.reduce((sum, { q }) => sum + q.length, 0);
  const out = new Uint8Array(8 + json.length + total);
  out.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(out.buffer).setUint32(4, json.length, true);
  out.set(json, 8);
  let offset = 8 + json.length;
  for (const { q } of quantised) {
    out.set(new Uint8Array(q.buffer, q.byteOffset, q.length), offset);
    offset += q.length;
  }
  return out;
}

export function decodeWeights(bytes: Uint8Array): { meta: WeightsMeta; tensors: Float32Array[] } {
  if (new TextDecoder().decode(bytes.subarray(0, 4)) !== MAGIC)
    throw new Error("The weights file has an unknown format.");
  const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(4, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + length))) as Header;
  let offset = 8 + length;
  const tensors = header.shapes.map((shape, i) => {
    const size = shape.reduce((a, b) => a * b, 1);
    if (offset + size > bytes.length) throw new Error("The weights file is truncated.");
    const q = new Int8Array(bytes.buffer, bytes.byteOffset + offset, size);
    offset += size;
    const scales = header.scales[i] ?? [];
    const columns = columnsOf(shape);
    return Float32Array.from(q, (value, j) => value * (scales[j % columns] ?? 1));
  });
  const { scales: _scales, ...meta } = header;
  return { meta, tensors };
}

/** Where the site serves the pretrained VAE with this latent size. */
export function pretrainedFile(latent: number): string {
  return `models/vae-latent${latent}.bin`;
}

/** Latent sizes that ship pretrained weights (hidden 400). */
export const PRETRAINED_LATENTS: readonly number[] = [2, 20];
export const PRETRAINED_HIDDEN = 400;
