import { createRandom } from "../lib/random";
import { DIGIT_PIXELS } from "./digits-format";
import { tf } from "./tf";

/** Timed steps stop once they have taken this long (ms), or after MAX_STEPS. */
const PROBE_MS = 100;
const MAX_STEPS = 8;
const BATCH = 128;
const HIDDEN = 400;

/**
 * Times the work that dominates a training step of the widget's VAE, on the backend in use: the
 * first layer (128 digits × 784 pixels × 400 units) forward with its fused bias and ReLU, both
 * backward products, and a read back to the CPU, as every step does. A whole VAE step would be
 * the truer figure, but on a software GPU its ~30 shaders take seconds to compile; these few take
 * a fraction of that. One untimed round first (it compiles and allocates), then rounds until
 * PROBE_MS have passed. Returns milliseconds per round; leaves no tensors behind.
 */
export function probeTrainingSpeed(): number {
  const random = createRandom(1);
  const fill = (length: number, scale: number) => Float32Array.from({ length }, () => scale * random.normal());
  const [x, w, b] = [
    tf.tensor2d(fill(BATCH * DIGIT_PIXELS, 1), [BATCH, DIGIT_PIXELS]),
    tf.tensor2d(fill(DIGIT_PIXELS * HIDDEN, 0.05), [DIGIT_PIXELS, HIDDEN]),
    tf.tensor1d(fill(HIDDEN, 0.05)),
  ];
  const round = () => {
    const total = tf.tidy(() => {
      const h = tf.fused.matMul({ a: x, b: w, bias: b, activation: "relu" });
      const gradW = tf.matMul(tf.transpose(x), h);
      const gradX = tf.matMul(h, tf.transpose(w));
      return tf.add(tf.sum(gradW), tf.sum(gradX));
    });
    const value = total.dataSync()[0];
    total.dispose();
    if (!Number.isFinite(value)) throw new Error("the probe computed a value that is not finite");
  };
  try {
    round();
    const started = performance.now();
    let rounds = 0;
    do {
      round();
      rounds += 1;
    } while (rounds < MAX_STEPS && performance.now() - started < PROBE_MS);
    return (performance.now() - started) / rounds;
  } finally {
    tf.dispose([x, w, b]);
  }
}
