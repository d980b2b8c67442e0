import { flagParam, numberParam, seedParam } from "../../lib/params";
import type { WidgetSpec } from "../spec";

export interface AutoencoderState {
  readonly latent: number;
  readonly noise: number;
  readonly seconds: number;
  readonly autostart: boolean;
  readonly seed: number;
}

export const spec: WidgetSpec<AutoencoderState> = {
  id: "autoencoder",
  title: "A denoising autoencoder, trained here",
  summary:
    "A small dense autoencoder (784–256–code–256–784) learns to rebuild handwritten digits from corrupted copies, in your browser; the held-out digits below are never trained on.",
  chapter: "autoencoders",
  params: {
    latent: numberParam({ fallback: 32, min: 1, max: 256, integer: true, description: "size of the code g_φ(x)" }),
    noise: numberParam({
      fallback: 0.3,
      min: 0,
      max: 1,
      description:
        "probability that each input pixel is zeroed (0: a plain autoencoder); changed after training, the trained model is measured again at the new level",
    }),
    seconds: numberParam({
      fallback: 30,
      min: 0,
      exclusiveMin: true,
      max: 3600,
      description:
        "training budget, in seconds of training (pauses excluded), over whose last 30% the step size decays to zero; Train after it ends trains the same model for another",
    }),
    autostart: flagParam({ fallback: false, description: "1 starts training from fresh weights on load" }),
    seed: seedParam(1),
  },
  outputs: ["mse_test", "steps"],
  examples: [
    { query: "noise=0&autostart=1&seconds=10", caption: "a plain autoencoder, trained for 10 s" },
    {
      query: "noise=0.5&latent=16&autostart=1&seconds=10",
      caption: "half the pixels wiped out, a 16-number code, 10 s",
    },
  ],
};

/** Not reader parameters: the hidden width and batch of the autoencoder. */
export const AUTOENCODER_HIDDEN = 256;
export const AUTOENCODER_BATCH = 128;
