/**
 * The VAE's reparameterised latent layer on plain arrays, forward and back (Kingma & Welling, 2014,
 * §2.4): the encoder's head gives each digit μ and log σ² (the two halves of a row of `stats`,
 * [rows, 2·latent] row-major), z = μ + σ ⊙ ε with σ = exp(½ log σ²), and the loss is
 * −log p(x | z) + β·D_KL(q(z | x) ‖ N(0, I)). Vae.gradients (src/ml/vae.ts) runs these two loops on
 * WASM's memory in place of a dozen [rows, latent] tensor kernels; its tensor path computes the same.
 */

/**
 * Writes z = μ + σ ⊙ ε into `z` ([rows, latent]) for ε `eps` ([rows, latent]); returns σ
 * ([rows · latent], row-major), which the backward pass needs. Errors: RangeError on sizes that disagree.
 */
export function drawLatent(latent: number, stats: Float32Array, eps: Float32Array, z: Float32Array): Float32Array {
  const rows = eps.length / latent;
  if (!Number.isInteger(rows) || stats.length !== 2 * eps.length || z.length !== eps.length)
    throw new RangeError(
      `drawLatent needs stats [rows, ${2 * latent}] and ε, z [rows, ${latent}]: got ${stats.length}, ${eps.length} and ${z.length} values.`,
    );
  const std = new Float32Array(eps.length);
  for (let row = 0; row < rows; row++) {
    for (let j = 0; j < latent; j++) {
      const k = row * latent + j;
      const sigma = Math.exp(0.5 * stats[2 * row * latent + latent + j]!);
      std[k] = sigma;
      z[k] = stats[2 * row * latent + j]! + sigma * eps[k]!;
    }
  }
  return std;
}

/**
 * Writes into `gStats` ([rows, 2·latent], μ's half then log σ²'s) the gradient of the loss at the
 * encoder's head, from `gZ` = ∂(−log p(x | z))/∂z, through ∂z/∂μ = 1 and ∂z/∂log σ² = ½ σ ε, plus
 * `klScale` × the closed-form KL's gradient: μ, and ½ (σ² − 1). Returns the KL summed over the rows
 * (nats), ½ Σ (σ² + μ² − 1 − log σ²).
 */
export function latentGradients(
  latent: number,
  stats: Float32Array,
  eps: Float32Array,
  std: Float32Array,
  gZ: Float32Array,
  klScale: number,
  gStats: Float32Array,
): number {
  const rows = eps.length / latent;
  if (
    stats.length !== 2 * eps.length ||
    std.length !== eps.length ||
    gZ.length !== eps.length ||
    gStats.length !== stats.length
  )
    throw new RangeError("latentGradients needs stats and gStats [rows, 2·latent], ε, σ and ∂z [rows, latent].");
  let kl = 0;
  for (let row = 0; row < rows; row++) {
    for (let j = 0; j < latent; j++) {
      const k = row * latent + j;
      const muAt = 2 * row * latent + j;
      const mu = stats[muAt]!;
      const logvar = stats[muAt + latent]!;
      const variance = std[k]! * std[k]!;
      gStats[muAt] = gZ[k]! + klScale * mu;
      gStats[muAt + latent] = 0.5 * (gZ[k]! * eps[k]! * std[k]! + klScale * (variance - 1));
      kl += 0.5 * (variance + mu * mu - 1 - logvar);
    }
  }
  return kl;
}
