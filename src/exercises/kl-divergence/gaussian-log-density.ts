/** The multivariate normal's log-density at a point, for a diagonal covariance in two dimensions. */
import { gaussianLogDensity } from "../../lib/gaussian";
import { createRandom } from "../../lib/random";
import { diagonalMatrix, fmt, integerIn, texVector } from "../answer";
import { roundedAnswer } from "../compose";
import type { ExerciseGenerator } from "../types";

export const gaussianLogDensityExercise: ExerciseGenerator = {
  id: "gaussian-log-density",
  defaultSeed: 2,
  generate(seed) {
    const random = createRandom(seed);
    const mean = [integerIn(random, -2, 2), integerIn(random, -2, 2)];
    const variances = [integerIn(random, 1, 4), integerIn(random, 1, 4)];
    let x = [integerIn(random, -3, 3), integerIn(random, -3, 3)];
    if (x[0] === mean[0] && x[1] === mean[1]) x = [(mean[0] ?? 0) + 1, mean[1] ?? 0];
    const covariance = diagonalMatrix(variances);
    const value = gaussianLogDensity(x, mean, covariance);
    const logTwoPi = Math.log(2 * Math.PI);
    const logDet = Math.log((variances[0] ?? 1) * (variances[1] ?? 1));
    const quadratic = x.reduce((sum, xi, i) => sum + (xi - (mean[i] ?? 0)) ** 2 / (variances[i] ?? 1), 0);
    const quadraticParts = x.map((xi, i) => `\\frac{(${xi - (mean[i] ?? 0)})^2}{${variances[i]}}`).join(" + ");
    return {
      question: `Let $x \\sim \\N(\\mu, \\Sigma)$ in two dimensions with $\\mu = ${texVector(mean)}$ and $\\Sigma = \\diag(${variances.join(", ")})$. Compute $\\log \\N(x; \\mu, \\Sigma)$ at $x = ${texVector(x)}$, in nats, to three decimals.`,
      solution: `With $k = 2$,
$$\\log \\N(x; \\mu, \\Sigma) = -\\tfrac12 \\left[k \\log 2\\pi + \\log \\lvert\\Sigma\\rvert + (x-\\mu)^\\top \\Sigma^{-1} (x-\\mu)\\right].$$
A diagonal $\\Sigma$ has $\\lvert\\Sigma\\rvert = ${variances.join(" \\cdot ")}$, so $\\log\\lvert\\Sigma\\rvert = ${fmt(logDet)}$, and its inverse divides each coordinate by its variance:
$$(x-\\mu)^\\top \\Sigma^{-1} (x-\\mu) = ${quadraticParts} = ${fmt(quadratic)}.$$
With $2 \\log 2\\pi = ${fmt(2 * logTwoPi)}$: $-\\tfrac12 (${fmt(2 * logTwoPi)} + ${fmt(logDet)} + ${fmt(quadratic)}) = ${fmt(value)}$.`,
      unit: "nats",
      ...roundedAnswer(value, 3, [
        {
          value: -0.5 * (2 * logTwoPi + logDet) - quadratic,
          slip: "The ½ in front of the quadratic form has been dropped: it multiplies the whole bracket.",
        },
        { value: -0.5 * (2 * logTwoPi + quadratic), slip: "The log-determinant term, log |Σ|, is missing." },
        {
          value:
            -0.5 * (2 * logTwoPi + logDet) -
            0.5 * x.reduce((sum, xi, i) => sum + (xi - (mean[i] ?? 0)) ** 2 / Math.sqrt(variances[i] ?? 1), 0),
          slip: "That divides by the standard deviations; Σ⁻¹ divides each squared distance by the variance.",
        },
        { value: -0.5 * (logDet + quadratic), slip: "The normalising term k log 2π is missing." },
      ]),
    };
  },
};
