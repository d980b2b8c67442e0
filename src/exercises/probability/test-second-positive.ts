/** Two independent positive results: yesterday's posterior is today's prior. Seed 0 is the chapter's test. */
import { bayesUpdate } from "../../lib/bayes";
import { fmt } from "../answer";
import { roundedAnswer } from "../compose";
import type { ExerciseGenerator } from "../types";
import { drawTest } from "./test-posterior";

export const testSecondPositive: ExerciseGenerator = {
  id: "test-second-positive",
  defaultSeed: 0,
  generate(seed) {
    const { prevalence, sensitivity, falsePositive } = drawTest(seed);
    const likelihood = [sensitivity, falsePositive];
    const first = bayesUpdate([prevalence, 1 - prevalence], likelihood);
    const p = first?.posterior[0] ?? Number.NaN;
    const second = bayesUpdate([p, 1 - p], likelihood);
    const value = second?.posterior[0] ?? Number.NaN;
    return {
      question: `A condition affects ${fmt(100 * prevalence)} % of the people tested. The test is positive for ${fmt(100 * sensitivity)} % of those who have it, and for ${fmt(100 * falsePositive)} % of those who do not. A person tests positive twice, the two results independent given the true state. What is now the probability that they have the condition? Give three decimals.`,
      solution: `After the first positive,
$$p = P(\\text{ill} \\given +) = \\frac{${fmt(sensitivity)} \\times ${fmt(prevalence)}}{${fmt(sensitivity)} \\times ${fmt(prevalence)} + ${fmt(falsePositive)} \\times ${fmt(1 - prevalence)}} = ${fmt(p, 5)}.$$
That is the prior for the second test:
$$P(\\text{ill} \\given +, +) = \\frac{${fmt(sensitivity)}\\, p}{${fmt(sensitivity)}\\, p + ${fmt(falsePositive)}\\,(1 - p)} = ${fmt(value, 4)}.$$
Equivalently, one update with likelihoods $${fmt(sensitivity)}^2$ and $${fmt(falsePositive)}^2$ from the original prior.`,
      ...roundedAnswer(value, 3, [
        { value: p, slip: "That is the probability after one positive test; the second updates it again." },
        { value: p * p, slip: "Posteriors do not multiply: use the first posterior as the prior of a second update." },
        {
          value: sensitivity ** 2,
          slip: "That is P(+, + | ill), the chance of two positives when ill: the condition the wrong way round.",
        },
      ]),
    };
  },
};
