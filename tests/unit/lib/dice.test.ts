import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  analyseDice,
  conditionalDistribution,
  conditionalExpectation,
  conditionalProbability,
  FACES,
  probabilityOf,
  simulateConditionalRolls,
  traceCheckpoints,
} from "../../../src/lib/dice";
import { closeTo, D, exact, weightVector } from "./reference";
import { createRandom } from "../../../src/lib/random";
import { normaliseWeights } from "../../../src/lib/weights";

const fair = Array.from({ length: 6 }, () => 1 / 6);
const all = [...FACES];
const odd = [1, 3, 5];

const dieProbabilities = fc
  .array(fc.double({ min: 0, max: 10, noNaN: true }), { minLength: 6, maxLength: 6 })
  .filter((ws) => ws.some((w) => w > 1e-6))
  .map((ws) => normaliseWeights(ws)?.probabilities ?? []);
const faceSet = fc.subarray(all);
const nonEmptyFaceSet = fc.subarray(all, { minLength: 1 });

describe("dice, exactly", () => {
  it("answers the notes: P(3) = 1/6 (Q1), P(3 | odd) = 1/3 (Q2), E[X] = 3.5 (Q3)", () => {
    expect(conditionalProbability(fair, [3], all)).toBeCloseTo(1 / 6, 15);
    expect(conditionalProbability(fair, [3], odd)).toBeCloseTo(1 / 3, 15);
    expect(conditionalExpectation(fair, all)).toBeCloseTo(3.5, 14);
    expect(conditionalExpectation(fair, odd)).toBeCloseTo(3, 14);
  });

  it("reduces the sample space: p(x | B) is zero outside B and sums to 1", () => {
    const given = conditionalDistribution(fair, odd) ?? [];
    expect(given.map((p) => Number(p.toFixed(12)))).toEqual(
      [1 / 3, 0, 1 / 3, 0, 1 / 3, 0].map((p) => Number(p.toFixed(12))),
    );
  });

  it("is undefined for a condition of probability zero", () => {
    const loaded = [0, 0, 0, 0, 0, 1];
    expect(conditionalProbability(loaded, [6], [1, 2])).toBeUndefined();
    expect(conditionalExpectation(loaded, [1, 2])).toBeUndefined();
    expect(analyseDice(loaded, [6], [1, 2])).toBeUndefined();
    expect(simulateConditionalRolls(loaded, [6], [1, 2], 10, createRandom(1))).toBeUndefined();
  });

  it("agrees with P(A ∩ B) / P(B) and with summing p(x | B) over A", () => {
    fc.assert(
      fc.property(dieProbabilities, faceSet, nonEmptyFaceSet, (p, event, condition) => {
        fc.pre(probabilityOf(p, condition) > 1e-9);
        const result = analyseDice(p, event, condition);
        const given = conditionalDistribution(p, condition) ?? [];
        const viaGiven = event.reduce((sum, face) => sum + (given[face - 1] ?? 0), 0);
        expect(result?.pEvent).toBeCloseTo(viaGiven, 12);
        expect(result?.pEvent).toBeCloseTo(conditionalProbability(p, event, condition) ?? Number.NaN, 12);
        expect(given.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
        expect(result?.pJoint).toBeLessThanOrEqual((result?.pCondition ?? 0) + 1e-15);
      }),
    );
  });

  it("obeys total probability over B and its complement: P(A) = P(A | B) P(B) + P(A | not B) P(not B)", () => {
    fc.assert(
      fc.property(dieProbabilities, faceSet, nonEmptyFaceSet, (p, event, condition) => {
        const complement = all.filter((face) => !condition.includes(face));
        const pB = probabilityOf(p, condition);
        fc.pre(pB > 1e-9 && pB < 1 - 1e-9 && complement.length > 0);
        const total =
          (conditionalProbability(p, event, condition) ?? Number.NaN) * pB +
          (conditionalProbability(p, event, complement) ?? Number.NaN) * (1 - pB);
        expect(total).toBeCloseTo(probabilityOf(p, event), 12);
      }),
    );
  });

  it("obeys the tower rule: E[X] = E[X | B] P(B) + E[X | not B] P(not B)", () => {
    fc.assert(
      fc.property(dieProbabilities, nonEmptyFaceSet, (p, condition) => {
        const complement = all.filter((face) => !condition.includes(face));
        const pB = probabilityOf(p, condition);
        fc.pre(pB > 1e-9 && pB < 1 - 1e-9 && complement.length > 0);
        const split =
          (conditionalExpectation(p, condition) ?? Number.NaN) * pB +
          (conditionalExpectation(p, complement) ?? Number.NaN) * (1 - pB);
        expect(split).toBeCloseTo(conditionalExpectation(p, all) ?? Number.NaN, 12);
      }),
    );
  });
});

describe("dice, simulated", () => {
  it("repeats exactly for the same seed and changes with the seed", () => {
    const a = simulateConditionalRolls(fair, [3], odd, 500, createRandom(9));
    const b = simulateConditionalRolls(fair, [3], odd, 500, createRandom(9));
    const c = simulateConditionalRolls(fair, [3], odd, 500, createRandom(10));
    expect(a).toEqual(b);
    expect(a?.counts).not.toEqual(c?.counts);
  });

  it("only rolls faces in the condition, n of them, and traces up to n", () => {
    const result = simulateConditionalRolls(
      [1, 2, 3, 4, 5, 6].map((w) => w / 21),
      [2, 3],
      [2, 3, 4],
      1000,
      createRandom(3),
    );
    expect(result?.counts[0]).toBe(0);
    expect(result?.counts[4]).toBe(0);
    expect(result?.counts[5]).toBe(0);
    expect(result?.counts.reduce((a, b) => a + b, 0)).toBe(1000);
    expect(result?.trace.at(-1)).toEqual({ rolls: 1000, mean: result?.mean.estimate, pEvent: result?.pEvent.estimate });
  });

  it("has standard errors σ/√n from the exact conditional variance", () => {
    const result = simulateConditionalRolls(fair, [3], all, 100, createRandom(1));
    expect(result?.mean.standardError).toBeCloseTo(Math.sqrt(35 / 12 / 100), 14);
    expect(result?.pEvent.standardError).toBeCloseTo(Math.sqrt(((1 / 6) * (5 / 6)) / 100), 14);
  });

  it("lands within 4 standard errors of the exact values, for any die, event, condition and seed", () => {
    fc.assert(
      fc.property(dieProbabilities, faceSet, nonEmptyFaceSet, fc.integer(), (p, event, condition, seed) => {
        fc.pre(probabilityOf(p, condition) > 1e-9);
        const exact = analyseDice(p, event, condition);
        const simulated = simulateConditionalRolls(p, event, condition, 4000, createRandom(seed));
        if (!exact || !simulated) throw new Error("expected a defined result");
        // Zero variance (one possible face) means the estimate is exact.
        expect(Math.abs(simulated.mean.estimate - exact.expectation)).toBeLessThanOrEqual(
          4 * simulated.mean.standardError + 1e-12,
        );
        expect(Math.abs(simulated.pEvent.estimate - exact.pEvent)).toBeLessThanOrEqual(
          4 * simulated.pEvent.standardError + 1e-12,
        );
      }),
      // A fixed seed: at 4 standard errors a random one would fail about once in 8,000 checks.
      { numRuns: 60, seed: 20261125 },
    );
  });

  it("converges: with a million rolls of the fair die the mean is 3.5 to within 4 × √(35/12)/1000", () => {
    const result = simulateConditionalRolls(fair, [6], all, 1_000_000, createRandom(2024));
    expect(Math.abs((result?.mean.estimate ?? 0) - 3.5)).toBeLessThan(4 * Math.sqrt(35 / 12 / 1e6));
  });

  it("spaces trace checkpoints from 1 to n without repeats", () => {
    const checkpoints = traceCheckpoints(1_000_000, 200);
    expect(checkpoints[0]).toBe(1);
    expect(checkpoints.at(-1)).toBe(1_000_000);
    expect(new Set(checkpoints).size).toBe(checkpoints.length);
    expect(traceCheckpoints(1, 200)).toEqual([1]);
  });
});

describe("dice against 60-digit references, from subnormal weights to the largest doubles", () => {
  const faces = fc.subarray([...FACES]);
  it("gives P(A | B), P(B) and E[X | B] to a few units in the last place", () => {
    fc.assert(
      fc.property(weightVector(6, 6), faces, faces, (weights, event, condition) => {
        const ew = weights.map(exact);
        const sum = (set: readonly number[]) => set.reduce((total, face) => total.plus(ew[face - 1]!), new D(0));
        const inCondition = sum(condition);
        fc.pre(inCondition.gt(0));
        const analysis = analyseDice(weights, event, condition);
        const pEvent = sum(event.filter((face) => condition.includes(face))).div(inCondition);
        const mean = condition
          .reduce((total, face) => total.plus(ew[face - 1]!.times(face)), new D(0))
          .div(inCondition);
        const label = `weights=${weights} A=${event} B=${condition}`;
        expect(closeTo(analysis?.pEvent ?? NaN, pEvent), label).toBe(true);
        expect(closeTo(analysis?.pCondition ?? NaN, inCondition.div(sum([...FACES]))), label).toBe(true);
        expect(closeTo(analysis?.expectation ?? NaN, mean), label).toBe(true);
        expect(closeTo(conditionalProbability(weights, event, condition) ?? NaN, pEvent), label).toBe(true);
      }),
    );
  });

  it("conditions on faces whose weights are subnormal, next to a face of weight 3", () => {
    // Normalising first would round 1e-320 / 3 onto the subnormal grid and lose P(1 | {1, 2}) = 1/3.
    const analysis = analyseDice([1e-320, 2e-320, 0, 0, 0, 3], [1], [1, 2]);
    expect(closeTo(analysis?.pEvent ?? NaN, exact(1e-320).div(exact(1e-320).plus(exact(2e-320))))).toBe(true);
    expect(analysis?.expectation).toBeCloseTo(1 + 2 / 3, 13);
  });
});
