/** Rolls of a fair die needed for the standard error of their mean, σ/√n, to reach a target. Seed 0 is the chapter's target, 0.01. */
import { FACES } from "../../lib/dice";
import { variance } from "../../lib/expectation";
import { createRandom } from "../../lib/random";
import { fmt } from "../answer";
import { roundedAnswer } from "../compose";
import type { ExerciseGenerator } from "../types";

const TARGETS = [0.1, 0.05, 0.04, 0.03, 0.02, 0.01, 0.005];

export const rollsNeeded: ExerciseGenerator = {
  id: "rolls-needed",
  defaultSeed: 0,
  generate(seed) {
    const target = seed === 0 ? 0.01 : (TARGETS[Math.floor(createRandom(seed).uniform() * TARGETS.length)] ?? 0.01);
    const sigma2 = variance(
      FACES.map(() => 1 / 6),
      [...FACES],
    );
    const exact = sigma2 / target ** 2;
    // Rounded up, with a hair for floating error at exact ratios: n must reach the target, not miss it by 1e-12.
    const rolls = Math.ceil(exact - 1e-9);
    return {
      question: `How many rolls of a fair die do you need before the standard error of their mean is at most ${fmt(target)}? Use $\\sigma^2 = 35/12$.`,
      solution: `Solve $\\sigma/\\sqrt{n} \\le ${fmt(target)}$ for $n$: $n \\ge \\sigma^2 / ${fmt(target)}^2 = (35/12) \\times ${fmt(1 / target ** 2)} = ${fmt(exact, 2)}$, and $n$ is a whole number of rolls, so round up.`,
      unit: "rolls",
      ...roundedAnswer(rolls, 0, [
        {
          value: Math.floor(exact - 1e-9),
          slip: "That rounds down: with one roll fewer the error is still above the target.",
        },
        {
          value: Math.ceil(Math.sqrt(sigma2) / target - 1e-9),
          slip: "The square is missing: σ/√n ≤ t gives n ≥ σ²/t², not σ/t.",
        },
        { value: Math.ceil(sigma2 / target - 1e-9), slip: "The target must be squared as well: n ≥ σ²/t²." },
      ]),
    };
  },
};
