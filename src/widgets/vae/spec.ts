import { flagParam, numberParam, seedParam } from "../../lib/params";
import { PRETRAINED_HIDDEN, PRETRAINED_LATENTS } from "../../ml/weights-format";
import type { WidgetSpec } from "../spec";

export interface VaeState {
  readonly latent: number;
  readonly hidden: number;
  readonly batch: number;
  readonly beta: number;
  readonly seconds: number;
  readonly autostart: boolean;
  readonly pretrained: boolean;
  readonly seed: number;
  /** Importance samples per held-out digit of log_px_test. */
  readonly k: number;
}

export const spec: WidgetSpec<VaeState> = {
  id: "vae",
  title: "A variational autoencoder, trained here",
  summary:
    "A 784–hidden–latent VAE with a Bernoulli decoder trains on binarised handwritten digits in your browser; held-out digits, never trained on, measure it: ELBO, log p(x) and the inference gaps.",
  chapter: "vae",
  params: {
    latent: numberParam({ fallback: 2, min: 2, max: 32, integer: true, description: "size of the latent code z" }),
    hidden: numberParam({
      fallback: 400,
      min: 16,
      max: 1024,
      integer: true,
      description: "width of the hidden layer of the encoder and of the decoder",
    }),
    batch: numberParam({ fallback: 128, min: 1, max: 1024, integer: true, description: "digits per training step" }),
    beta: numberParam({
      fallback: 1,
      min: 0,
      max: 1000,
      description: "weight β of the KL term in the training loss (1: the true ELBO)",
    }),
    seconds: numberParam({
      fallback: 60,
      min: 0,
      exclusiveMin: true,
      max: 3600,
      description:
        "training budget, in seconds of training (pauses excluded), over which the step size decays to zero; Train after it ends trains the same model for another",
    }),
    autostart: flagParam({ fallback: false, description: "1 starts training on load" }),
    pretrained: flagParam({
      fallback: false,
      description: `1 starts from the shipped pretrained weights (latent ${PRETRAINED_LATENTS.join(" or ")}, hidden ${PRETRAINED_HIDDEN})`,
    }),
    seed: seedParam(1),
    k: numberParam({
      fallback: 100,
      min: 1,
      max: 5000,
      integer: true,
      description:
        "importance samples per held-out digit for log_px_test (IWAE_k); changed on a model at rest, it is measured again, with no training",
    }),
  },
  check: ({ pretrained, latent, hidden }) =>
    pretrained && !(PRETRAINED_LATENTS.includes(latent) && hidden === PRETRAINED_HIDDEN)
      ? `pretrained: weights are shipped for latent ${PRETRAINED_LATENTS.join(" or ")} with hidden ${PRETRAINED_HIDDEN}; got latent ${latent} and hidden ${hidden}.`
      : undefined,
  outputs: [
    "elbo_test",
    "recon_test",
    "kl_test",
    "log_px_test",
    "active_units",
    "gap_amortization",
    "gap_approximation",
    "steps",
    "steps_per_s",
    "backend",
  ],
  examples: [
    { query: "pretrained=1", caption: "a trained 2-D latent space to explore at once" },
    {
      query: "latent=20&pretrained=1",
      caption: "the pretrained latent-20 VAE: better digits, a projected latent space",
    },
    { query: "latent=2&seconds=15", caption: "press Train and watch the latent plane organise itself in 15 seconds" },
    { query: "latent=8&beta=20&seconds=20", caption: "a heavy KL weight: press Train to see posterior collapse" },
  ],
};
