/** Step 7 of the proof: E_p[(x − μ₂)ᵀ Σ₂⁻¹ (x − μ₂)] = tr(Σ₂⁻¹Σ₁) + (μ₁ − μ₂)ᵀ Σ₂⁻¹ (μ₁ − μ₂), diagonal, 2-D. */
import { gaussian } from "../../lib/gaussian";
import { klGaussian } from "../../lib/kl-gaussian";
import { createRandom } from "../../lib/random";
import { diagonalMatrix, fmt, integerIn, texVector } from "../answer";
import { roundedAnswer } from "../compose";
import type { ExerciseGenerator } from "../types";

const diag = (v: readonly number[]): string => `\\diag(${v.join(", ")})`;

export const secondQuadratic: ExerciseGenerator = {
  id: "second-quadratic",
  defaultSeed: 4,
  generate(seed) {
    const random = createRandom(seed);
    const mu1 = [integerIn(random, -2, 2), integerIn(random, -2, 2)];
    let mu2 = [integerIn(random, -2, 2), integerIn(random, -2, 2)];
    if (mu2[0] === mu1[0] && mu2[1] === mu1[1]) mu2 = [(mu1[0] ?? 0) - 1, mu1[1] ?? 0];
    const v1 = [integerIn(random, 1, 4), integerIn(random, 1, 4)];
    const v2 = [integerIn(random, 1, 4), integerIn(random, 1, 4)];
    const kl = klGaussian(gaussian(mu1, diagonalMatrix(v1)), gaussian(mu2, diagonalMatrix(v2)));
    const value = kl.traceTerm + kl.meanTerm;
    const traceParts = v1.map((v, i) => `\\tfrac{${v}}{${v2[i]}}`).join(" + ");
    const meanParts = mu1.map((m, i) => `\\tfrac{(${m - (mu2[i] ?? 0)})^2}{${v2[i]}}`).join(" + ");
    const swapped = v2.reduce((sum, v, i) => sum + v / (v1[i] ?? 1), 0);
    return {
      question: `Let $x \\sim p = \\N(\\mu_1, \\Sigma_1)$ with $\\mu_1 = ${texVector(mu1)}$, $\\Sigma_1 = ${diag(v1)}$, and let $\\mu_2 = ${texVector(mu2)}$, $\\Sigma_2 = ${diag(v2)}$. Compute $\\E_p\\left[(x-\\mu_2)^\\top \\Sigma_2^{-1} (x-\\mu_2)\\right]$ to three decimals.`,
      solution: `Split around $\\mu_1$: the expectation is $\\tr(\\Sigma_2^{-1}\\Sigma_1) + (\\mu_1-\\mu_2)^\\top \\Sigma_2^{-1} (\\mu_1-\\mu_2)$. With diagonal matrices each is a sum over the coordinates:
$$\\tr(\\Sigma_2^{-1}\\Sigma_1) = ${traceParts} = ${fmt(kl.traceTerm)}, \\qquad (\\mu_1-\\mu_2)^\\top \\Sigma_2^{-1} (\\mu_1-\\mu_2) = ${meanParts} = ${fmt(kl.meanTerm)}.$$
Together: $${fmt(value)}$.`,
      ...roundedAnswer(value, 3, [
        { value: kl.traceTerm, slip: "The mean term is missing: x is drawn around μ₁, not μ₂." },
        { value: kl.meanTerm, slip: "The trace term tr(Σ₂⁻¹Σ₁) is missing: x spreads around its mean." },
        {
          value: swapped + kl.meanTerm,
          slip: "The trace is taken the wrong way round: it is tr(Σ₂⁻¹Σ₁), not tr(Σ₁⁻¹Σ₂).",
        },
        {
          value: 2 + kl.meanTerm,
          slip: "That treats the trace as k = 2, which holds only when Σ₁ = Σ₂ (that was step 6).",
        },
      ]),
    };
  },
};
