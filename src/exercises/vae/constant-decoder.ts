/**
 * The log-likelihood of a binarised digit under a decoder that ignores z and gives every pixel the
 * same probability of ink c: m log c + (D − m) log(1 − c), the Bernoulli likelihood pixel by pixel.
 */
import { createRandom } from "../../lib/random";
import { fmt, log2Instead } from "../answer";
import { onGrid, roundedAnswer } from "../compose";
import type { ExerciseGenerator } from "../types";

const PIXELS = 784;

export const constantDecoder: ExerciseGenerator = {
  id: "constant-decoder",
  defaultSeed: 1,
  generate(seed) {
    const random = createRandom(seed);
    const ink = Math.round(onGrid(random, 80, 200, 1));
    const c = onGrid(random, 0.05, 0.5, 0.01);
    const inkPart = ink * Math.log(c);
    const blankPart = (PIXELS - ink) * Math.log(1 - c);
    const answer = inkPart + blankPart;
    return {
      question:
        String.raw`A collapsed VAE's decoder ignores $z$ and gives every one of the ${PIXELS} pixels the same probability of ink, $c = ${fmt(c)}$. ` +
        String.raw`A binarised held-out digit has ${ink} ink pixels. What is its $\log p_\theta(x \given z)$, in nats, to 1 decimal place?`,
      solution:
        String.raw`Each ink pixel contributes $\log c$ and each blank pixel $\log(1 - c)$:` +
        String.raw`$$\begin{aligned} &${ink}\log ${fmt(c)} + ${PIXELS - ink}\log ${fmt(Number((1 - c).toFixed(2)))} \\ &= ${fmt(inkPart, 2)} ${fmt(blankPart, 2)} \\ &= ${fmt(answer, 2)}. \end{aligned}$$` +
        String.raw`For comparison, even odds on every pixel score $${PIXELS}\log\tfrac12 = ${fmt(-PIXELS * Math.LN2, 1)}$, the untrained VAE's figure; a trained decoder that uses $z$ scores far higher.`,
      unit: "nats",
      ...roundedAnswer(answer, 1, [
        log2Instead(answer),
        {
          value: ink * Math.log(1 - c) + (PIXELS - ink) * Math.log(c),
          slip: String.raw`That swaps the two: ink pixels score $\log c$, blank ones $\log(1 - c)$.`,
        },
        {
          value: inkPart,
          slip: String.raw`That counts only the ink pixels; the ${PIXELS - ink} blank ones add $\log(1 - c)$ each.`,
        },
        {
          value: -answer,
          slip: String.raw`That is the reconstruction loss $-\log p_\theta(x \given z)$, with the sign flipped.`,
        },
      ]),
    };
  },
};
