import { ok, samplesParam, seedParam, vectorParam, type Param } from "../../lib/params";
import { covarianceParamProblem, lengthProblem, matrixSizeProblem } from "../matrix-checks";
import type { WidgetSpec } from "../spec";

export interface TraceTrickState {
  readonly mu: number[];
  readonly cov: number[];
  readonly a: number[];
  /** The centre m; null means "the mean μ" (the contract's default). */
  readonly m: number[] | null;
  readonly n: number;
  readonly seed: number;
}

const centreVector = vectorParam({
  fallback: [],
  minLength: 1,
  maxLength: 4,
  min: -1e6,
  max: 1e6,
  description: "centre m of the quadratic form; default: the mean mu",
});

/** Like a vector parameter, but `mu`, empty or absent means "the same as mu" (the contract's default). */
const centre: Param<number[] | null> = {
  ...centreVector,
  fallback: "mu",
  expected: `${centreVector.expected}; or "mu" (or nothing) for the mean mu`,
  parse: (raw) => (raw.trim() === "" || raw.trim() === "mu" ? ok(null) : centreVector.parse(raw)),
};

export const spec: WidgetSpec<TraceTrickState> = {
  id: "trace-trick",
  title: "The trace trick, by sampling",
  summary: "E[(x − m)ᵀA(x − m)] = tr(AΣ) + (μ − m)ᵀA(μ − m) for x ~ N(μ, Σ), by sampling; and the trace identities.",
  chapter: "kl-divergence",
  params: {
    mu: vectorParam({
      fallback: [1, -1],
      minLength: 1,
      maxLength: 4,
      min: -1e6,
      max: 1e6,
      description: "mean μ of x; its length k (1 to 4) is the dimension",
    }),
    cov: vectorParam({
      fallback: [2, 0.6, 0.6, 1],
      minLength: 1,
      maxLength: 16,
      min: -1e12,
      max: 1e12,
      description: "covariance Σ of x: k² entries, row by row, symmetric positive definite",
    }),
    a: vectorParam({
      fallback: [1, 0.5, -0.3, 2],
      minLength: 1,
      maxLength: 16,
      min: -1e6,
      max: 1e6,
      description: "the matrix A: k² entries, row by row (any real matrix)",
    }),
    m: centre,
    n: samplesParam(10_000),
    seed: seedParam(1),
  },
  check: ({ mu, cov, a, m }) =>
    covarianceParamProblem("cov", cov, mu.length, "mu") ??
    matrixSizeProblem("a", a, mu.length, "mu") ??
    (m ? lengthProblem("m", m, mu.length, "mu") : undefined),
  outputs: [
    "exact",
    "mc",
    "mc_se",
    "trace_term",
    "shift_term",
    "cross_mc",
    "cross_mc_se",
    "tr_ab",
    "tr_ba",
    "tr_abc",
    "tr_bca",
    "tr_cab",
    "tr_acb",
  ],
  examples: [
    { query: "", caption: "centred at the mean: the expectation is tr(AΣ)" },
    { query: "m=0,0", caption: "centred elsewhere: the shift adds (μ − m)ᵀA(μ − m)" },
    {
      query: "mu=0,0,0&cov=1,0,0,0,1,0,0,0,1&a=1,0,0,0,1,0,0,0,1",
      caption: "A = Σ = I: the expected squared length is k",
    },
  ],
};
