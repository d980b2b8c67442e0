import type { LearningRateSchedule } from "../lib/learning-rate";
import type { Random } from "../lib/random";
import { Adam } from "./adam";
import { applyDense, backThrough, createDense, denseGrads, denseVariables, disposeDense, type Dense } from "./dense";
import { DIGIT_PIXELS } from "./digits-format";
import {
  bernoulliNll,
  bernoulliNllGrad,
  klStdNormalGrads,
  klStdNormalRows,
  logPriorOverPosterior,
  reparameterise,
} from "./losses";
import { drawLatent, latentGradients } from "../lib/latent-layer";
import { heapTensor, tf, wasmHeap } from "./tf";

export interface VaeShape {
  readonly latent: number;
  readonly hidden: number;
}

/** The decoder's half of a training step (Vae.decoderGradients), tensors [rows, …]. */
export interface DecoderGradients {
  readonly z: tf.Tensor2D;
  readonly h2: tf.Tensor2D;
  readonly logits: tf.Tensor2D;
  readonly gLogits: tf.Tensor2D;
  readonly gH2: tf.Tensor2D;
  readonly gZ: tf.Tensor2D;
}

export interface VaeConfig extends VaeShape {
  /** Weight of the KL term in the training loss (β-VAE); 1 gives the true negative ELBO. */
  readonly beta: number;
  /** Adam's step size, or its schedule over the updates (src/lib/learning-rate.ts). */
  readonly learningRate: number | LearningRateSchedule;
}

