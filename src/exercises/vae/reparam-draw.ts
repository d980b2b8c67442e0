/**
 * One line of the VAE's training code: z = μ + exp(½ v) ⊙ ε with v = log σ², for given numbers.
 */
import { createRandom } from "../../lib/random";
import { fmt } from "../answer";
import { onGrid, roundedAnswer, term } from "../compose";
import type { ExerciseGenerator } from "../types";

export const reparamDraw: ExerciseGenerator = {
  id: "reparam-draw",
  defaultSeed: 1,
  generate(seed) {
    const random = createRandom(seed);
    const mu = onGrid(random, -1.5, 1.5, 0.1);
    let v = onGrid(random, -3, 1, 0.5);
    if (v === 0) v = -1;
    let epsilon = onGrid(random, -2, 2, 0.1);
    if (Math.abs(epsilon) < 0.3) epsilon = 1.2;
    const sigma = Math.exp(0.5 * v);
    const answer = mu + sigma * epsilon;
    return {
      question:
        String.raw`For one digit, one latent dimension of the encoder's output reads $\mu = ${fmt(mu)}$ and $\log\sigma^2 = ${fmt(v)}$, ` +
        String.raw`and the training step draws $\varepsilon = ${fmt(epsilon)}$ from $\N(0, 1)$. Which code $z$ does the decoder receive? To 3 decimal places.`,
      solution:
        String.raw`The standard deviation is $\sigma = \exp(\tfrac12 \log\sigma^2) = \exp(${fmt(v / 2)}) = ${fmt(sigma, 4)}$, so` +
        String.raw`$$\begin{aligned} z &= \mu + \sigma\,\varepsilon \\ &= ${fmt(mu)} + ${fmt(sigma, 4)} \cdot ${term(epsilon)} \\ &= ${fmt(answer, 4)}. \end{aligned}$$` +
        String.raw`The code is $\varepsilon$ standard deviations from the mean, which is what makes it a draw from $\N(\mu, \sigma^2)$.`,
      ...roundedAnswer(answer, 3, [
        {
          value: mu + Math.exp(v) * epsilon,
          slip: String.raw`That scales $\varepsilon$ by the variance $\exp(v) = \sigma^2$; the draw needs the standard deviation $\exp(\tfrac12 v)$.`,
        },
        {
          value: mu + v * epsilon,
          slip: String.raw`That scales $\varepsilon$ by the log-variance itself; exponentiate it first, and take the square root.`,
        },
        { value: sigma * epsilon, slip: String.raw`That leaves out the mean $\mu$.` },
        { value: mu + epsilon, slip: String.raw`That forgets to scale $\varepsilon$ by $\sigma$.` },
      ]),
    };
  },
};
