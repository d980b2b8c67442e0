import { vectorParam } from "../../lib/params";
import type { WidgetSpec } from "../spec";

export interface KlStdNormalState {
  readonly mu: number[];
  readonly logvar: number[];
}

export const spec: WidgetSpec<KlStdNormalState> = {
  id: "kl-std-normal",
  title: "KL to the standard normal",
  summary:
    "The KL term of the VAE loss: how far the encoder's N(μ, diag(exp(log σ²))) is from the prior N(0, I), dimension by dimension, by the VAE formula and by the general Gaussian formula.",
  chapter: "elbo",
  params: {
    mu: vectorParam({
      fallback: [0.8, -0.4, 0],
      minLength: 1,
      maxLength: 64,
      min: -1e6,
      max: 1e6,
      description: "encoder means μ, one per latent dimension",
    }),
    logvar: vectorParam({
      fallback: [-0.5, 0.3, 0],
      minLength: 1,
      maxLength: 64,
      min: -100,
      max: 100,
      description: "encoder log-variances log σ², one per latent dimension",
    }),
  },
  check: ({ mu, logvar }) =>
    mu.length === logvar.length
      ? undefined
      : `logvar: expected as many entries as mu (${mu.length}), got ${logvar.length}.`,
  outputs: ["kl", "kl_general", "log_det_ratio", "dimension", "trace_term", "mean_term", "difference"],
  examples: [
    { query: "mu=0,0&logvar=0,0", caption: "q equal to the prior: the KL is zero" },
    { query: "mu=2,0,0,0&logvar=0,-3,0,0", caption: "a shifted mean and a collapsing variance, each paid for" },
  ],
};
