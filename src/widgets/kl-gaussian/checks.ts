import { klProofSteps, type KlProofSteps } from "../../lib/kl-proof-steps";
import { fromRowMajor } from "../../lib/linalg";
import type { MonteCarloPoint } from "../../lib/monte-carlo";
import { createRandom } from "../../lib/random";
import type { KlGaussianState } from "./spec";

/** Every step's values on a widget state: the same computation at build time and in the browser. */
export function proofStepsOf(state: KlGaussianState, signal?: AbortSignal): Promise<KlProofSteps> {
  const k = state.mu1.length;
  const { mu1, mu2, n, seed } = state;
  return klProofSteps(mu1, fromRowMajor(state.cov1, k), mu2, fromRowMajor(state.cov2, k), n, createRandom(seed), {
    signal,
  });
}

/**
 * The rows a ProofCheck shows for one line of the Gaussian KL derivation: each pairs the value the
 * line's formula gives with the value found without it (by sampling, or by direct evaluation).
 * Shared by the build-time rendering and the live update in the browser.
 */
export type ProofStep =
  | "definition"
  | "log-density"
  | "simplified"
  | "scalar-trace"
  | "expectation-trace"
  | "first-quadratic"
  | "second-split"
  | "assembly";

export interface ProofRow {
  readonly name: string;
  /** TeX for what the row evaluates. */
  readonly label: string;
  readonly value: number;
  /** Present for a Monte Carlo estimate. */
  readonly standardError?: number;
}

const sampled = (name: string, label: string, estimate: MonteCarloPoint): ProofRow => ({
  name,
  label,
  value: estimate.mean,
  standardError: estimate.standardError,
});

const q1 = "(x-\\mu_1)^\\top \\Sigma_1^{-1} (x-\\mu_1)";
const q2 = "(x-\\mu_2)^\\top \\Sigma_2^{-1} (x-\\mu_2)";
const atPoint = (form: string) => form.replaceAll("x-", "x_0-");

