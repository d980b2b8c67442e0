import type { Random } from "../lib/random";
import { tf } from "./tf";

/** One fully connected layer's weights `[inputs, outputs]` and bias `[outputs]`. */
export interface Dense {
  readonly w: tf.Variable<tf.Rank.R2>;
  readonly b: tf.Variable<tf.Rank.R1>;
}

/**
 * Normal initial weights with variance `gain / inputs`: gain 2 for layers followed by a ReLU
 * (He et al., 2015), gain 1 for linear heads. Drawn from the book's seedable source.
 */
export function createDense(inputs: number, outputs: number, random: Random, gain: number): Dense {
  const scale = Math.sqrt(gain / inputs);
  const values = new Float32Array(inputs * outputs);
  for (let i = 0; i < values.length; i++) values[i] = random.normal() * scale;
  return { w: variableFrom(tf.tensor2d(values, [inputs, outputs])), b: variableFrom(tf.zeros<tf.Rank.R1>([outputs])) };
}

/** A trainable variable holding `initial`; the initial tensor is released (tf.variable keeps its own handle). */
export function variableFrom<R extends tf.Rank>(initial: tf.Tensor<R>, trainable = true): tf.Variable<R> {
  const variable = tf.variable(initial, trainable);
  initial.dispose();
  return variable;
}

export function denseVariables(layers: readonly Dense[]): tf.Variable[] {
  return layers.flatMap((layer) => [layer.w, layer.b]);
}

/** Weights as plain arrays (for saving), in the order of `denseVariables`. */
export function readDense(layers: readonly Dense[]): Float32Array[] {
  return readVariables(denseVariables(layers));
}

/** Overwrites every weight from `values` (same order and sizes as `denseVariables`). */
export function writeDense(layers: readonly Dense[], values: readonly Float32Array[]): void {
  writeVariables(denseVariables(layers), values);
}

/** The values of `variables` as plain arrays, copied to the CPU. */
export function readVariables(variables: readonly tf.Variable[]): Float32Array[] {
  return variables.map((variable) => variable.dataSync() as Float32Array);
}

/** Overwrites each of `variables` from the array of the same index and size. */
export function writeVariables(variables: readonly tf.Variable[], values: readonly Float32Array[]): void {
  if (values.length !== variables.length)
    throw new Error(`Expected ${variables.length} weight arrays, got ${values.length}.`);
  variables.forEach((variable, i) => {
    const data = values[i];
    if (!data || data.length !== variable.size) throw new Error(`Weight array ${i} has the wrong size.`);
    tf.tidy(() => variable.assign(tf.tensor(data, variable.shape)));
  });
}

/** relu(x·W + b) or x·W + b in one fused op. */
export function applyDense(layer: Dense, x: tf.Tensor2D, activation: "relu" | "linear"): tf.Tensor2D {
  return tf.fused.matMul({ a: x, b: layer.w, bias: layer.b, activation }) as tf.Tensor2D;
}

// The WASM backend's matMul with a transposed operand measured ~7× slower than an explicit
// transpose followed by a plain matMul (21 ms against 3 ms for 784×128 · 128×400), so we transpose.

/** Gradients of a dense layer from the gradient at its (pre-activation) output. */
export function denseGrads(input: tf.Tensor2D, gradOut: tf.Tensor2D): [tf.Tensor2D, tf.Tensor1D] {
  return [tf.matMul(tf.transpose(input), gradOut), tf.sum<tf.Tensor1D>(gradOut, 0)];
}

/**
 * The gradient flowing back into the layer's input: gradOut · Wᵀ [rows, inputs], masked by ReLU′ of
 * that input when asked. The WASM backend (XNNPACK) packs a product's right operand afresh at every
 * call, and W changes at every step: where W is larger than gradOut and the result together, it
 * computes (W · gradOutᵀ)ᵀ instead, which packs gradOutᵀ (for 784×400 weights and 128 rows, half the work).
 */
export function backThrough(layer: Dense, gradOut: tf.Tensor2D, reluInput?: tf.Tensor2D): tf.Tensor2D {
  const [inputs, outputs] = layer.w.shape;
  const rows = gradOut.shape[0];
  const back = (
    inputs * outputs > rows * (inputs + outputs)
      ? tf.transpose(tf.matMul(layer.w, tf.transpose(gradOut)))
      : tf.matMul(gradOut, tf.transpose(layer.w))
  ) as tf.Tensor2D;
  return reluInput ? tf.mul(back, tf.step(reluInput)) : back;
}

export function disposeDense(layers: readonly Dense[]): void {
  for (const variable of denseVariables(layers)) variable.dispose();
}
