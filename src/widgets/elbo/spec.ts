import { numberParam, samplesParam, seedParam, type ParamSpecs } from "../../lib/params";
import type { WidgetSpec } from "../spec";

/** The linear-Gaussian model and its approximation q, shared with the reparameterisation demo. */
export interface LinearGaussianState {
  readonly x: number;
  readonly w: number;
  readonly b: number;
  readonly s: number;
  readonly qm: number;
  readonly qs: number;
  readonly n: number;
  readonly seed: number;
}

/** The decoder and the approximation q of a state, in the shapes src/lib/elbo.ts takes. */
export const modelOf = ({ w, b, s }: LinearGaussianState) => ({ w, b, s });
export const approximationOf = ({ qm, qs }: LinearGaussianState) => ({ mean: qm, sd: qs });

const LIMIT = 1e6;

const location = (fallback: number, description: string) =>
  numberParam({ fallback, min: -LIMIT, max: LIMIT, description });

const scale = (fallback: number, description: string) =>
  numberParam({ fallback, min: 0, exclusiveMin: true, max: LIMIT, description });

/** Parameters of the model z ~ N(0, 1), x | z ~ N(w·z + b, s²) and of q(z | x) = N(qm, qs²). */
export function linearGaussianParams(samples: number): ParamSpecs<LinearGaussianState> {
  return {
    x: location(1.5, "the observed data point x"),
    w: location(1.5, "decoder weight w: the mean of x given z is w·z + b"),
    b: location(0, "decoder offset b"),
    s: scale(0.8, "decoder standard deviation s (> 0)"),
    qm: location(0, "mean qm of the approximation q(z | x)"),
    qs: scale(1, "standard deviation qs of the approximation q(z | x) (> 0)"),
    n: samplesParam(samples),
    seed: seedParam(1),
  };
}

/** The elbo widget's state: the shared model, and K for the importance-weighted bound. */
export interface ElboState extends LinearGaussianState {
  /** Importance samples per IWAE estimate. */
  readonly k: number;
}

/** Draws of q per page update: n estimates of K draws each. */
export const MAX_DRAWS = 10_000_000;

export const spec: WidgetSpec<ElboState> = {
  id: "elbo",
  title: "The ELBO identity, live",
  summary:
    "A one-dimensional model where everything is exact: move q and watch log p(x) = ELBO + D_KL(q ‖ p(z | x)) hold to machine precision.",
  chapter: "elbo",
  params: {
    ...linearGaussianParams(1000),
    k: numberParam({
      fallback: 1,
      min: 1,
      max: 1000,
      integer: true,
      description:
        "importance samples K per estimate of the importance-weighted bound IWAE_K (K = 1 is the ELBO); n·k at most 10,000,000",
    }),
  },
  check: ({ n, k }) =>
    n * k > MAX_DRAWS
      ? `k: n·k must be at most ${MAX_DRAWS.toLocaleString("en")} draws of q; n = ${n} estimates of k = ${k} draws each make ${(n * k).toLocaleString("en")}. Lower n or k.`
      : undefined,
  outputs: ["log_px", "elbo", "kl_gap", "recon", "kl_prior", "elbo_mc", "elbo_mc_se", "iwae_mc", "iwae_mc_se"],
  examples: [
    { query: "", caption: "q equal to the prior: the gap is the KL from the prior to the posterior" },
    { query: "qm=0.7785467128027681&qs=0.4705882352941177", caption: "q equal to the true posterior: the gap is zero" },
    { query: "x=6&qm=0&qs=1&n=100", caption: "an unlikely x: a large gap, and a noisy Monte Carlo ELBO" },
    { query: "w=0", caption: "a decoder that ignores z: the posterior is the prior" },
    { query: "k=100&n=1000", caption: "the importance-weighted bound with K = 100: most of the gap closed" },
  ],
};
