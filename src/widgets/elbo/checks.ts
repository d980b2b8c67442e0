import { logNormalDensity } from "../../lib/elbo";
import { formatNumber } from "../../lib/format";
import { klStdNormal } from "../../lib/kl-std-normal";
import type { ElboResults } from "./results";

/**
 * The numeric check that follows each step of the chapter's derivation, on the reader's current
 * example (the state of the chapter's elbo widget). Each row is an <output>; the verdict says in
 * words whether the two sides agree, to rounding or to within Monte Carlo standard errors.
 */
export interface CheckRow {
  readonly name: string;
  /** TeX for the row's label (rendered at build time; the labels do not change with the state). */
  readonly tex: string;
}

export interface CheckStep {
  readonly rows: readonly CheckRow[];
  values(results: ElboResults): Record<string, number>;
  verdict(values: Record<string, number>): string;
}

/** The pixel intensity of the Bernoulli check, like a light-grey pixel of a digit. */
const PIXEL_INTENSITY = 0.8;

const softplus = (t: number): number => Math.max(t, 0) + Math.log1p(Math.exp(-Math.abs(t)));

const at = (values: Record<string, number>, name: string): number => values[name] ?? Number.NaN;

/** Two closed forms of the same quantity agree when they differ by rounding alone. */
function agreement(a: number, b: number, subject = "The two sides"): string {
  const difference = Math.abs(a - b);
  const tolerance = 1e-12 * Math.max(1, Math.abs(a), Math.abs(b));
  return difference <= tolerance
    ? `${subject} agree to rounding: they differ by ${formatNumber(difference, 2)}.`
    : `${subject} differ by ${formatNumber(difference)}: more than rounding.`;
}

/** A Monte Carlo estimate agrees with a closed form when it lies within a few standard errors. */
function monteCarloAgreement(exact: number, estimate: number, standardError: number): string {
  if (!Number.isFinite(standardError)) return "One draw gives no standard error; use n ≥ 2 to judge the estimate.";
  if (standardError === 0) return agreement(exact, estimate);
  const score = Math.abs(estimate - exact) / standardError;
  if (score < 1e-3) return "The Monte Carlo estimate equals the closed form: every draw gives the same value here.";
  return `The Monte Carlo estimate is ${formatNumber(score, 2)} standard errors from the closed form${score <= 4 ? ", as sampling noise allows." : ": change the seed; more than 4 would point to a mistake."}`;
}

