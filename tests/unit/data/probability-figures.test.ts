import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { probabilityFigures as f } from "../../../src/data/probability-figures";
import { MEDICAL_TEST } from "../../../src/data/examples";
import { testSecondPositive } from "../../../src/exercises/probability/test-second-positive";

const chapter = readFileSync(new URL("../../../content/chapters/02-probability.mdx", import.meta.url), "utf8");

describe("the probability chapter's figures", () => {
  it("answer the notes' three questions", () => {
    expect(f.q1).toBeCloseTo(1 / 6, 15);
    expect(f.q2).toBeCloseTo(1 / 3, 15);
    expect(f.q3).toBeCloseTo(3.5, 14);
  });

  it("agree with hand computations of the other exercises", () => {
    expect(f.evenGivenHigh).toBeCloseTo(2 / 3, 15);
    expect(f.loadedSixGivenHigh).toBeCloseTo(5 / 7, 15);
    expect(f.loadedMean).toBeCloseTo(4.5, 14);
    expect(f.fairOddMean).toBeCloseTo(3, 14);
    expect(f.twoDiceMean).toBeCloseTo(7, 13);
    expect(f.rollsForTarget).toBe(29167);
    expect(f.test.evidence).toBeCloseTo(0.0981, 15);
    expect(f.test.posterior).toBeCloseTo(0.009 / 0.0981, 15);
    const p = f.test.posterior;
    expect(f.test.secondPosterior).toBeCloseTo((0.9 * p) / (0.9 * p + 0.09 * (1 - p)), 14);
    expect(f.test.positives).toBe(f.test.illPositive + f.test.healthyPositive);
  });

  it("use the same test numbers as the chapter's displayed equations and the widget's preset", () => {
    const { prevalence, sensitivity, falsePositive } = MEDICAL_TEST;
    expect(chapter).toContain(`${sensitivity} \\times ${prevalence} + ${falsePositive} \\times ${1 - prevalence}`);
    // The two-positives exercise is generated; its default numbers are the chapter's test.
    const twice = testSecondPositive.generate(testSecondPositive.defaultSeed);
    expect(twice.solution).toContain(`$${sensitivity}^2$ and $${falsePositive}^2$`);
    expect(twice.answer).toBeCloseTo(f.test.secondPosterior, 3);
  });
});
