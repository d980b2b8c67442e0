import { samplesParam, seedParam, vectorParam } from "../../lib/params";
import { covarianceParamProblem, lengthProblem } from "../matrix-checks";
import type { WidgetSpec } from "../spec";

export interface KlGaussianState {
  readonly mu1: number[];
  readonly cov1: number[];
  readonly mu2: number[];
  readonly cov2: number[];
  readonly n: number;
  readonly seed: number;
}

const mean = (fallback: number[], description: string) =>
  vectorParam({ fallback, minLength: 1, maxLength: 4, min: -1e6, max: 1e6, description });
const covariance = (fallback: number[], description: string) =>
  vectorParam({ fallback, minLength: 1, maxLength: 16, min: -1e12, max: 1e12, description });

export const spec: WidgetSpec<KlGaussianState> = {
  id: "kl-gaussian",
  title: "KL divergence of two Gaussians",
  summary: "Closed form vs Monte Carlo; matrices row by row; drag the means.",
  chapter: "kl-divergence",
  params: {
    mu1: mean([0, 0], "mean μ1 of p; its length k (1 to 4) is the dimension"),
    cov1: covariance([1, 0.6, 0.6, 2], "covariance Σ1 of p: k² entries, row by row, symmetric positive definite"),
    mu2: mean([1, -0.5], "mean μ2 of q, k entries"),
    cov2: covariance([2, -0.3, -0.3, 0.8], "covariance Σ2 of q: k² entries, row by row, symmetric positive definite"),
    n: samplesParam(10_000),
    seed: seedParam(1),
  },
  check: ({ mu1, cov1, mu2, cov2 }) =>
    lengthProblem("mu2", mu2, mu1.length, "mu1") ??
    covarianceParamProblem("cov1", cov1, mu1.length, "mu1") ??
    covarianceParamProblem("cov2", cov2, mu1.length, "mu1"),
  outputs: ["kl", "kl_mc", "kl_mc_se", "log_det_ratio", "dimension", "trace_term", "mean_term"],
  examples: [
    { query: "mu1=0&cov1=1&mu2=1&cov2=4", caption: "one dimension: both densities" },
    { query: "mu1=0,0&cov1=1,0,0,1&mu2=0,0&cov2=1,0,0,1", caption: "equal distributions: the KL is zero" },
    {
      query: "mu1=0,0&cov1=1,0.99999998,0.99999998,1&mu2=0.001,-0.001&cov2=1,0,0,1",
      caption: "an ill-conditioned covariance (condition number 1e8) still gives an accurate value",
    },
    {
      query: "mu1=0,0,0&cov1=1,0,0,0,1,0,0,0,1&mu2=1,1,1&cov2=2,0,0,0,2,0,0,0,2&n=1000000",
      caption: "three dimensions, a million samples",
    },
  ],
};
