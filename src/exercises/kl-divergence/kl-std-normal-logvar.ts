/** The VAE's KL term from a mean and a log-variance: ½ Σⱼ (exp(log σⱼ²) + μⱼ² − 1 − log σⱼ²), two dimensions. */
import { klStdNormal } from "../../lib/kl-std-normal";
import { createRandom } from "../../lib/random";
import { fmt, halfDropped } from "../answer";
import { onGrid, roundedAnswer } from "../compose";
import type { ExerciseGenerator } from "../types";

export const klStdNormalLogvar: ExerciseGenerator = {
  id: "kl-std-normal-logvar",
  defaultSeed: 4,
  generate(seed) {
    const random = createRandom(seed);
    const mu = [onGrid(random, -1, 1, 0.1), onGrid(random, -1, 1, 0.1)];
    const logvar = [onGrid(random, -1, 1, 0.1), onGrid(random, -1, 1, 0.1)];
    if (mu.concat(logvar).every((value) => value === 0)) mu[0] = 0.5;
    const kl = klStdNormal(mu, logvar);
    const rows = mu
      .map(
        (m, j) =>
          `j = ${j + 1}: \\tfrac12\\left(e^{${fmt(logvar[j] ?? 0)}} + (${fmt(m)})^2 - 1 - (${fmt(logvar[j] ?? 0)})\\right) = ${fmt(kl.terms[j] ?? 0)}`,
      )
      .join(", \\quad ");
    // The notes' slip: the log-variance read as if it were the variance itself.
    const asVariance = mu.reduce((sum, m, j) => {
      const v = logvar[j] ?? 0;
      return sum + 0.5 * (v + m * m - 1 - Math.log(v));
    }, 0);
    return {
      question: `An encoder outputs $\\mu = (${mu.map((m) => fmt(m)).join(",\\ ")})$ and $\\log\\sigma^2 = (${logvar.map((v) => fmt(v)).join(",\\ ")})$ for a two-dimensional code. Compute $\\kldiv{\\N(\\mu, \\diag(\\sigma^2))}{\\N(0, I)}$ in nats, to three decimals.`,
      solution: `Against the standard normal the closed form splits over the dimensions:
$$\\kldiv{\\N(\\mu, \\diag(\\sigma^2))}{\\N(0, I)} = \\frac12 \\sum_j \\left(\\sigma_j^2 + \\mu_j^2 - 1 - \\log\\sigma_j^2\\right), \\qquad \\sigma_j^2 = e^{\\log\\sigma_j^2}.$$
Dimension by dimension, $${rows}$; the total is $${fmt(kl.total)}$ nats.`,
      unit: "nats",
      ...roundedAnswer(kl.total, 3, [
        halfDropped(kl.total),
        {
          value: asVariance,
          slip: "That reads the log-variance as the variance: σ² is the exponential of the encoder's output.",
        },
        { value: kl.total + mu.length / 2, slip: "The −1 of each dimension is missing." },
      ]),
    };
  },
};
