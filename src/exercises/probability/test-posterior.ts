/** Bayes' theorem for a medical test: P(ill | +). Seed 0 is the chapter's test (src/data/examples.ts). */
import { bayesUpdate } from "../../lib/bayes";
import { createRandom } from "../../lib/random";
import { MEDICAL_TEST } from "../../data/examples";
import { fmt } from "../answer";
import { onGrid, roundedAnswer } from "../compose";
import type { ExerciseGenerator } from "../types";

/** The test of seed `seed`: the chapter's for seed 0, otherwise prevalence 1–20 %, sensitivity 80–99 %, false positives 1–15 %. */
export function drawTest(seed: number): { prevalence: number; sensitivity: number; falsePositive: number } {
  if (seed === 0) return MEDICAL_TEST;
  const random = createRandom(seed);
  return {
    prevalence: onGrid(random, 0.01, 0.2, 0.01),
    sensitivity: onGrid(random, 0.8, 0.99, 0.01),
    falsePositive: onGrid(random, 0.01, 0.15, 0.01),
  };
}

export const testPosterior: ExerciseGenerator = {
  id: "test-posterior",
  defaultSeed: 0,
  generate(seed) {
    const { prevalence, sensitivity, falsePositive } = drawTest(seed);
    const update = bayesUpdate([prevalence, 1 - prevalence], [sensitivity, falsePositive]);
    const value = update?.posterior[0] ?? Number.NaN;
    const evidence = update?.evidence ?? Number.NaN;
    return {
      question: `A condition affects ${fmt(100 * prevalence)} % of the people tested. The test is positive for ${fmt(100 * sensitivity)} % of those who have it, and for ${fmt(100 * falsePositive)} % of those who do not. A person tests positive. What is the probability that they have the condition? Give three decimals.`,
      solution: `The evidence is the total probability of a positive result:
$$P(+) = ${fmt(sensitivity)} \\times ${fmt(prevalence)} + ${fmt(falsePositive)} \\times ${fmt(1 - prevalence)} = ${fmt(evidence, 5)}.$$
Bayes' theorem divides the ill people's share of it by the whole:
$$P(\\text{ill} \\given +) = \\frac{${fmt(sensitivity)} \\times ${fmt(prevalence)}}{${fmt(evidence, 5)}} = ${fmt(value, 4)}.$$`,
      ...roundedAnswer(value, 3, [
        { value: sensitivity, slip: "That is P(+ | ill), the test's sensitivity: the condition the wrong way round." },
        {
          value: sensitivity / (sensitivity + falsePositive),
          slip: "That leaves out the base rate: weigh each column by how common the condition is.",
        },
        { value: sensitivity * prevalence, slip: "That is P(ill and +): divide it by the evidence P(+)." },
      ]),
    };
  },
};
