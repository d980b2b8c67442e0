/**
 * A Gaussian decoder N(μ_θ(z), s² I) turns the loss into a squared error plus 2s² times the KL term
 * once multiplied by 2s²: a β-VAE on the squared error with β = 2s² (Doersch 2016).
 */
import { createRandom } from "../../lib/random";
import { fmt } from "../answer";
import { onGrid, roundedAnswer } from "../compose";
import type { ExerciseGenerator } from "../types";

export const gaussianBeta: ExerciseGenerator = {
  id: "gaussian-beta",
  defaultSeed: 1,
  generate(seed) {
    const random = createRandom(seed);
    const s = onGrid(random, 0.1, 1.5, 0.05);
    const answer = 2 * s * s;
    return {
      question:
        String.raw`A VAE has a Gaussian decoder $p_\theta(x \given z) = \N(\mu_\theta(z),\, s^2 I)$ with $s = ${fmt(s)}$ fixed. ` +
        String.raw`Written as the squared error $\lVert x - \mu_\theta(z)\rVert^2$ plus $\beta$ times the KL term, what $\beta$ is it training with? To 4 decimal places.`,
      solution:
        String.raw`Up to a constant, $-\log p_\theta(x \given z) = \frac{1}{2s^2}\lVert x - \mu_\theta(z)\rVert^2$, so the loss is ` +
        String.raw`$\frac{1}{2s^2}\lVert x - \mu_\theta(z)\rVert^2 + \KL$. Multiplying by $2s^2$ changes no minimum and gives ` +
        String.raw`$\lVert x - \mu_\theta(z)\rVert^2 + 2s^2\,\KL$: $\beta = 2s^2 = 2 \cdot ${fmt(s)}^2 = ${fmt(answer)}$. ` +
        String.raw`A larger $s$ tells the model pixel errors are cheap, and information in the code dear.`,
      ...roundedAnswer(answer, 4, [
        { value: 2 * s, slip: String.raw`That uses $s$ for the variance; the variance is $s^2$, so $\beta = 2s^2$.` },
        { value: s * s, slip: String.raw`That drops the 2 of the Gaussian's $\frac{1}{2s^2}$.` },
        {
          value: 1 / (2 * s * s),
          slip: String.raw`That is the weight on the squared error before rescaling, $\frac{1}{2s^2}$; $\beta$ is its reciprocal.`,
        },
      ]),
    };
  },
};
