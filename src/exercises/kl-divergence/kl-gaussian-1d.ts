/** The closed form in one dimension: KL(N(μ₁, σ₁²) ‖ N(μ₂, σ₂²)) = log(σ₂/σ₁) + (σ₁² + (μ₁ − μ₂)²)/(2σ₂²) − ½. */
import { gaussian } from "../../lib/gaussian";
import { klGaussian } from "../../lib/kl-gaussian";
import { createRandom } from "../../lib/random";
import { fmt, halfDropped, integerIn, klReversed, log2Instead } from "../answer";
import { onGrid, roundedAnswer } from "../compose";
import type { ExerciseGenerator } from "../types";

export const klGaussian1d: ExerciseGenerator = {
  id: "kl-gaussian-1d",
  defaultSeed: 7,
  generate(seed) {
    const random = createRandom(seed);
    const mu1 = integerIn(random, -3, 3);
    const mu2 = integerIn(random, -3, 3);
    const s1 = onGrid(random, 0.5, 2, 0.5);
    let s2 = onGrid(random, 0.5, 2, 0.5);
    if (mu1 === mu2 && s1 === s2) s2 += 0.5;
    const p = gaussian([mu1], [[s1 * s1]]);
    const q = gaussian([mu2], [[s2 * s2]]);
    const kl = klGaussian(p, q).value;
    const logRatio = Math.log(s2 / s1);
    const fraction = (s1 * s1 + (mu1 - mu2) ** 2) / (2 * s2 * s2);
    return {
      question: `Compute $\\kldiv{\\N(${mu1}, ${fmt(s1)}^2)}{\\N(${mu2}, ${fmt(s2)}^2)}$ in nats, to three decimals. (The second argument of $\\N$ is the variance, written as a square of the standard deviation.)`,
      solution: `In one dimension the closed form reads
$$\\kldiv{\\N(\\mu_1, \\sigma_1^2)}{\\N(\\mu_2, \\sigma_2^2)} = \\log\\frac{\\sigma_2}{\\sigma_1} + \\frac{\\sigma_1^2 + (\\mu_1-\\mu_2)^2}{2\\sigma_2^2} - \\frac12.$$
Here $\\log\\frac{${fmt(s2)}}{${fmt(s1)}} = ${fmt(logRatio)}$ and $\\frac{${fmt(s1 * s1)} + (${mu1 - mu2})^2}{2 \\cdot ${fmt(s2 * s2)}} = ${fmt(fraction)}$, so the divergence is $${fmt(logRatio)} + ${fmt(fraction)} - 0.5 = ${fmt(kl)}$ nats.`,
      unit: "nats",
      ...roundedAnswer(kl, 3, [
        klReversed(klGaussian(q, p).value, "KL(N₂ ‖ N₁), the two normals swapped"),
        halfDropped(kl),
        log2Instead(kl),
        {
          value: Math.log((s2 * s2) / (s1 * s1)) + fraction - 0.5,
          slip: "The log term is log(σ₂/σ₁), of the standard deviations: log(σ₂²/σ₁²) counts it twice.",
        },
      ]),
    };
  },
};
