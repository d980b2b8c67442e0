import { logEvidenceByQuadrature, logNormalDensity } from "../../lib/elbo";
import { formatNumber } from "../../lib/format";
import { klStdNormal } from "../../lib/kl-std-normal";
import type { ElboResults } from "./results";
import { modelOf } from "./spec";

/**
 * The numeric check that follows each step of the chapter's derivation, on the reader's current
 * example (the state of the chapter's elbo widget). Each row is an <output>; the verdict says in
 * words whether the two sides agree, to rounding or to within Monte Carlo standard errors.
 */
export interface CheckRow {
  readonly name: string;
  /** The row's label: words with $…$ TeX (rendered at build time; the labels do not change with the state). */
  readonly label: string;
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

/** Where IWAE_K lies between the ELBO and log p(x), judged within 4 standard errors. */
function iwaeVerdict(elbo: number, estimate: number, standardError: number, logPx: number, k: number): string {
  if (!Number.isFinite(standardError)) return "One estimate gives no standard error; use n ≥ 2 to judge it.";
  const slack = 4 * standardError + 1e-12 * Math.max(1, Math.abs(logPx));
  if (estimate > logPx + slack) return "The estimate lies above log p(x) by more than 4 standard errors: a mistake.";
  if (estimate < elbo - slack) return "The estimate lies below the ELBO by more than 4 standard errors: a mistake.";
  if (k === 1)
    return `With K = 1 the importance-weighted bound is the ELBO. ${monteCarloAgreement(elbo, estimate, standardError)}`;
  const gap = logPx - elbo;
  if (gap <= 1e-12 * Math.max(1, Math.abs(logPx))) {
    return "q is the posterior, so every importance weight equals p(x): ELBO, IWAE_K and log p(x) coincide.";
  }
  const closed = Math.min(1, Math.max(0, (estimate - elbo) / gap));
  return `ELBO ≤ IWAE_K ≤ log p(x) holds within sampling noise; with K = ${k} the bound closes about ${formatNumber(100 * closed, 2)} % of the gap of ${formatNumber(gap)} nats.`;
}

const QUADRATURE_POINTS = 2001;

const CHECK_STEPS: Readonly<Record<string, CheckStep>> = {
  evidence: {
    rows: [
      { name: "closed", label: "$\\log \\N(x;\\, b,\\, w^2 + s^2)$, closed form" },
      {
        name: "quadrature",
        label: `$\\log \\textstyle\\int p(x \\given z)\\, p(z)\\, dz$ on a grid of ${QUADRATURE_POINTS} points`,
      },
    ],
    values: ({ state, terms }) => ({
      closed: terms.logPx,
      quadrature: logEvidenceByQuadrature(modelOf(state), state.x, QUADRATURE_POINTS),
    }),
    verdict: (v) =>
      `${agreement(at(v, "closed"), at(v, "quadrature"))} One dimension takes ${QUADRATURE_POINTS} evaluations of the decoder; the same grid in 20 dimensions would take ${QUADRATURE_POINTS}²⁰ ≈ ${formatNumber(QUADRATURE_POINTS ** 20)}, which is why papers estimate log p(x) by sampling instead (see the importance-weighted bound below).`,
  },
  "kl-definition": {
    rows: [
      { name: "closed", label: "$\\KL(q \\,\\Vert\\, p(z \\given x))$, closed form" },
      {
        name: "mc",
        label: "mean of $\\log q(z \\given x) - \\log p(z \\given x)$ over $n$ draws of $q$",
      },
      { name: "mc_se", label: "its standard error" },
    ],
    values: ({ terms, mc }) => ({ closed: terms.klGap, mc: mc.klGap.mean, mc_se: mc.klGap.standardError }),
    verdict: (v) => monteCarloAgreement(at(v, "closed"), at(v, "mc"), at(v, "mc_se")),
  },
  bayes: {
    rows: [
      { name: "lhs", label: "$\\log p(z \\given x)$ at $z = q_m$" },
      { name: "rhs", label: "$\\log p(x \\given z) + \\log p(z) - \\log p(x)$ at $z = q_m$" },
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
      { name: "lhs", label: "$\\KL(q \\,\\Vert\\, p(z \\given x)) - \\log p(x)$" },
      {
        name: "rhs",
        label: "mean of $\\log q(z \\given x) - \\log p(x \\given z) - \\log p(z)$ over $n$ draws",
      },
      { name: "rhs_se", label: "its standard error" },
      { name: "wrong_sign", label: "the other sign: $\\KL(q \\,\\Vert\\, p(z \\given x)) + \\log p(x)$" },
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
      { name: "lhs", label: "$\\log p(x) - \\KL(q \\,\\Vert\\, p(z \\given x))$" },
      { name: "rhs", label: "$\\E_q[\\log p(x \\given z)] - \\KL(q \\,\\Vert\\, p(z))$" },
    ],
    values: ({ terms }) => ({ lhs: terms.logPx - terms.klGap, rhs: terms.recon - terms.klPrior }),
    verdict: (v) => agreement(at(v, "lhs"), at(v, "rhs")),
  },
  iwae: {
    rows: [
      { name: "elbo", label: "$\\ELBO$, closed form" },
      { name: "iwae", label: "mean of $n$ estimates of $\\IWAE_K$, with $K$ as set in the widget" },
      { name: "iwae_se", label: "its standard error" },
      { name: "k", label: "$K$, draws of $q$ per estimate" },
      { name: "log_px", label: "$\\log p(x)$, closed form" },
    ],
    values: ({ state, terms, iwae }) => ({
      elbo: terms.elbo,
      iwae: iwae.mean,
      iwae_se: iwae.standardError,
      k: state.k,
      log_px: terms.logPx,
    }),
    verdict: (v) => iwaeVerdict(at(v, "elbo"), at(v, "iwae"), at(v, "iwae_se"), at(v, "log_px"), at(v, "k")),
  },
  loss: {
    rows: [
      {
        name: "loss",
        label: "$\\mathcal{L} = -\\E_q[\\log p(x \\given z)] + \\KL(q \\,\\Vert\\, p(z))$, closed form",
      },
      { name: "loss_mc", label: "minus the Monte Carlo ELBO" },
      { name: "loss_mc_se", label: "its standard error" },
      { name: "neg_log_px", label: "$-\\log p(x)$, the least the loss can be" },
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
      { name: "sq_error", label: "$(x - \\mu)^2$ with $\\mu = w q_m + b$" },
      { name: "log_density", label: "$\\log \\N(x;\\, \\mu,\\, s^2)$" },
      { name: "formula", label: "$-\\tfrac{1}{2}\\log(2\\pi s^2) - \\tfrac{1}{2s^2}(x - \\mu)^2$" },
      {
        name: "notes_version",
        label: "with the notes' sign: $-\\tfrac{1}{2}\\log(2\\pi s^2) + \\tfrac{1}{2s^2}(x - \\mu)^2$",
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
      { name: "p", label: "$p = \\operatorname{sigmoid}(w q_m + b)$" },
      { name: "log_likelihood", label: "$y \\log p + (1 - y)\\log(1 - p)$ with $y = 0.8$" },
      { name: "best", label: "the same at $p = y$, the largest it can be" },
      { name: "kl", label: "$\\KL(\\operatorname{Bern}(y) \\,\\Vert\\, \\operatorname{Bern}(p))$" },
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
  "final-loss": {
    rows: [
      { name: "loss", label: "$-\\ELBO$, closed form" },
      {
        name: "loss_final",
        label:
          "minus the mean of $\\log p(x \\given q_m + q_s \\varepsilon)$, plus $\\tfrac{1}{2}\\big(e^{v} + q_m^2 - 1 - v\\big)$",
      },
      { name: "loss_final_se", label: "its standard error (from the draws of $\\varepsilon$)" },
    ],
    values: ({ state, terms, mc }) => ({
      loss: terms.klPrior - terms.recon,
      loss_final: -mc.recon.mean + klStdNormal([state.qm], [2 * Math.log(state.qs)]).total,
      loss_final_se: mc.recon.standardError,
    }),
    verdict: (v) => monteCarloAgreement(at(v, "loss"), at(v, "loss_final"), at(v, "loss_final_se")),
  },
  "kl-prior": {
    rows: [
      { name: "vae", label: "$\\tfrac{1}{2}\\big(e^{v} + q_m^2 - 1 - v\\big)$ with $v = \\log q_s^2$" },
      { name: "closed", label: "$\\KL(\\N(q_m, q_s^2) \\,\\Vert\\, \\N(0, 1))$, as in the widget" },
      { name: "mc", label: "mean of $\\log q(z \\given x) - \\log p(z)$ over $n$ draws" },
      { name: "mc_se", label: "its standard error" },
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
  return `x = ${formatNumber(state.x)}, w = ${formatNumber(state.w)}, b = ${formatNumber(state.b)}, s = ${formatNumber(state.s)}; q = N(${formatNumber(state.qm)}, ${formatNumber(state.qs)}²); n = ${state.n}, K = ${state.k}, seed = ${state.seed}`;
}
