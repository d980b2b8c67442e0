/**
 * Every number the probability chapter quotes, computed at build time with src/lib so that the
 * prose and the widgets can never disagree. The chapter imports this module and prints fields.
 */
import { bayesUpdate } from "../lib/bayes";
import { analyseDice, FACES } from "../lib/dice";
import { expectation, variance } from "../lib/expectation";
import { formatNumber } from "../lib/format";
import { normaliseWeights } from "../lib/weights";
import { MEDICAL_TEST } from "./examples";

function defined<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`probability-figures: ${what} is not defined`);
  return value;
}

const faces = [...FACES];
const fairWeights = [1, 1, 1, 1, 1, 1];
const fair = defined(normaliseWeights(fairWeights), "the fair die").probabilities;
/** A die loaded towards six: weight 5 on six, 1 on the rest, so P(6) = 1/2. */
const loadedWeights = [1, 1, 1, 1, 1, 5];
const loaded = defined(normaliseWeights(loadedWeights), "the loaded die").probabilities;

const q1 = defined(analyseDice(fair, [3], faces), "Q1");
const q2 = defined(analyseDice(fair, [3], [1, 3, 5]), "Q2");
const evenGivenHigh = defined(analyseDice(fair, [2, 4, 6], [4, 5, 6]), "P(even | X ≥ 4)");
const loadedSixGivenHigh = defined(analyseDice(loaded, [6], [4, 5, 6]), "loaded P(6 | X ≥ 4)");
const loadedAll = defined(analyseDice(loaded, [6], faces), "loaded E[X]");
const fairOdd = defined(analyseDice(fair, [3], [1, 3, 5]), "E[X | odd]");

/** The sum of two independent fair dice, by enumerating all 36 pairs: an independent check of linearity. */
const twoDiceValues = faces.flatMap((a) => faces.map((b) => a + b));
const twoDiceMean = expectation(
  twoDiceValues.map(() => 1 / 36),
  twoDiceValues,
);

/** The base-rate example (Gigerenzer et al., 2007): prevalence 1 %, sensitivity 90 %, false positives 9 %. */
const { prevalence, sensitivity, falsePositive } = MEDICAL_TEST;
const testPrior = [prevalence, 1 - prevalence];
const positiveLikelihood = [sensitivity, falsePositive];
const negativeLikelihood = [1 - sensitivity, 1 - falsePositive];
const positive = defined(bayesUpdate(testPrior, positiveLikelihood), "one positive test");
const negative = defined(bayesUpdate(testPrior, negativeLikelihood), "one negative test");
const secondPositive = defined(bayesUpdate(positive.posterior, positiveLikelihood), "two positive tests");
const people = 1000;

/** Rolls needed for the standard error of a fair die's mean, σ/√n, to drop below 0.01. */
const fairVariance = variance(fair, faces);
const targetStandardError = 0.01;
const rollsForTarget = Math.ceil(fairVariance / targetStandardError ** 2);

const pct = (p: number, digits = 3) => `${formatNumber(100 * p, digits)} %`;
const whole = (x: number) => Math.round(x);

export const probabilityFigures = {
  fairWeights: fairWeights.join(","),
  loadedWeights: loadedWeights.join(","),
  q1: q1.pEvent,
  q2: q2.pEvent,
  q3: q1.expectation,
  fairVariance,
  evenGivenHigh: evenGivenHigh.pEvent,
  loadedSixGivenHigh: loadedSixGivenHigh.pEvent,
  loadedSix: loadedAll.pEvent,
  loadedMean: loadedAll.expectation,
  fairOddMean: fairOdd.expectation,
  twoDiceMean,
  test: {
    prior: testPrior.join(","),
    positiveLikelihood: positiveLikelihood.join(","),
    negativeLikelihood: negativeLikelihood.join(","),
    prevalence: pct(prevalence),
    sensitivity: pct(sensitivity),
    falsePositive: pct(falsePositive),
    evidence: positive.evidence,
    joint: positive.joint,
    posterior: positive.posterior[0] ?? 0,
    posteriorText: pct(positive.posterior[0] ?? 0),
    negativePosterior: negative.posterior[0] ?? 0,
    negativePosteriorText: pct(negative.posterior[0] ?? 0),
    secondPosterior: secondPositive.posterior[0] ?? 0,
    secondPosteriorText: pct(secondPositive.posterior[0] ?? 0),
    /** Natural frequencies out of `people`. */
    people,
    peopleIll: whole(people * prevalence),
    peopleHealthy: whole(people * (1 - prevalence)),
    illPositive: whole(people * (positive.joint[0] ?? 0)),
    healthyPositive: whole(people * (positive.joint[1] ?? 0)),
    positives: whole(people * (positive.joint[0] ?? 0)) + whole(people * (positive.joint[1] ?? 0)),
  },
  rollsForTarget,
  targetStandardError,
} as const;
