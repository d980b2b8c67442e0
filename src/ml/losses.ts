// The VAE's and the autoencoder's loss terms, written once: the evaluation, the IWAE estimate, the
// per-digit optimisation and the hand-written backward passes (vae.ts, autoencoder.ts) all use them.
import { tf } from "./tf";

/** Pixels whose σ(|ℓ|) are multiplied before one logarithm: each factor is at least ½, and ½²⁸ ≈ 4·10⁻⁹ stays a normal float32. */
const LOG_GROUP = 28;

/**
 * −log p(x | z) per digit (nats) for a Bernoulli decoder with logits ℓ = f_θ(z), summed over the
 * last axis (pixels): Σ softplus(ℓ) − x·ℓ, which equals −Σ [x log σ(ℓ) + (1 − x) log(1 − σ(ℓ))]
 * and never takes the log of a rounded-off 0. Shapes [..., pixels] broadcast (e.g. logits
 * [n, k, 784] against x [n, 1, 784]); the result drops the last axis. A likelihood for x ∈ {0, 1}.
 *
 * Computed as Σ (relu(ℓ) − x·ℓ) − Σ_groups log Π_group σ(|ℓ|), since softplus(ℓ) = relu(ℓ) −
 * log σ(|ℓ|): one logarithm per LOG_GROUP pixels instead of a softplus per pixel, which on WASM
 * cost as much as the decoder's matrix product (the sigmoid is XNNPACK's vectorised kernel); its
 * rounding error is that of the plain sum (tests/unit/ml/losses.test.ts).
 */
export function bernoulliNll<R extends tf.Rank>(logits: tf.Tensor<R>, x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const pixels = logits.shape[logits.rank - 1]!;
    let group = Math.min(LOG_GROUP, pixels);
    while (pixels % group !== 0) group -= 1;
    const linear = tf.sum(tf.sub(tf.relu(logits), tf.mul(x, logits)), -1);
    const grouped = tf.reshape(tf.sigmoid(tf.abs(logits)), [...logits.shape.slice(0, -1), pixels / group, group]);
    return tf.sub(linear, tf.sum(logOfProduct(grouped), -1));
  });
}

/**
 * log Π s over the last axis, for positive s; its gradient is 1/s, given here because tfjs 4.22's
 * gradient of prod calls chained tensor methods that this project does not register.
 */
const logOfProduct = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [s, save] = args as [tf.Tensor, tf.GradSaveFunc];
  save([s]);
  return {
    value: tf.log(tf.prod(s, s.rank - 1)),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.div(tf.expandDims(dy, -1), saved[0]!),
  };
}) as (s: tf.Tensor) => tf.Tensor;

/** ∂ bernoulliNll / ∂ℓ = σ(ℓ) − x, elementwise. */
export function bernoulliNllGrad(logits: tf.Tensor2D, x: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => tf.sub(tf.sigmoid(logits), x));
}

/**
 * D_KL(N(μ, diag(exp(logvar))) ‖ N(0, I)) per row (summed over the last axis), in closed form with
 * the log-variance (the notes' final formula): ½ Σ (exp(logvar) + μ² − 1 − logvar). Mirrors
 * klStdNormal in src/lib/kl-std-normal.ts.
 */
export function klStdNormalRows(mu: tf.Tensor, logvar: tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.mul(tf.sum(tf.sub(tf.add(tf.exp(logvar), tf.square(mu)), tf.add(logvar, 1)), -1), 0.5));
}

/** ∂ klStdNormalRows / ∂μ = μ and ∂/∂logvar = ½ (exp(logvar) − 1), elementwise. */
export function klStdNormalGrads(mu: tf.Tensor2D, logvar: tf.Tensor2D): { mu: tf.Tensor2D; logvar: tf.Tensor2D } {
  return { mu, logvar: tf.tidy(() => tf.mul(tf.sub(tf.exp(logvar), 1), 0.5)) };
}

/** z = μ + σ ⊙ ε with σ = exp(½ logvar): the reparameterisation (Kingma & Welling, 2014). */
export function reparameterise(mu: tf.Tensor, logvar: tf.Tensor, eps: tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.add(mu, tf.mul(tf.exp(tf.mul(logvar, 0.5)), eps)));
}

/**
 * log p(z) − log q(z | x) summed over the last axis, for z = μ + σ ⊙ ε drawn from
 * q = N(μ, diag(σ²)) and the prior p(z) = N(0, I): −½ Σ (z² − ε² − logvar) (the log 2π cancel).
 * With log p(x | z) it makes the importance weight of IWAE (Burda et al., 2016).
 */
export function logPriorOverPosterior(z: tf.Tensor, eps: tf.Tensor, logvar: tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.mul(tf.sum(tf.sub(tf.sub(tf.square(z), tf.square(eps)), logvar), -1), -0.5));
}

/** Σ_pixels (x − y)² per digit: the notes' reconstruction cost before the 1/n average. */
export function squaredErrorRows(x: tf.Tensor2D, y: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => tf.sum(tf.squaredDifference(x, y), 1));
}
