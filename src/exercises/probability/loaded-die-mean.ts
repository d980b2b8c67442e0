/** E[X] for a die with integer weights. Seed 0 is the chapter's die, weights 1, 1, 1, 1, 1, 5. */
import { FACES } from "../../lib/dice";
import { expectation } from "../../lib/expectation";
import { createRandom } from "../../lib/random";
import { normaliseWeights } from "../../lib/weights";
import { integerIn } from "../answer";
import { roundedAnswer } from "../compose";
import type { ExerciseGenerator } from "../types";

export const loadedDieMean: ExerciseGenerator = {
  id: "loaded-die-mean",
  defaultSeed: 0,
  generate(seed) {
    const random = createRandom(seed);
    const weights = seed === 0 ? [1, 1, 1, 1, 1, 5] : FACES.map(() => integerIn(random, 1, 5));
    const total = weights.reduce((sum, w) => sum + w, 0);
    const probabilities = normaliseWeights(weights)?.probabilities ?? [];
    const value = expectation(probabilities, [...FACES]);
    const products = FACES.map((face, i) => `${face} \\cdot ${weights[i]}`).join(" + ");
    const weighted = FACES.reduce((sum, face, i) => sum + face * (weights[i] ?? 0), 0);
    return {
      question: `What is $\\E[X]$ for the die with weights $${weights.join(", ")}$ on faces 1 to 6? Give three decimals.`,
      solution: `The probabilities are the weights over their total, ${total}, so
$$\\E[X] = \\sum_x x\\, p(x) = \\frac{${products}}{${total}} = \\frac{${weighted}}{${total}}.$$`,
      ...roundedAnswer(value, 3, [
        { value: 3.5, slip: "That is a fair die's mean: the weights make some faces likelier." },
        { value: weighted, slip: "The weights have not been divided by their total: probabilities must add up to 1." },
        { value: weighted / 6, slip: "That divides by 6, the number of faces; divide by the total weight instead." },
      ]),
    };
  },
};