const CHECK_STEPS: Readonly<Record<string, CheckStep>> = {
  "kl-definition": {
    rows: [
      { name: "closed", tex: "\\KL(q \\,\\Vert\\, p(z \\given x)),\\ \\text{closed form}" },
      {
        name: "mc",
        tex: "\\text{mean of } \\log q(z \\given x) - \\log p(z \\given x) \\text{ over } n \\text{ draws of } q",
      },
      { name: "mc_se", tex: "\\text{its standard error}" },
    ],
    values: ({ terms, mc }) => ({ closed: terms.klGap, mc: mc.klGap.mean, mc_se: mc.klGap.standardError }),
    verdict: (v) => monteCarloAgreement(at(v, "closed"), at(v, "mc"), at(v, "mc_se")),
  },
  bayes: {
    rows: [
      { name: "lhs", tex: "\\log p(z \\given x) \\text{ at } z = q_m" },
      { name: "rhs", tex: "\\log p(x \\given z) + \\log p(z) - \\log p(x) \\text{ at } z = q_m" },
    ],
    values: ({ state, posterior, terms }) => ({
      lhs: logNormalDensity(state.qm, posterior.mean, posterior.sd),
      rhs:
        logNormalDensity(state.x, state.w * state.qm + state.b, state.s) +
        logNormalDensity(state.qm, 0, 1) -
        terms.logPx,
    }),
    verdict: (v) => agreement(at(v, "lhs"), at(v, "rhs")),
  },
  "evidence-out": {
    rows: [
      { name: "lhs", tex: "\\KL(q \\,\\Vert\\, p(z \\given x)) - \\log p(x)" },
      {
        name: "rhs",
        tex: "\\text{mean of } \\log q(z \\given x) - \\log p(x \\given z) - \\log p(z) \\text{ over } n \\text{ draws}",
      },
      { name: "rhs_se", tex: "\\text{its standard error}" },
      { name: "wrong_sign", tex: "\\text{the other sign: } \\KL(q \\,\\Vert\\, p(z \\given x)) + \\log p(x)" },
    ],
    values: ({ terms, mc }) => ({
      lhs: terms.klGap - terms.logPx,
      rhs: -mc.elbo.mean,
      rhs_se: mc.elbo.standardError,
      wrong_sign: terms.klGap + terms.logPx,
    }),
    verdict: (v) => monteCarloAgreement(at(v, "lhs"), at(v, "rhs"), at(v, "rhs_se")),
  },
  identity: {
    rows: [
      { name: "lhs", tex: "\\log p(x) - \\KL(q \\,\\Vert\\, p(z \\given x))" },
      { name: "rhs", tex: "\\E_q[\\log p(x \\given z)] - \\KL(q \\,\\Vert\\, p(z))" },
    ],
    values: ({ terms }) => ({ lhs: terms.logPx - terms.klGap, rhs: terms.recon - terms.klPrior }),
    verdict: (v) => agreement(at(v, "lhs"), at(v, "rhs")),
  },
  loss: {
    rows: [
      {
        name: "loss",
        tex: "\\mathcal{L} = -\\E_q[\\log p(x \\given z)] + \\KL(q \\,\\Vert\\, p(z)),\\ \\text{closed form}",
      },
      { name: "loss_mc", tex: "\\text{minus the Monte Carlo ELBO}" },
      { name: "loss_mc_se", tex: "\\text{its standard error}" },
      { name: "neg_log_px", tex: "-\\log p(x), \\text{ the least the loss can be}" },
    ],
    values: ({ terms, mc }) => ({
      loss: terms.klPrior - terms.recon,
      loss_mc: -mc.elbo.mean,
      loss_mc_se: mc.elbo.standardError,
      neg_log_px: -terms.logPx,
    }),
    verdict: (v) => monteCarloAgreement(at(v, "loss"), at(v, "loss_mc"), at(v, "loss_mc_se")),
  },
  "gaussian-decoder": {
    rows: [
      { name: "sq_error", tex: "(x - \\mu)^2,\\ \\mu = w q_m + b" },
      { name: "log_density", tex: "\\log \\N(x;\\, \\mu,\\, s^2)" },
      { name: "formula", tex: "-\\tfrac{1}{2}\\log(2\\pi s^2) - \\tfrac{1}{2s^2}(x - \\mu)^2" },
      {
        name: "notes_version",
        tex: "\\text{with the notes' sign: } -\\tfrac{1}{2}\\log(2\\pi s^2) + \\tfrac{1}{2s^2}(x - \\mu)^2",
      },
    ],
    values: ({ state }) => {
      const mean = state.w * state.qm + state.b;
      const squaredError = (state.x - mean) ** 2;
      const constant = -0.5 * Math.log(2 * Math.PI) - Math.log(state.s);
      return {
        sq_error: squaredError,
        log_density: logNormalDensity(state.x, mean, state.s),
        formula: constant - squaredError / (2 * state.s * state.s),
        notes_version: constant + squaredError / (2 * state.s * state.s),
      };
    },
    verdict: (v) =>
      `${agreement(at(v, "log_density"), at(v, "formula"))} The notes' sign would make a worse reconstruction score higher.`,
  },
  bernoulli: {
    rows: [
      { name: "p", tex: "p = \\operatorname{sigmoid}(w q_m + b)" },
      { name: "log_likelihood", tex: "y \\log p + (1 - y)\\log(1 - p),\\ y = 0.8" },
      { name: "best", tex: "\\text{the same at } p = y\\text{, the largest it can be}" },
      { name: "kl", tex: "\\KL(\\operatorname{Bern}(y) \\,\\Vert\\, \\operatorname{Bern}(p))" },
    ],
    values: ({ state }) => {
      const y = PIXEL_INTENSITY;
      const logit = state.w * state.qm + state.b;
      // log p = −softplus(−t) and log(1 − p) = −softplus(t) stay finite for any logit t.
      const logP = -softplus(-logit);
      const logOneMinusP = -softplus(logit);
      return {
        p: Math.exp(logP),
        log_likelihood: y * logP + (1 - y) * logOneMinusP,
        best: y * Math.log(y) + (1 - y) * Math.log(1 - y),
        kl: y * (Math.log(y) - logP) + (1 - y) * (Math.log(1 - y) - logOneMinusP),
      };
    },
    verdict: (v) =>
      agreement(
        at(v, "best") - at(v, "log_likelihood"),
        at(v, "kl"),
        "The shortfall from the largest log-likelihood and the KL",
      ),
  },
  "kl-prior": {
    rows: [
      { name: "vae", tex: "\\tfrac{1}{2}\\big(e^{v} + q_m^2 - 1 - v\\big),\\ v = \\log q_s^2" },
      { name: "closed", tex: "\\KL(\\N(q_m, q_s^2) \\,\\Vert\\, \\N(0, 1)),\\ \\text{as in the widget}" },
      { name: "mc", tex: "\\text{mean of } \\log q(z \\given x) - \\log p(z) \\text{ over } n \\text{ draws}" },
      { name: "mc_se", tex: "\\text{its standard error}" },
    ],
    values: ({ state, terms, mc }) => ({
      vae: klStdNormal([state.qm], [2 * Math.log(state.qs)]).total,
      closed: terms.klPrior,
      mc: mc.klPrior.mean,
      mc_se: mc.klPrior.standardError,
    }),
    verdict: (v) =>
      `${agreement(at(v, "vae"), at(v, "closed"))} ${monteCarloAgreement(at(v, "closed"), at(v, "mc"), at(v, "mc_se"))}`,
  },
};

export const CHECK_STEP_NAMES = Object.keys(CHECK_STEPS);

/** The check after the step of that name (see the chapter), or undefined for an unknown name. */
export const checkStep = (name: string): CheckStep | undefined =>
  Object.hasOwn(CHECK_STEPS, name) ? CHECK_STEPS[name] : undefined;

/** The reader's example in one line, so each check says what it was computed on. */
export function describeExample({ state }: ElboResults): string {
  return `x = ${formatNumber(state.x)}, w = ${formatNumber(state.w)}, b = ${formatNumber(state.b)}, s = ${formatNumber(state.s)}; q = N(${formatNumber(state.qm)}, ${formatNumber(state.qs)}²); n = ${state.n}, seed = ${state.seed}`;
}
