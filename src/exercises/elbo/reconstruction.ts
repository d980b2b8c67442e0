/**
 * The expected reconstruction term E_q[log p(x | z)] of the chapter's linear-Gaussian model with
 * q = N(qm, qs²): the squared error at the mean of q plus the spread w²qs² that z adds (src/lib/elbo.ts).
 */
import { elboTerms, logNormalDensity } from "../../lib/elbo";
import { createRandom } from "../../lib/random";
import { fmt } from "../answer";
import { onGrid, roundedAnswer, term } from "../compose";
import type { ExerciseGenerator } from "../types";
import { drawLinearModel } from "./linear-model";

export const reconstruction: ExerciseGenerator = {
  id: "elbo-reconstruction",
  defaultSeed: 2,
  generate(seed) {
    const random = createRandom(seed);
    const { w, b, s, x } = drawLinearModel(random);
    const qm = onGrid(random, -1, 1, 0.2);
    const qs = onGrid(random, 0.2, 1, 0.1);
    const answer = elboTerms({ w, b, s }, x, { mean: qm, sd: qs }).recon;
    const residual = x - w * qm - b;
    const spread = w * w * qs * qs;
    const constant = -0.5 * Math.log(2 * Math.PI * s * s);
    const atMean = logNormalDensity(x, w * qm + b, s);
    return {
      question:
        String.raw`In the chapter's model, $x \given z \sim \N(wz + b,\, s^2)$ with $w = ${fmt(w)}$, $b = ${fmt(b)}$, ` +
        String.raw`$s = ${fmt(s)}$, and the observation is $x = ${fmt(x)}$. The approximation is ` +
        String.raw`$q(z \given x) = \N(${fmt(qm)},\, ${fmt(qs)}^2)$. What is the reconstruction term ` +
        String.raw`$\E_{z \sim q}[\log p(x \given z)]$ of the ELBO? Give it in nats, to 3 decimal places.`,
      solution:
        String.raw`$\log p(x \given z) = -\tfrac12\log(2\pi s^2) - \frac{(x - wz - b)^2}{2s^2}$, and only the square depends on $z$. ` +
        String.raw`Under $q$, $x - wz - b$ has mean $x - w q_m - b = ${fmt(x)} - ${term(w)} \cdot ${term(qm)} - ${term(b)} = ${fmt(residual)}$ ` +
        String.raw`and variance $w^2 q_s^2 = ${fmt(spread)}$, so $\E_q[(x - wz - b)^2] = ${term(residual)}^2 + ${fmt(spread)} = ${fmt(residual * residual + spread, 4)}$ ` +
        String.raw`(a mean square is the square of the mean plus the variance). Then $\E_q[\log p(x \given z)]$ is` +
        String.raw`$$\begin{aligned} &${fmt(constant, 4)} - \frac{${fmt(residual * residual + spread, 4)}}{2 \cdot ${fmt(s * s)}} \\ &= ${fmt(answer, 4)}. \end{aligned}$$`,
      unit: "nats",
      ...roundedAnswer(answer, 3, [
        {
          value: atMean,
          slip: String.raw`That is $\log p(x \given z)$ at $z = q_m$ only: the spread of $z$ under $q$ adds $w^2 q_s^2$ to the mean squared error.`,
        },
        {
          value: constant - (residual * residual + w * w * qs) / (2 * s * s),
          slip: String.raw`That uses $w^2 q_s$: the variance of $wz$ is $w^2 q_s^2$, with the standard deviation squared.`,
        },
        {
          value: constant - (residual * residual + spread) / (s * s),
          slip: String.raw`That drops the $\tfrac12$ in front of the squared error: the Gaussian's exponent is $-\frac{(\cdot)^2}{2s^2}$.`,
        },
      ]),
    };
  },
};
