/**
 * D_KL(N(μ, diag(exp(logvar))) ‖ N(0, I)) = ½ Σ_j (exp(logvar_j) + μ_j² − 1 − logvar_j),
 * the KL term of the VAE loss (Kingma & Welling 2013, appendix B), per dimension and in total.
 */
export interface KlStdNormal {
  readonly total: number;
  /** The contribution of each latent dimension; each is ≥ 0. */
  readonly terms: readonly number[];
}

export function klStdNormal(mu: readonly number[], logvar: readonly number[]): KlStdNormal {
  if (mu.length !== logvar.length) {
    throw new Error(`mu and logvar must have the same length (${mu.length} and ${logvar.length})`);
  }
  const terms = mu.map((m, j) => 0.5 * (expMinusOneMinus(logvar[j] ?? 0) + m * m));
  return { total: terms.reduce((sum, term) => sum + term, 0), terms };
}

/** exp(v) − 1 − v without cancellation: its Taylor series near 0, where the direct form loses every digit. */
function expMinusOneMinus(v: number): number {
  if (Math.abs(v) > 0.5) return Math.expm1(v) - v;
  let term = (v * v) / 2;
  let sum = 0;
  for (let n = 3; Math.abs(term) > 1e-17 * Math.abs(sum); n++) {
    sum += term;
    term *= v / n;
  }
  return sum;
}
