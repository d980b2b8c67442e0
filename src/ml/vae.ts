import type { Random } from "../lib/random";
import { Adam } from "./adam";
import { applyDense, backThrough, createDense, denseGrads, denseVariables, disposeDense, type Dense } from "./dense";
import { DIGIT_PIXELS } from "./digits-format";
import { bernoulliNll, klStdNormalRows } from "./losses";
import { tf } from "./tf";

export interface VaeShape {
  readonly latent: number;
  readonly hidden: number;
}

export interface VaeConfig extends VaeShape {
  /** Weight of the KL term in the training loss (β-VAE); 1 gives the true negative ELBO. */
  readonly beta: number;
  readonly learningRate: number;
}

/** Means per digit, nats. */
export interface VaeLosses {
  readonly recon: number;
  readonly kl: number;
}

/**
 * The VAE of the notes: encoder g_φ: x ↦ relu(x W₁ + b₁) ↦ (μ, log σ²), one linear head of size
 * 2 × latent; z = μ + σ ⊙ ε with ε ~ N(0, I) (reparameterisation); decoder f_θ: z ↦ relu(z W₃ + b₃)
 * ↦ logits of a Bernoulli per pixel.
 *
 * The training step writes the backward pass out by hand (checked against tf.grad in the unit
 * tests): with fused matMul+bias+relu in the forward pass and no autodiff tape it does roughly half
 * the work of a tfjs-layers model.
 */
export class Vae {
  readonly layers: readonly [Dense, Dense, Dense, Dense];
  readonly optimizer: Adam;

  constructor(
    readonly config: VaeConfig,
    random: Random,
  ) {
    const { latent, hidden } = config;
    this.layers = [
      createDense(DIGIT_PIXELS, hidden, random, 2),
      createDense(hidden, 2 * latent, random, 1),
      createDense(latent, hidden, random, 2),
      createDense(hidden, DIGIT_PIXELS, random, 1),
    ];
    this.optimizer = new Adam(denseVariables(this.layers), config.learningRate);
  }

  /** μ and log σ² of q_φ(z | x). */
  encode(x: tf.Tensor2D): { mu: tf.Tensor2D; logvar: tf.Tensor2D } {
    return tf.tidy(() => {
      const [encoder, head] = this.layers;
      const stats = applyDense(head, applyDense(encoder, x, "relu"), "linear");
      const [mu, logvar] = tf.split(stats, 2, 1) as [tf.Tensor2D, tf.Tensor2D];
      return { mu, logvar };
    });
  }

  /** Logits of p_θ(x | z). */
  decodeLogits(z: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => applyDense(this.layers[3], applyDense(this.layers[2], z, "relu"), "linear"));
  }

  /** Pixel means σ(logits) of p_θ(x | z), for pictures. */
  decode(z: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => tf.sigmoid(this.decodeLogits(z)));
  }

  /**
   * Per-digit −log p(x | z) and KL for one ε per digit: summed, they are a one-sample estimate
   * of −ELBO(x). Returns two [batch] tensors.
   */
  losses(x: tf.Tensor2D, eps: tf.Tensor2D): { recon: tf.Tensor1D; kl: tf.Tensor1D } {
    return tf.tidy(() => {
      const { mu, logvar } = this.encode(x);
      const z = tf.add(mu, tf.mul(tf.exp(tf.mul(logvar, 0.5)), eps)) as tf.Tensor2D;
      return { recon: bernoulliNll(this.decodeLogits(z), x), kl: klStdNormalRows(mu, logvar) };
    });
  }

  /** The training loss mean(recon + β·KL) as a tensor, for checking `gradients` against autodiff. */
  loss(x: tf.Tensor2D, eps: tf.Tensor2D): tf.Scalar {
    return tf.tidy(() => {
      const { recon, kl } = this.losses(x, eps);
      return tf.mean(tf.add(recon, tf.mul(kl, this.config.beta)));
    });
  }

  /** Gradients of `loss` for every weight (order of `denseVariables`), and the batch's mean terms as [recon, kl]. */
  gradients(x: tf.Tensor2D, eps: tf.Tensor2D): { grads: tf.Tensor[]; terms: tf.Tensor1D } {
    return tf.tidy(() => {
      const [encoder, head, decoder, output] = this.layers;
      const { beta } = this.config;
      const batch = x.shape[0];
      const h1 = applyDense(encoder, x, "relu");
      const stats = applyDense(head, h1, "linear");
      const [mu, logvar] = tf.split(stats, 2, 1) as [tf.Tensor2D, tf.Tensor2D];
      const std = tf.exp(tf.mul(logvar, 0.5));
      const z = tf.add(mu, tf.mul(std, eps)) as tf.Tensor2D;
      const h2 = applyDense(decoder, z, "relu");
      const logits = applyDense(output, h2, "linear");

      const recon = tf.sum(tf.sub(tf.softplus(logits), tf.mul(x, logits)));
      const variance = tf.square(std);
      const kl = tf.mul(tf.sum(tf.sub(tf.add(variance, tf.square(mu)), tf.add(logvar, 1))), 0.5);
      const terms = tf.div(tf.stack([recon, kl]), batch) as tf.Tensor1D;

      // d loss / d logits = (σ(ℓ) − x) / batch for the Bernoulli negative log-likelihood.
      const gLogits = tf.div(tf.sub(tf.sigmoid(logits), x), batch) as tf.Tensor2D;
      const gH2 = backThrough(output, gLogits, h2);
      const gZ = backThrough(decoder, gH2);
      const klScale = beta / batch;
      const gMu = tf.add(gZ, tf.mul(mu, klScale));
      // z = μ + exp(½ logvar) ε, KL = ½ Σ (exp(logvar) + μ² − 1 − logvar).
      const gLogvar = tf.add(tf.mul(tf.mul(gZ, eps), tf.mul(std, 0.5)), tf.mul(tf.sub(variance, 1), 0.5 * klScale));
      const gStats = tf.concat([gMu, gLogvar], 1) as tf.Tensor2D;
      const gH1 = backThrough(head, gStats, h1);
      return {
        grads: [...denseGrads(x, gH1), ...denseGrads(h1, gStats), ...denseGrads(z, gH2), ...denseGrads(h2, gLogits)],
        terms,
      };
    });
  }

  /** One Adam step on a batch; returns the batch's mean recon and KL (nats per digit). */
  trainStep(x: tf.Tensor2D, eps: tf.Tensor2D): VaeLosses {
    const { grads, terms } = this.gradients(x, eps);
    this.optimizer.apply(grads);
    const [recon, kl] = terms.dataSync();
    tf.dispose([...grads, terms]);
    return { recon: recon ?? NaN, kl: kl ?? NaN };
  }

  dispose(): void {
    this.optimizer.dispose();
    disposeDense(this.layers);
  }
}
