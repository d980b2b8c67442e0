// The probability chapter's generators against computations of their own, from the numbers the
// question prints: enumeration over the faces, natural frequencies, a search for the smallest n.
import { describe, expect, it } from "vitest";
import { generatorFor } from "../../../src/exercises/registry";

const SEEDS = Array.from({ length: 150 }, (_, seed) => seed);
const each = (id: string, check: (question: string, answer: number, seed: number) => void) => {
  const generator = generatorFor(id);
  for (const seed of SEEDS) {
    const instance = generator.generate(seed);
    check(instance.question, instance.answer, seed);
  }
};
const weightsIn = (question: string) =>
  (/weights \$([\d, ]+)\$/.exec(question)?.[1] ?? "").split(",").map((w) => Number(w.trim()));

describe("probability chapter generators, recomputed", () => {
  it("loaded-die-conditional: the face's weight over the weights of the faces that meet the condition", () => {
    each("loaded-die-conditional", (question, answer) => {
      const weights = weightsIn(question);
      const least = Number(/at least (\d)/.exec(question)?.[1]);
      const face = question.includes("a six") ? 6 : Number(/shows a (\d)\?/.exec(question)?.[1]);
      let top = 0;
      let bottom = 0;
      weights.forEach((w, i) => {
        if (i + 1 >= least) bottom += w;
        if (i + 1 === face) top += w;
      });
      expect(answer, question).toBeCloseTo(top / bottom, 12);
    });
    expect(generatorFor("loaded-die-conditional").generate(0).answer).toBeCloseTo(5 / 7, 15);
  });

  it("loaded-die-mean: Σ x w(x) / Σ w", () => {
    each("loaded-die-mean", (question, answer) => {
      const weights = weightsIn(question);
      expect(weights).toHaveLength(6);
      const total = weights.reduce((sum, w) => sum + w, 0);
      expect(answer, question).toBeCloseTo(weights.reduce((sum, w, i) => sum + (i + 1) * w, 0) / total, 12);
    });
    expect(generatorFor("loaded-die-mean").generate(0).answer).toBeCloseTo(4.5, 15);
  });

  it("test-posterior: natural frequencies out of a million people", () => {
    each("test-posterior", (question, answer) => {
      const [prevalence = 0, sensitivity = 0, falsePositive = 0] = Array.from(
        question.matchAll(/([\d.]+) %/g),
        (match) => Number(match[1]) / 100,
      );
      const ill = 1e6 * prevalence;
      const truePositives = ill * sensitivity;
      const falsePositives = (1e6 - ill) * falsePositive;
      expect(answer, question).toBeCloseTo(truePositives / (truePositives + falsePositives), 10);
    });
  });

  it("rolls-needed: the smallest n with σ/√n at most the target, found by counting up from the bound's neighbourhood", () => {
    each("rolls-needed", (question, answer) => {
      const target = Number(/at most ([\d.]+)\?/.exec(question)?.[1]);
      const sigma = Math.sqrt(35 / 12);
      let n = Math.max(1, Math.floor((sigma / target) ** 2) - 3);
      while (sigma / Math.sqrt(n) > target * (1 + 1e-12)) n += 1;
      expect(answer, question).toBe(n);
    });
    expect(generatorFor("rolls-needed").generate(0).answer).toBe(29167);
  });

  const rates = (question: string) =>
    Array.from(question.matchAll(/([\d.]+) %/g), (match) => Number(match[1]) / 100) as [number, number, number];

  it("test-evidence: positives counted among a million people", () => {
    each("test-evidence", (question, answer) => {
      const [prevalence, sensitivity, falsePositive] = rates(question);
      const ill = 1e6 * prevalence;
      expect(answer, question).toBeCloseTo((ill * sensitivity + (1e6 - ill) * falsePositive) / 1e6, 12);
    });
    expect(generatorFor("test-evidence").generate(0).answer).toBeCloseTo(0.0981, 15);
  });

  it("test-second-positive: one update with the squared likelihoods", () => {
    each("test-second-positive", (question, answer) => {
      const [prevalence, sensitivity, falsePositive] = rates(question);
      const ill = prevalence * sensitivity ** 2;
      expect(answer, question).toBeCloseTo(ill / (ill + (1 - prevalence) * falsePositive ** 2), 12);
    });
  });

  it("conditional-mean: the average of the faces in the condition", () => {
    each("conditional-mean", (question, answer) => {
      const faces = question.includes("an odd number")
        ? [1, 3, 5]
        : question.includes("an even number")
          ? [2, 4, 6]
          : (/\\\{([\d, ]+)\\\}/.exec(question)?.[1] ?? "").split(",").map(Number);
      expect(faces.length, question).toBeGreaterThanOrEqual(2);
      expect(answer, question).toBeCloseTo(faces.reduce((sum, face) => sum + face, 0) / faces.length, 12);
    });
    expect(generatorFor("conditional-mean").generate(0).answer).toBe(3);
  });
});
