/** E[X | B] for a fair die and a set of faces B. Seed 0 is the chapter's: B = odd. */
import { conditionalExpectation, FACES } from "../../lib/dice";
import { createRandom } from "../../lib/random";
import { fmt } from "../answer";
import { roundedAnswer } from "../compose";
import type { ExerciseGenerator } from "../types";

const NAMED: Record<string, string> = { "1,3,5": "an odd number", "2,4,6": "an even number" };

/** A set of two to five faces, drawn by a fair coin per face. */
function drawCondition(seed: number): number[] {
  if (seed === 0) return [1, 3, 5];
  const random = createRandom(seed);
  for (;;) {
    const faces = FACES.filter(() => random.uniform() < 0.5);
    if (faces.length >= 2 && faces.length <= 5) return faces;
  }
}

export const conditionalMean: ExerciseGenerator = {
  id: "conditional-mean",
  defaultSeed: 0,
  generate(seed) {
    const condition = drawCondition(seed);
    const fair = FACES.map(() => 1 / 6);
    const value = conditionalExpectation(fair, condition) ?? Number.NaN;
    const set = `\\{${condition.join(", ")}\\}`;
    const named = NAMED[condition.join(",")];
    const sum = condition.reduce((total, face) => total + face, 0);
    return {
      question: `A fair die shows ${named ?? `one of the faces $${set}$`}. What is the expected value of the roll? Give three decimals.`,
      solution: `In the reduced sample space $${set}$ each of the ${condition.length} faces has probability $1/${condition.length}$, so
$$\\E[X \\given X \\in ${set}] = \\tfrac{1}{${condition.length}}(${condition.join(" + ")}) = \\tfrac{${sum}}{${condition.length}} = ${fmt(value)}.$$`,
      ...roundedAnswer(value, 3, [
        { value: 3.5, slip: "That is the unconditional mean: given the condition, only its faces remain." },
        { value: sum / 6, slip: "That keeps the probabilities 1/6: rescale them by 1/P(B) so they add up to 1." },
      ]),
    };
  },
};
