/**
 * The Bernoulli log-likelihood of a few binarised pixels, Σ_j [x_j log p_j + (1 − x_j) log(1 − p_j)].
 */
import { createRandom } from "../../lib/random";
import { fmt, log2Instead } from "../answer";
import { onGrid, roundedAnswer } from "../compose";
import type { ExerciseGenerator } from "../types";

const PIXELS = 4;

export const bernoulliPixels: ExerciseGenerator = {
  id: "bernoulli-pixels",
  defaultSeed: 1,
  generate(seed) {
    const random = createRandom(seed);
    const x: number[] = Array.from({ length: PIXELS }, () => (random.uniform() < 0.5 ? 0 : 1));
    if (x.every((value) => value === x[0])) x[PIXELS - 1] = 1 - (x[0] ?? 0);
    const p = Array.from({ length: PIXELS }, () => onGrid(random, 0.05, 0.95, 0.05));
    const logs = x.map((value, j) => (value === 1 ? Math.log(p[j] ?? 0) : Math.log(1 - (p[j] ?? 0))));
    const answer = logs.reduce((a, b) => a + b, 0);
    const parts = x.map((value, j) =>
      value === 1 ? String.raw`\log ${fmt(p[j] ?? 0)}` : String.raw`\log(1 - ${fmt(p[j] ?? 0)})`,
    );
    return {
      question:
        String.raw`A binarised image has the pixels $x = (${x.join(", ")})$, and the decoder gives them the probabilities of ink ` +
        String.raw`$p = (${p.map((value) => fmt(value)).join(", ")})$. What is the Bernoulli log-likelihood $\log p_\theta(x \given z)$, in nats, to 3 decimal places?`,
      solution:
        String.raw`Each pixel contributes $x_j \log p_j + (1 - x_j)\log(1 - p_j)$: $\log p_j$ where there is ink, $\log(1 - p_j)$ where there is none:` +
        String.raw`$$\begin{aligned} ${parts.map((part, j) => `${part} &= ${fmt(logs[j] ?? 0, 4)}`).join(String.raw` \\ `)} \end{aligned}$$` +
        String.raw`In all $${fmt(answer, 4)}$ nats.` +
        String.raw` It is negative, as the logarithm of a probability is; the loss uses its negative, the binary cross-entropy.`,
      unit: "nats",
      ...roundedAnswer(answer, 3, [
        { value: -answer, slip: "That is the binary cross-entropy, the negative of the log-likelihood." },
        log2Instead(answer),
        {
          value: p.reduce((total, pj) => total + Math.log(pj), 0),
          slip: String.raw`That takes $\log p_j$ for every pixel; a pixel without ink ($x_j = 0$) contributes $\log(1 - p_j)$.`,
        },
        {
          value: x.reduce((total, value, j) => total + (value === 1 ? Math.log(p[j] ?? 0) : 0), 0),
          slip: String.raw`That counts only the ink pixels; the blank ones contribute $\log(1 - p_j)$ too.`,
        },
      ]),
    };
  },
};
