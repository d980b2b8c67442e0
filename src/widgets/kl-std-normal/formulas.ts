import { gaussian } from "../../lib/gaussian";
import { klGaussian, type GaussianKl } from "../../lib/kl-gaussian";
import { diagonal, identity } from "../../lib/linalg";
import { klStdNormal, type KlStdNormal } from "../../lib/kl-std-normal";

export interface BothFormulas {
  /** ½ Σ (exp(v) + μ² − 1 − v): the VAE's shortcut. */
  readonly vae: KlStdNormal;
  /** The general Gaussian formula with Σ1 = diag(exp(v)), μ2 = 0, Σ2 = I, as dense matrices. */
  readonly general: GaussianKl;
  readonly difference: number;
}

/** The same KL by two independent routes, so the widget can show that they agree. */
export function bothFormulas(mu: readonly number[], logvar: readonly number[]): BothFormulas {
  const k = mu.length;
  const vae = klStdNormal(mu, logvar);
  const general = klGaussian(
    gaussian(mu, diagonal(logvar.map(Math.exp))),
    gaussian(new Array<number>(k).fill(0), identity(k)),
  );
  return { vae, general, difference: vae.total - general.value };
}

/** What the reader sees about the two routes: equal up to rounding, or not. */
export function agreementText({ vae, general, difference }: BothFormulas): string {
  const scale = Math.max(
    1,
    Math.abs(vae.total),
    general.traceTerm,
    general.meanTerm,
    Math.abs(general.logDeterminantRatio),
  );
  return Math.abs(difference) <= 1e-12 * scale
    ? "The two formulas agree to rounding."
    : "The two formulas differ by more than rounding.";
}
