/**
 * The reparameterisation's pathwise gradient: with z = μ + exp(v/2)·ε and f(z) = (z − c)²,
 * ∂f/∂v = f′(z) · ∂z/∂v = 2(z − c) · ½ exp(v/2) ε by the chain rule.
 */
import { createRandom } from "../../lib/random";
import { fmt } from "../answer";
import { onGrid, roundedAnswer, term } from "../compose";
import type { ExerciseGenerator } from "../types";

export const reparamGradient: ExerciseGenerator = {
  id: "reparam-gradient",
  defaultSeed: 1,
  generate(seed) {
    const random = createRandom(seed);
    const mu = onGrid(random, -1, 1, 0.5);
    const v = onGrid(random, -2, 1, 0.5);
    let epsilon = onGrid(random, -2, 2, 0.1);
    if (epsilon === 0) epsilon = 0.5;
    const c = onGrid(random, -2, 2, 0.5);
    const sigma = Math.exp(v / 2);
    const z = mu + sigma * epsilon;
    const slope = 2 * (z - c);
    const answer = slope * 0.5 * sigma * epsilon;
    return {
      question:
        String.raw`A one-dimensional code is drawn as $z = \mu + \exp(\tfrac12 v)\,\varepsilon$ with $\mu = ${fmt(mu)}$, $v = \log\sigma^2 = ${fmt(v)}$ ` +
        String.raw`and the draw $\varepsilon = ${fmt(epsilon)}$, and the decoder's loss at that code is $f(z) = ${c === 0 ? "z^2" : `(z ${c < 0 ? "+" : "-"} ${fmt(Math.abs(c))})^2`}$. ` +
        String.raw`Holding $\varepsilon$ fixed, what is the gradient $\partial f / \partial v$ that backpropagation sends to the encoder's log-variance output? ` +
        `To 3 decimal places.`,
      solution:
        String.raw`Here $\sigma = \exp(\tfrac12 v) = ${fmt(sigma, 4)}$ and $z = ${fmt(mu)} + ${fmt(sigma, 4)} \cdot ${term(epsilon)} = ${fmt(z, 4)}$. ` +
        String.raw`By the chain rule $\frac{\partial f}{\partial v} = f'(z)\,\frac{\partial z}{\partial v}$, with $f'(z) = 2(z - c) = ${fmt(slope, 4)}$ ` +
        String.raw`and $\frac{\partial z}{\partial v} = \tfrac12 \exp(\tfrac12 v)\,\varepsilon = ${fmt(0.5 * sigma * epsilon, 4)}$, so` +
        String.raw`$$\begin{aligned} \frac{\partial f}{\partial v} &= ${fmt(slope, 4)} \cdot ${term(Number(fmt(0.5 * sigma * epsilon, 4)))} \\ &= ${fmt(answer, 4)}. \end{aligned}$$` +
        String.raw`The draw $\varepsilon$ stays fixed: that is what lets the gradient pass through the sample.`,
      ...roundedAnswer(answer, 3, [
        {
          value: slope * 0.5 * sigma,
          slip: String.raw`That leaves out $\varepsilon$: $z$ moves with $v$ by $\tfrac12\sigma\varepsilon$, not $\tfrac12\sigma$.`,
        },
        {
          value: slope * sigma * epsilon,
          slip: String.raw`That drops the $\tfrac12$ of $\sigma = \exp(\tfrac12 v)$; $\partial \sigma / \partial v = \tfrac12 \sigma$.`,
        },
        {
          value: slope * epsilon,
          slip: String.raw`That is $\partial f / \partial \sigma$; the encoder outputs $v = \log\sigma^2$, which adds the factor $\partial\sigma/\partial v = \tfrac12\sigma$.`,
        },
        {
          value: slope,
          slip: String.raw`That is $\partial f / \partial \mu$ (or $f'(z)$ alone), not the gradient for $v$.`,
        },
      ]),
    };
  },
};
