/** A loaded die: P(X = face | X ≥ m) from integer weights. Seed 0 is the chapter's die (weights 1, 1, 1, 1, 1, 5; six, given at least 4). */
import { conditionalProbability, FACES } from "../../lib/dice";
import { createRandom } from "../../lib/random";
import { normaliseWeights } from "../../lib/weights";
import { integerIn } from "../answer";
import { roundedAnswer } from "../compose";
import type { ExerciseGenerator } from "../types";

interface Numbers {
  weights: number[];
  least: number;
  face: number;
}

function draw(seed: number): Numbers {
  if (seed === 0) return { weights: [1, 1, 1, 1, 1, 5], least: 4, face: 6 };
  const random = createRandom(seed);
  const weights = FACES.map(() => integerIn(random, 1, 5));
  const least = integerIn(random, 2, 5);
  const face = integerIn(random, least, 6);
  return { weights, least, face };
}

export const loadedDieConditional: ExerciseGenerator = {
  id: "loaded-die-conditional",
  defaultSeed: 0,
  generate(seed) {
    const { weights, least, face } = draw(seed);
    const total = weights.reduce((sum, w) => sum + w, 0);
    const probabilities = normaliseWeights(weights)?.probabilities ?? [];
    const condition = FACES.filter((x) => x >= least);
    const value = conditionalProbability(probabilities, [face], condition) ?? Number.NaN;
    const faceWeight = weights[face - 1] ?? 0;
    const conditionWeight = condition.reduce((sum, x) => sum + (weights[x - 1] ?? 0), 0);
    return {
      question: `A die has weights $${weights.join(", ")}$ on faces 1 to 6. It shows at least ${least}. What is the probability that it shows ${face === 6 ? "a six" : `a ${face}`}? Give three decimals.`,
      solution: `Probabilities are weights over their total, ${total}. $P(X = ${face}) = ${faceWeight}/${total}$ and $P(X \\ge ${least}) = ${conditionWeight}/${total}$, so
$$P(X = ${face} \\given X \\ge ${least}) = \\frac{${faceWeight}/${total}}{${conditionWeight}/${total}} = \\frac{${faceWeight}}{${conditionWeight}}.$$
The total cancels.`,
      ...roundedAnswer(value, 3, [
        {
          value: faceWeight / total,
          slip: `That is P(X = ${face}), without the condition: divide by P(X ≥ ${least}), not by 1.`,
        },
        {
          value: conditionWeight / total,
          slip: `That is P(X ≥ ${least}), the probability of the condition itself.`,
        },
        { value: 1 / condition.length, slip: "That treats the faces as equally likely; the weights differ." },
      ]),
    };
  },
};
