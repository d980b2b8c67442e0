/** Step 8, the assembled closed form, for two normals with diagonal covariances in two dimensions. */
import { gaussian } from "../../lib/gaussian";
import { klGaussian } from "../../lib/kl-gaussian";
import { createRandom } from "../../lib/random";
import { diagonalMatrix, fmt, halfDropped, integerIn, klReversed, texVector } from "../answer";
import { roundedAnswer } from "../compose";
import type { ExerciseGenerator } from "../types";

export const klGaussianDiagonal: ExerciseGenerator = {
  id: "kl-gaussian-diagonal",
  defaultSeed: 11,
  generate(seed) {
    const random = createRandom(seed);
    const mu1 = [integerIn(random, -2, 2), integerIn(random, -2, 2)];
    const mu2 = [integerIn(random, -2, 2), integerIn(random, -2, 2)];
    const v1 = [integerIn(random, 1, 4), integerIn(random, 1, 4)];
    const v2 = [integerIn(random, 1, 4), integerIn(random, 1, 4)];
    if (mu1.every((m, i) => m === mu2[i]) && v1.every((v, i) => v === v2[i])) v2[0] = (v2[0] ?? 1) + 1;
    const p = gaussian(mu1, diagonalMatrix(v1));
    const q = gaussian(mu2, diagonalMatrix(v2));
    const kl = klGaussian(p, q);
    const answer = kl.value;
    return {
      question: `Let $p = \\N(\\mu_1, \\Sigma_1)$ and $q = \\N(\\mu_2, \\Sigma_2)$ with $\\mu_1 = ${texVector(mu1)}$, $\\Sigma_1 = \\diag(${v1.join(", ")})$, $\\mu_2 = ${texVector(mu2)}$, $\\Sigma_2 = \\diag(${v2.join(", ")})$. Compute $\\kldiv{p}{q}$ in nats, to three decimals.`,
      solution: `The assembled closed form, with $k = 2$:
$$\\kldiv{p}{q} = \\frac12\\left[\\log\\frac{\\lvert\\Sigma_2\\rvert}{\\lvert\\Sigma_1\\rvert} - k + \\tr(\\Sigma_2^{-1}\\Sigma_1) + (\\mu_2-\\mu_1)^\\top\\Sigma_2^{-1}(\\mu_2-\\mu_1)\\right].$$
The log-determinant ratio is $\\log\\frac{${v2.join(" \\cdot ")}}{${v1.join(" \\cdot ")}} = ${fmt(kl.logDeterminantRatio)}$; the trace is $${v1.map((v, i) => `\\tfrac{${v}}{${v2[i]}}`).join(" + ")} = ${fmt(kl.traceTerm)}$; the mean term is $${mu1.map((m, i) => `\\tfrac{(${(mu2[i] ?? 0) - m})^2}{${v2[i]}}`).join(" + ")} = ${fmt(kl.meanTerm)}$. So
$$\\kldiv{p}{q} = \\tfrac12\\left(${fmt(kl.logDeterminantRatio)} - 2 + ${fmt(kl.traceTerm)} + ${fmt(kl.meanTerm)}\\right) = ${fmt(kl.value)}.$$`,
      unit: "nats",
      ...roundedAnswer(answer, 3, [
        klReversed(klGaussian(q, p).value, "KL(q ‖ p)"),
        halfDropped(kl.value),
        { value: kl.value + 1, slip: "The −k inside the bracket is missing (with k = 2 it takes 1 off the answer)." },
        {
          value: 0.5 * (-kl.logDeterminantRatio - 2 + kl.traceTerm + kl.meanTerm),
          slip: "The log-determinant ratio is upside down: it is log(|Σ₂|/|Σ₁|), the second over the first.",
        },
      ]),
    };
  },
};