/** q(z | x) = N(μ, diag(exp(logvar))) of n digits: μ and log σ², [n, latent] each. */
export interface Posterior {
  readonly mu: tf.Tensor2D;
  readonly logvar: tf.Tensor2D;
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
  encode(x: tf.Tensor2D): Posterior {
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
      const z = reparameterise(mu, logvar, eps) as tf.Tensor2D;
      return {
        recon: bernoulliNll(this.decodeLogits(z), x) as tf.Tensor1D,
        kl: klStdNormalRows(mu, logvar) as tf.Tensor1D,
      };
    });
  }

  /**
   * Importance log weights log p(x, z) − log q(z | x) for z = μ + σ ⊙ ε, with `m` = eps.rows / n
   * draws per digit of x [n, 784], ε [n·m, latent] (digit i's draws in rows i·m … i·m + m − 1).
   * Returns [n, m]; IWAE_m of digit i is their log-mean-exp (src/lib/iwae.ts).
   */
  logWeights(x: tf.Tensor2D, eps: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => this.logWeightsOf(x, this.encode(x), eps));
  }

  /** As `logWeights` with q(z | x) = N(μ, diag(exp(logvar))) given, [n, latent] each (e.g. optimised per digit). */
  logWeightsOf(x: tf.Tensor2D, q: Posterior, eps: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => {
      const { logLikelihood, z, e, logvar } = this.drawn(x, q, eps);
      return tf.add(logLikelihood, logPriorOverPosterior(z, e, logvar)) as tf.Tensor2D;
    });
  }

  /**
   * ELBO(x) = E_q[log p(x | z)] − D_KL(q ‖ p(z)) per digit [n], the expectation averaged over the
   * m = eps.rows / n draws of each digit (laid out as in `logWeights`), the KL in closed form.
   */
  elboOf(x: tf.Tensor2D, q: Posterior, eps: tf.Tensor2D): tf.Tensor1D {
    return tf.tidy(
      () => tf.sub(tf.mean(this.drawn(x, q, eps).logLikelihood, 1), klStdNormalRows(q.mu, q.logvar)) as tf.Tensor1D,
    );
  }

  /** z [n, m, latent] = μ + σ ⊙ ε for m draws per digit, and log p(x | z) [n, m]. Call inside a tidy. */
  private drawn(x: tf.Tensor2D, q: Posterior, eps: tf.Tensor2D) {
    const [n, latent] = q.mu.shape;
    const m = eps.shape[0] / n;
    const e = tf.reshape(eps, [n, m, latent]);
    const logvar = tf.expandDims(q.logvar, 1);
    const z = reparameterise(tf.expandDims(q.mu, 1), logvar, e);
    const logits = tf.reshape(this.decodeLogits(tf.reshape(z, [n * m, latent])), [n, m, DIGIT_PIXELS]);
    return { logLikelihood: tf.neg(bernoulliNll(logits, tf.expandDims(x, 1))), z, e, logvar };
  }

  /** The training loss mean(recon + β·KL) as a tensor, for checking `gradients` against autodiff. */
  loss(x: tf.Tensor2D, eps: tf.Tensor2D): tf.Scalar {
    return tf.tidy(() => {
      const { recon, kl } = this.losses(x, eps);
      return tf.mean(tf.add(recon, tf.mul(kl, this.config.beta)));
    });
  }

  /**
   * Gradients of `loss` for every weight (order of `denseVariables`), and, when `withTerms`, the
   * batch's mean terms as [recon, kl] (their softplus over every pixel is ~8% of a step: the
   * training loop reads them only every few steps).
   */
  gradients(x: tf.Tensor2D, eps: tf.Tensor2D): { grads: tf.Tensor[]; terms: tf.Tensor1D };
  gradients(x: tf.Tensor2D, eps: tf.Tensor2D, withTerms: boolean): { grads: tf.Tensor[]; terms?: tf.Tensor1D };
  gradients(x: tf.Tensor2D, eps: tf.Tensor2D, withTerms = true): { grads: tf.Tensor[]; terms?: tf.Tensor1D } {
    return tf.tidy(() => {
      const [encoder, head] = this.layers;
      const batch = x.shape[0];
      const h1 = applyDense(encoder, x, "relu");
      const stats = applyDense(head, h1, "linear");
      const klScale = this.config.beta / batch;
      const heap = wasmHeap();
      let back: DecoderGradients;
      let gStats: tf.Tensor2D;
      let terms: tf.Tensor1D | undefined;
      if (heap) {
        // On WASM the latent layer's dozen elementwise steps ([batch, latent] each, a kernel launch
        // apiece) are two loops over the module's memory: z = μ + σ ⊙ ε, then ∂loss/∂(μ, log σ²).
        const latent = eps.shape[1];
        const z = heapTensor<tf.Rank.R2>(heap, [batch, latent]);
        const std = drawLatent(
          latent,
          heap.typedArrayFromHeap(stats),
          heap.typedArrayFromHeap(eps),
          heap.typedArrayFromHeap(z),
        );
        back = this.decoderGradients(x, z, 1 / batch);
        gStats = heapTensor<tf.Rank.R2>(heap, [batch, 2 * latent]);
        // Views taken after the allocations, which may have moved the module's memory.
        const kl = latentGradients(
          latent,
          heap.typedArrayFromHeap(stats),
          heap.typedArrayFromHeap(eps),
          std,
          heap.typedArrayFromHeap(back.gZ),
          klScale,
          heap.typedArrayFromHeap(gStats),
        );
        if (withTerms)
          terms = tf.div(tf.stack([tf.sum(bernoulliNll(back.logits, x)), tf.scalar(kl)]), batch) as tf.Tensor1D;
      } else {
        const [mu, logvar] = tf.split(stats, 2, 1) as [tf.Tensor2D, tf.Tensor2D];
        const recon = this.reconGradients(x, mu, logvar, eps, 1 / batch);
        back = recon;
        if (withTerms)
          terms = tf.div(
            tf.stack([tf.sum(bernoulliNll(back.logits, x)), tf.sum(klStdNormalRows(mu, logvar))]),
            batch,
          ) as tf.Tensor1D;
        const klGrads = klStdNormalGrads(mu, logvar);
        const gMu = tf.add(recon.gMu, tf.mul(klGrads.mu, klScale));
        const gLogvar = tf.add(recon.gLogvar, tf.mul(klGrads.logvar, klScale));
        gStats = tf.concat([gMu, gLogvar], 1) as tf.Tensor2D;
      }
      const gH1 = backThrough(head, gStats, h1);
      const grads = [
        ...denseGrads(x, gH1),
        ...denseGrads(h1, gStats),
        ...denseGrads(back.z, back.gH2),
        ...denseGrads(back.h2, back.gLogits),
      ];
      return terms ? { grads, terms } : { grads };
    });
  }

  /**
   * The decoder forward and back from codes z [rows, latent]: hidden layer, logits of p(x | z)
   * [rows, 784], and `scale` × the gradients of the per-row −log p(x | z) at the logits, at the
   * hidden layer and at z. Call inside a tidy.
   */
  decoderGradients(x: tf.Tensor2D, z: tf.Tensor2D, scale: number): DecoderGradients {
    const [, , decoder, output] = this.layers;
    const h2 = applyDense(decoder, z, "relu");
    const logits = applyDense(output, h2, "linear");
    const gLogits = tf.mul(bernoulliNllGrad(logits, x), scale) as tf.Tensor2D;
    const gH2 = backThrough(output, gLogits, h2);
    return { z, h2, logits, gLogits, gH2, gZ: backThrough(decoder, gH2) };
  }

  /**
   * The decoder's half of a training step, forward and back: z = μ + σ ⊙ ε [rows, latent], the
   * logits of p(x | z) [rows, 784], and `scale` × the gradients of the per-row −log p(x | z) at the
   * logits, at the hidden layer and at μ and logvar (through ∂z/∂μ = 1, ∂z/∂logvar = ½ σ ε). Call
   * inside a tidy.
   */
  reconGradients(x: tf.Tensor2D, mu: tf.Tensor2D, logvar: tf.Tensor2D, eps: tf.Tensor2D, scale: number) {
    const std = tf.exp(tf.mul(logvar, 0.5));
    const back = this.decoderGradients(x, tf.add(mu, tf.mul(std, eps)) as tf.Tensor2D, scale);
    const gLogvar = tf.mul(tf.mul(back.gZ, eps), tf.mul(std, 0.5)) as tf.Tensor2D;
    return { ...back, gMu: back.gZ, gLogvar };
  }

  /** One Adam step on a batch; returns the batch's mean recon and KL (nats per digit), or nothing unless `readLosses`. */
  trainStep(x: tf.Tensor2D, eps: tf.Tensor2D): VaeLosses;
  trainStep(x: tf.Tensor2D, eps: tf.Tensor2D, readLosses: boolean): VaeLosses | undefined;
  trainStep(x: tf.Tensor2D, eps: tf.Tensor2D, readLosses = true): VaeLosses | undefined {
    const { grads, terms } = this.gradients(x, eps, readLosses);
    this.optimizer.apply(grads);
    tf.dispose(grads);
    if (!terms) return undefined;
    const [recon, kl] = terms.dataSync();
    terms.dispose();
    return { recon: recon ?? NaN, kl: kl ?? NaN };
  }

  dispose(): void {
    this.optimizer.dispose();
    disposeDense(this.layers);
  }
}
