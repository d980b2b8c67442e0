import type { LearningRateSchedule } from "../lib/learning-rate";
import type { Random } from "../lib/random";
import { Adam } from "./adam";
import { applyDense, backThrough, createDense, denseGrads, denseVariables, disposeDense, type Dense } from "./dense";
import { DIGIT_PIXELS } from "./digits-format";
import { squaredErrorRows } from "./losses";
import { tf } from "./tf";

export interface AutoencoderConfig {
  readonly latent: number;
  readonly hidden: number;
  /** Adam's step size, or its schedule over the updates (src/lib/learning-rate.ts). */
  readonly learningRate: number | LearningRateSchedule;
}

/**
 * The stacked autoencoder of the notes: encoder g_φ: x ↦ relu(x W₁ + b₁) ↦ code (linear, size
 * `latent`); decoder f_θ: code ↦ relu(· W₃ + b₃) ↦ σ(· W₄ + b₄), pixel intensities in [0, 1].
 * Trained on L(θ, φ) = 1/n Σ ‖x − f_θ(g_φ(x̃))‖², with x̃ the corrupted input (x̃ = x when the
 * autoencoder is plain), backward pass by hand as in vae.ts.
 */
export class Autoencoder {
  readonly layers: readonly [Dense, Dense, Dense, Dense];
  readonly optimizer: Adam;

  constructor(
    readonly config: AutoencoderConfig,
    random: Random,
  ) {
    const { latent, hidden } = config;
    this.layers = [
      createDense(DIGIT_PIXELS, hidden, random, 2),
      createDense(hidden, latent, random, 1),
      createDense(latent, hidden, random, 2),
      createDense(hidden, DIGIT_PIXELS, random, 1),
    ];
    this.optimizer = new Adam(denseVariables(this.layers), config.learningRate);
  }

  encode(x: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => applyDense(this.layers[1], applyDense(this.layers[0], x, "relu"), "linear"));
  }

  decode(code: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => tf.sigmoid(applyDense(this.layers[3], applyDense(this.layers[2], code, "relu"), "linear")));
  }

  reconstruct(corrupted: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => this.decode(this.encode(corrupted)));
  }

  /** The notes' cost: mean over the batch of Σ_pixels (x − f(g(x̃)))². */
  loss(clean: tf.Tensor2D, corrupted: tf.Tensor2D): tf.Scalar {
    return tf.tidy(() => tf.mean(squaredErrorRows(clean, this.reconstruct(corrupted))));
  }

  /** Gradients of `loss` for every weight (order of `denseVariables`), and, when `withLoss`, its value. */
  gradients(clean: tf.Tensor2D, corrupted: tf.Tensor2D): { grads: tf.Tensor[]; loss: tf.Scalar };
  gradients(clean: tf.Tensor2D, corrupted: tf.Tensor2D, withLoss: boolean): { grads: tf.Tensor[]; loss?: tf.Scalar };
  gradients(clean: tf.Tensor2D, corrupted: tf.Tensor2D, withLoss = true): { grads: tf.Tensor[]; loss?: tf.Scalar } {
    return tf.tidy(() => {
      const [encoder, head, decoder, output] = this.layers;
      const batch = clean.shape[0];
      const h1 = applyDense(encoder, corrupted, "relu");
      const code = applyDense(head, h1, "linear");
      const h2 = applyDense(decoder, code, "relu");
      const y = tf.sigmoid(applyDense(output, h2, "linear"));
      const diff = tf.sub(y, clean);
      const loss = withLoss ? (tf.div(tf.sum(tf.square(diff)), batch) as tf.Scalar) : undefined;
      // d/dℓ of Σ (σ(ℓ) − x)² / batch = 2 (y − x) y (1 − y) / batch.
      const gLogits = tf.mul(tf.mul(diff, tf.mul(y, tf.sub(1, y))), 2 / batch) as tf.Tensor2D;
      const gH2 = backThrough(output, gLogits, h2);
      const gCode = backThrough(decoder, gH2);
      const gH1 = backThrough(head, gCode, h1);
      return {
        grads: [
          ...denseGrads(corrupted, gH1),
          ...denseGrads(h1, gCode),
          ...denseGrads(code, gH2),
          ...denseGrads(h2, gLogits),
        ],
        ...(loss ? { loss } : {}),
      };
    });
  }

  /** One Adam step; returns the batch's mean squared error per pixel, or nothing unless `readLoss`. */
  trainStep(clean: tf.Tensor2D, corrupted: tf.Tensor2D): number;
  trainStep(clean: tf.Tensor2D, corrupted: tf.Tensor2D, readLoss: boolean): number | undefined;
  trainStep(clean: tf.Tensor2D, corrupted: tf.Tensor2D, readLoss = true): number | undefined {
    const { grads, loss } = this.gradients(clean, corrupted, readLoss);
    this.optimizer.apply(grads);
    tf.dispose(grads);
    if (!loss) return undefined;
    const value = loss.dataSync()[0] ?? NaN;
    loss.dispose();
    return value / DIGIT_PIXELS;
  }

  dispose(): void {
    this.optimizer.dispose();
    disposeDense(this.layers);
  }
}
