import { gaussian } from "../../lib/gaussian";
import { klGaussian, type GaussianKl } from "../../lib/kl-gaussian";
import { klStdNormal, type KlStdNormal } from "../../lib/kl-std-normal";
import { diagonal, identity, LinalgError } from "../../lib/linalg";

export type BothFormulas =
  | {
      /** ½ Σ (exp(v) + μ² − 1 − v): the VAE's shortcut. */
      readonly vae: KlStdNormal;
      /** The general Gaussian formula of the KL chapter with Σ1 = diag(exp(v)), μ2 = 0, Σ2 = I, as dense matrices. */
      readonly general: GaussianKl;
      readonly difference: number;
    }
  | {
      readonly vae: KlStdNormal;
      readonly general: undefined;
      /** Why the general route gave no number: the Cholesky factorisation refused Σ1. */
      readonly generalProblem: string;
    };

/** The general outputs, emptied when the general route cannot run. */
export const GENERAL_OUTPUTS = ["kl_general", "log_det_ratio", "dimension", "trace_term", "mean_term", "difference"];

/** The same KL by two independent routes, so the widget can show that they agree. */
export function bothFormulas(mu: readonly number[], logvar: readonly number[]): BothFormulas {
  const k = mu.length;
  const vae = klStdNormal(mu, logvar);
  try {
    const encoder = gaussian(mu, diagonal(logvar.map(Math.exp)));
    const general = klGaussian(encoder, gaussian(new Array<number>(k).fill(0), identity(k)));
    return { vae, general, difference: vae.total - general.value };
  } catch (error) {
    if (!(error instanceof LinalgError)) throw error;
    return {
      vae,
      general: undefined,
      generalProblem:
        "The general formula needs a Cholesky factorisation of Σ1, which refuses variances that span more than about 10¹⁴ " +
        `(here ${error.message}): to double precision such a matrix is singular. The VAE formula needs no factorisation and still gives the KL.`,
    };
  }
}

/** What the reader sees about the two routes: equal up to rounding, or not. */
export function agreementText(formulas: BothFormulas): string {
  if (formulas.general === undefined) return "";
  const { vae, general, difference } = formulas;
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
