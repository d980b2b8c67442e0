import { createRandom } from "../lib/random";
import { DIGIT_PIXELS } from "./digits-format";
import { tf } from "./tf";

/** Timed rounds stop once they have taken this long (ms) and there are MIN_ROUNDS, or at MAX_ROUNDS. */
const PROBE_MS = 100;
const MIN_ROUNDS = 2;
const MAX_ROUNDS = 8;
const BATCH = 128;
const HIDDEN = 400;

/**
 * Times the work that dominates a training step of the widget's VAE, on the backend in use: the
 * first layer (128 digits × 784 pixels × 400 units) forward with its fused bias and ReLU, both
 * backward products, and a read back to the CPU, as every step does. A whole VAE step would be
 * the truer figure, but on a software GPU its ~30 shaders take seconds to compile; these few take
 * a fraction of that. One untimed round first (it compiles and allocates), then rounds until
 * PROBE_MS have passed. Returns the fastest round's milliseconds (the least disturbed by other work
 * on a shared machine) and a checksum of what was computed (a sum of non-negative terms, so
 * backends can be compared); leaves no tensors behind.
 */
export function probeTrainingSpeed(): { msPerStep: number; checksum: number } {
  const random = createRandom(1);
  const fill = (length: number, scale: number) => Float32Array.from({ length }, () => scale * random.normal());
  const pixels = Float32Array.from({ length: BATCH * DIGIT_PIXELS }, () => random.uniform());
  const [x, w, b] = [
    tf.tensor2d(pixels, [BATCH, DIGIT_PIXELS]),
    tf.tensor2d(fill(DIGIT_PIXELS * HIDDEN, 0.05), [DIGIT_PIXELS, HIDDEN]),
    tf.tensor1d(fill(HIDDEN, 0.05)),
  ];
  const round = () => {
    const total = tf.tidy(() => {
      const h = tf.fused.matMul({ a: x, b: w, bias: b, activation: "relu" });
      const gradW = tf.matMul(tf.transpose(x), h);
      const gradX = tf.matMul(h, tf.transpose(w));
      // Pixels and ReLU outputs are ≥ 0, so every term of gradW is too: nothing cancels.
      return tf.add(tf.sum(gradW), tf.sum(tf.abs(gradX)));
    });
    const value = total.dataSync()[0] ?? NaN;
    total.dispose();
    return value;
  };
  try {
    const checksum = round();
    const started = performance.now();
    const times: number[] = [];
    while (times.length < MAX_ROUNDS && (times.length < MIN_ROUNDS || performance.now() - started < PROBE_MS)) {
      const roundStarted = performance.now();
      round();
      times.push(performance.now() - roundStarted);
    }
    return { msPerStep: Math.min(...times), checksum };
  } finally {
    tf.dispose([x, w, b]);
  }
}
