/**
 * The evidence of the chapter's linear-Gaussian model (src/lib/elbo.ts): x is a sum of Gaussians,
 * so p(x) = N(x; b, w² + s²).
 */
import { logEvidence, logNormalDensity } from "../../lib/elbo";
import { createRandom } from "../../lib/random";
import { fmt, log2Instead } from "../answer";
import { roundedAnswer } from "../compose";
import type { ExerciseGenerator } from "../types";
import { drawLinearModel } from "./linear-model";

export const evidence: ExerciseGenerator = {
  id: "elbo-evidence",
  defaultSeed: 4,
  generate(seed) {
    const random = createRandom(seed);
    const { w, b, s, x } = drawLinearModel(random);
    const variance = w * w + s * s;
    const answer = logEvidence({ w, b, s }, x);
    const normaliser = -0.5 * Math.log(2 * Math.PI * variance);
    const squared = -((x - b) ** 2) / (2 * variance);
    return {
      question:
        String.raw`In the chapter's model, $z \sim \N(0, 1)$ and $x \given z \sim \N(wz + b,\, s^2)$ with ` +
        `$w = ${fmt(w)}$, $b = ${fmt(b)}$ and $s = ${fmt(s)}$. What is the log evidence $\\log p(x)$ of the ` +
        `observation $x = ${fmt(x)}$? Give it in nats, to 3 decimal places.`,
      solution:
        String.raw`$x = wz + b + s\,\eta$ with $z$ and $\eta$ independent standard normals, so $x$ is normal with mean $b$ and ` +
        String.raw`variance $w^2 + s^2$ (variances of independent terms add): $p(x) = \N(x;\, b,\, w^2 + s^2)$ with ` +
        `$w^2 + s^2 = ${fmt(w * w)} + ${fmt(s * s)} = ${fmt(variance)}$. Then` +
        String.raw`$$\begin{aligned} \log p(x) &= -\tfrac12 \log\big(2\pi (w^2 + s^2)\big) \\ &\quad - \frac{(x - b)^2}{2 (w^2 + s^2)} \\ ` +
        String.raw`&= ${fmt(normaliser, 4)} - \frac{${fmt((x - b) ** 2)}}{${fmt(2 * variance)}} \\ &= ${fmt(normaliser, 4)} - ${fmt(-squared, 4)} \\ &= ${fmt(answer, 4)}. \end{aligned}$$`,
      unit: "nats",
      ...roundedAnswer(answer, 3, [
        {
          value: logNormalDensity(x, b, s),
          slip: String.raw`That is $\log \N(x;\, b,\, s^2)$: the variance of $x$ is $w^2 + s^2$, since $z$ varies too.`,
        },
        {
          value: logNormalDensity(x, b, w + s),
          slip: String.raw`That adds the standard deviations, $(w + s)^2$; independent variances add, $w^2 + s^2$.`,
        },
        {
          value: squared,
          slip: String.raw`That is only the exponent: the normalising term $-\tfrac12\log(2\pi(w^2 + s^2))$ is missing.`,
        },
        log2Instead(answer),
      ]),
    };
  },
};
