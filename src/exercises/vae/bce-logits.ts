/**
 * The VAE's reconstruction term from logits: −log p(x | z) = Σ_j [log(1 + e^{ℓ_j}) − x_j ℓ_j],
 * the binary cross-entropy written so that no probability is rounded to 0 before its logarithm.
 */
import { createRandom } from "../../lib/random";
import { fmt, log2Instead } from "../answer";
import { onGrid, roundedAnswer, term } from "../compose";
import type { ExerciseGenerator } from "../types";

const PIXELS = 3;

/** log(1 + e^ℓ), stable for large |ℓ|. */
function softplus(logit: number): number {
  return Math.max(logit, 0) + Math.log1p(Math.exp(-Math.abs(logit)));
}

export const bceLogits: ExerciseGenerator = {
  id: "bce-logits",
  defaultSeed: 1,
  generate(seed) {
    const random = createRandom(seed);
    const x: number[] = Array.from({ length: PIXELS }, () => (random.uniform() < 0.5 ? 0 : 1));
    if (x.every((value) => value === x[0])) x[1] = 1 - (x[0] ?? 0);
    const logits = Array.from({ length: PIXELS }, () => onGrid(random, -3, 3, 0.5));
    const terms = logits.map((l, j) => softplus(l) - (x[j] ?? 0) * l);
    const answer = terms.reduce((a, b) => a + b, 0);
    const written = logits.map((l, j) => String.raw`\log(1 + e^{${fmt(l)}})${x[j] === 1 ? ` - ${term(l)}` : ""}`);
    return {
      question:
        String.raw`The decoder's logits for three pixels of a binarised digit are $\ell = (${logits.map((value) => fmt(value)).join(", ")})$, and the pixels are ` +
        String.raw`$x = (${x.join(", ")})$. What do they add to the reconstruction term $-\log p_\theta(x \given z)$? In nats, to 3 decimal places.`,
      solution:
        String.raw`Each pixel adds $\log(1 + e^{\ell_j}) - x_j \ell_j$, which is $-\log y_j$ for an ink pixel and $-\log(1 - y_j)$ for a blank one, with $y_j = 1/(1 + e^{-\ell_j})$:` +
        String.raw`$$\begin{aligned} ${written.map((line, j) => `${line} &= ${fmt(terms[j] ?? 0, 4)}`).join(String.raw` \\ `)} \end{aligned}$$` +
        String.raw`In all $${terms.map((t) => fmt(t, 4)).join(" + ")} = ${fmt(answer, 4)}$ nats: a loss, so never negative.`,
      unit: "nats",
      ...roundedAnswer(answer, 3, [
        { value: -answer, slip: String.raw`That is $\log p_\theta(x \given z)$; the loss term is its negative.` },
        {
          value: logits.reduce((total, l) => total + softplus(l), 0),
          slip: String.raw`That leaves out $-x_j \ell_j$, which is what tells an ink pixel from a blank one.`,
        },
        {
          value: logits.reduce((total, l, j) => total + softplus(l) - (1 - (x[j] ?? 0)) * l, 0),
          slip: String.raw`That swaps ink and blank: the term is $-x_j \ell_j$, with the pixel's own value.`,
        },
        log2Instead(answer),
      ]),
    };
  },
};
