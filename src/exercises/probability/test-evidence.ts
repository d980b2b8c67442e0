/** The evidence P(+) of a medical test, by total probability. Seed 0 is the chapter's test. */
import { totalProbability } from "../../lib/bayes";
import { fmt } from "../answer";
import { roundedAnswer } from "../compose";
import type { ExerciseGenerator } from "../types";
import { drawTest } from "./test-posterior";

export const testEvidence: ExerciseGenerator = {
  id: "test-evidence",
  defaultSeed: 0,
  generate(seed) {
    const { prevalence, sensitivity, falsePositive } = drawTest(seed);
    const value = totalProbability([prevalence, 1 - prevalence], [sensitivity, falsePositive]);
    return {
      question: `A condition affects ${fmt(100 * prevalence)} % of the people tested. The test is positive for ${fmt(100 * sensitivity)} % of those who have it, and for ${fmt(100 * falsePositive)} % of those who do not. What is $P(+)$, the probability that a person tested is positive? Give four decimals.`,
      solution: `Total probability over the partition $\\{\\text{ill}, \\text{healthy}\\}$:
$$P(+) = P(+ \\given \\text{ill})P(\\text{ill}) + P(+ \\given \\text{healthy})P(\\text{healthy}) = ${fmt(sensitivity)} \\times ${fmt(prevalence)} + ${fmt(falsePositive)} \\times ${fmt(1 - prevalence)} = ${fmt(value, 5)}.$$`,
      ...roundedAnswer(value, 4, [
        {
          value: sensitivity * prevalence,
          slip: "That is P(+ and ill) alone: the healthy people who test positive count too.",
        },
        {
          value: falsePositive * (1 - prevalence),
          slip: "That is P(+ and healthy) alone: the ill people who test positive count too.",
        },
        {
          value: (sensitivity + falsePositive) / 2,
          slip: "That averages the two rates; weigh each by how common its group is.",
        },
      ]),
    };
  },
};
