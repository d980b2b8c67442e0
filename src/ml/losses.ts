import { tf } from "./tf";

/**
 * −log p(x | z) per digit (nats) for a Bernoulli decoder with logits ℓ = f_θ(z):
 * Σ_pixels softplus(ℓ) − x·ℓ, which equals −Σ [x log σ(ℓ) + (1 − x) log(1 − σ(ℓ))] and never takes
 * the log of a rounded-off 0. Targets x are intensities in [0, 1].
 */
export function bernoulliNll(logits: tf.Tensor2D, x: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => tf.sum(tf.sub(tf.softplus(logits), tf.mul(x, logits)), 1));
}

/**
 * D_KL(N(μ, diag(exp(logvar))) ‖ N(0, I)) per row, in closed form with the log-variance
 * (the notes' final formula): ½ Σ (exp(logvar) + μ² − 1 − logvar). Mirrors klStdNormal in src/lib/kl-std-normal.ts.
 */
export function klStdNormalRows(mu: tf.Tensor2D, logvar: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => tf.mul(tf.sum(tf.sub(tf.add(tf.exp(logvar), tf.square(mu)), tf.add(logvar, 1)), 1), 0.5));
}

/** Σ_pixels (x − y)² per digit: the notes' reconstruction cost before the 1/n average. */
export function squaredErrorRows(x: tf.Tensor2D, y: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => tf.sum(tf.squaredDifference(x, y), 1));
}