export function proofRows(steps: KlProofSteps, step: ProofStep): ProofRow[] {
  const { sampled: s, exact, closedForm, point } = steps;
  const [normaliser, logDet, quadratic] = point.logDensityTerms;
  switch (step) {
    case "definition":
      return [
        sampled("sampled", "\\E_p[\\log p(x) - \\log q(x)] \\text{ sampled}", s.logRatio),
        { name: "formula", label: "\\text{closed form}", value: closedForm.value },
      ];
    case "log-density":
      return [
        { name: "normaliser", label: "-\\tfrac{k}{2}\\log(2\\pi)", value: normaliser },
        { name: "log-det", label: "-\\tfrac12 \\log\\lvert\\Sigma_1\\rvert", value: logDet },
        { name: "quadratic", label: `-\\tfrac12 ${atPoint(q1)}`, value: quadratic },
        { name: "formula", label: "\\text{their sum}", value: normaliser + logDet + quadratic },
        {
          name: "direct",
          label: "\\log \\N(x_0; \\mu_1, \\Sigma_1) \\text{ evaluated directly}",
          value: point.logDensityDirect,
        },
      ];
    case "simplified":
      return [
        {
          name: "log-ratio",
          label: "\\tfrac12 \\log \\frac{\\lvert\\Sigma_2\\rvert}{\\lvert\\Sigma_1\\rvert}",
          value: exact.halfLogDeterminantRatio,
        },
        sampled("second", `\\E_p\\big[\\tfrac12 ${q2}\\big]`, s.secondQuadratic),
        sampled("first", `\\E_p\\big[\\tfrac12 ${q1}\\big]`, s.firstQuadratic),
        {
          name: "formula",
          label: "\\text{first} + \\text{second} - \\text{third}",
          value: exact.halfLogDeterminantRatio + s.secondQuadratic.mean - s.firstQuadratic.mean,
        },
        sampled("sampled", "\\E_p[\\log p(x) - \\log q(x)] \\text{ sampled}", s.logRatio),
      ];
    case "scalar-trace":
      return [
        { name: "scalar", label: atPoint(q1), value: point.quadratic },
        {
          name: "trace",
          label: "\\tr\\big((x_0-\\mu_1)(x_0-\\mu_1)^\\top \\Sigma_1^{-1}\\big)",
          value: point.traceOfOuter,
        },
      ];
    case "expectation-trace":
      return [
        sampled(
          "expectation-of-trace",
          "\\E_p\\big[\\tr\\big(\\tfrac12 (x-\\mu_1)(x-\\mu_1)^\\top \\Sigma_1^{-1}\\big)\\big]",
          s.firstQuadraticTrace,
        ),
        {
          name: "trace-of-expectation",
          label:
            "\\tr\\big(\\tfrac12\\, \\hat{S}\\, \\Sigma_1^{-1}\\big),\\ \\hat{S} = \\text{average of } (x-\\mu_1)(x-\\mu_1)^\\top",
          value: steps.traceOfMeanOuter,
        },
      ];
    case "first-quadratic":
      return [
        sampled("sampled", `\\E_p\\big[\\tfrac12 ${q1}\\big] \\text{ sampled}`, s.firstQuadratic),
        { name: "formula", label: "\\tfrac12 \\tr(I_k) = \\tfrac{k}{2}", value: exact.firstQuadratic },
        { name: "notes", label: "\\text{the notes' } \\tr(I_k) = k", value: steps.dimension },
      ];
    case "second-split":
      return [
        sampled(
          "around-mean",
          "\\E_p\\big[\\tfrac12 (x-\\mu_1)^\\top \\Sigma_2^{-1} (x-\\mu_1)\\big]",
          s.secondAroundMean,
        ),
        { name: "half-trace", label: "\\tfrac12 \\tr(\\Sigma_2^{-1}\\Sigma_1)", value: exact.halfTrace },
        sampled("cross", "\\E_p\\big[(x-\\mu_1)^\\top \\Sigma_2^{-1} (\\mu_1-\\mu_2)\\big]", s.crossTerm),
        {
          name: "half-mean",
          label: "\\tfrac12 (\\mu_1-\\mu_2)^\\top \\Sigma_2^{-1} (\\mu_1-\\mu_2)",
          value: exact.halfMeanTerm,
        },
        sampled("second", `\\E_p\\big[\\tfrac12 ${q2}\\big] \\text{ sampled}`, s.secondQuadratic),
        {
          name: "formula",
          label:
            "\\tfrac12 \\tr(\\Sigma_2^{-1}\\Sigma_1) + 0 + \\tfrac12 (\\mu_1-\\mu_2)^\\top \\Sigma_2^{-1} (\\mu_1-\\mu_2)",
          value: exact.secondQuadratic,
        },
      ];
    case "assembly":
      return [
        {
          name: "formula",
          label:
            "\\tfrac12\\big[\\log \\tfrac{\\lvert\\Sigma_2\\rvert}{\\lvert\\Sigma_1\\rvert} - k + \\tr(\\Sigma_2^{-1}\\Sigma_1) + (\\mu_1-\\mu_2)^\\top \\Sigma_2^{-1}(\\mu_1-\\mu_2)\\big]",
          value: closedForm.value,
        },
        sampled("sampled", "\\E_p[\\log p(x) - \\log q(x)] \\text{ sampled}", s.logRatio),
        {
          name: "misplaced",
          label:
            "\\text{bracket misplaced: } \\tfrac12\\big[\\cdots + \\tr(\\Sigma_2^{-1}\\Sigma_1)\\big] + (\\mu_1-\\mu_2)^\\top \\Sigma_2^{-1}(\\mu_1-\\mu_2)",
          value: steps.misplacedBracket,
        },
      ];
  }
}

/** The example in words, e.g. "μ₁ = (0, 0), Σ₁ = (1, 0.6; 0.6, 2), …; n = 10000, seed 1". */
export function describeExample(example: {
  readonly mu1: readonly number[];
  readonly cov1: readonly number[];
  readonly mu2: readonly number[];
  readonly cov2: readonly number[];
  readonly n: number;
  readonly seed: number;
}): string {
  const k = example.mu1.length;
  const vector = (v: readonly number[]) => `(${v.join(", ")})`;
  const matrix = (entries: readonly number[]) =>
    `(${Array.from({ length: k }, (_, i) => entries.slice(i * k, (i + 1) * k).join(", ")).join("; ")})`;
  return (
    `μ₁ = ${vector(example.mu1)}, Σ₁ = ${matrix(example.cov1)}, μ₂ = ${vector(example.mu2)}, ` +
    `Σ₂ = ${matrix(example.cov2)}; n = ${example.n} samples, seed ${example.seed}`
  ).replaceAll("-", "−");
}

/** A row's value as people read it: a Monte Carlo estimate with its standard error. */
export function formatRow(row: ProofRow, format: (value: number) => string): string {
  return row.standardError === undefined ? format(row.value) : `${format(row.value)} ± ${format(row.standardError)}`;
}
