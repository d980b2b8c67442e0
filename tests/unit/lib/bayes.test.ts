import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bayesUpdate, jointProbabilities, totalProbability } from "../../../src/lib/bayes";
import { normaliseWeights } from "../../../src/lib/weights";
import { closeTo, D, exact, fromScale, weightVector } from "./reference";

/** A prior over 2–8 hypotheses and a likelihood in [0, 1] for each, with P(E) > 0. */
const problem = fc
  .integer({ min: 2, max: 8 })
  .chain((n) =>
    fc.tuple(
      fc.array(fc.double({ min: 0, max: 10, noNaN: true }), { minLength: n, maxLength: n }),
      fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: n, maxLength: n }),
    ),
  )
  .map(([weights, likelihood]) => ({ prior: normaliseWeights(weights)?.probabilities, likelihood }))
  .filter(
    (x): x is { prior: number[]; likelihood: number[] } =>
      x.prior !== undefined && totalProbability(x.prior, x.likelihood) > 1e-9,
  );

describe("bayes", () => {
  it("gives the base-rate answer: prevalence 1 %, sensitivity 90 %, false positives 9 %", () => {
    // Gigerenzer et al. (2007): P(disease | positive) = 0.009 / (0.009 + 0.0891) ≈ 0.0917.
    const update = bayesUpdate([0.01, 0.99], [0.9, 0.09]);
    expect(update?.evidence).toBeCloseTo(0.009 + 0.0891, 15);
    expect(update?.posterior[0]).toBeCloseTo(0.009 / 0.0981, 15);
  });

  it("is undefined when the evidence is impossible under every hypothesis", () => {
    expect(bayesUpdate([0.5, 0.5], [0, 0])).toBeUndefined();
    expect(bayesUpdate([1, 0], [0, 1])).toBeUndefined();
  });

  it("refuses priors and likelihoods of different lengths", () => {
    expect(() => jointProbabilities([0.5, 0.5], [1])).toThrow();
  });

  it("gives posteriors in [0, 1] that sum to 1", () => {
    fc.assert(
      fc.property(problem, ({ prior, likelihood }) => {
        const update = bayesUpdate(prior, likelihood);
        expect(update).toBeDefined();
        const posterior = update?.posterior ?? [];
        for (const p of posterior) {
          expect(p).toBeGreaterThanOrEqual(0);
          expect(p).toBeLessThanOrEqual(1 + 1e-12);
        }
        expect(posterior.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      }),
    );
  });

  it("equals the joint over the marginal, P(H_i | E) = P(E, H_i) / P(E), with P(E, H_i) built from the joint table", () => {
    fc.assert(
      fc.property(problem, ({ prior, likelihood }) => {
        // An independent route: the full joint table over (hypothesis, E or not E), then marginalise.
        const table = prior.map((p, i) => [p * (likelihood[i] ?? 0), p * (1 - (likelihood[i] ?? 0))]);
        const marginalE = table.reduce((sum, row) => sum + (row[0] ?? 0), 0);
        const update = bayesUpdate(prior, likelihood);
        table.forEach((row, i) => {
          expect(update?.posterior[i]).toBeCloseTo((row[0] ?? 0) / marginalE, 10);
          // Each row of the table sums back to the prior: the hypotheses' marginal.
          expect((row[0] ?? 0) + (row[1] ?? 0)).toBeCloseTo(prior[i] ?? 0, 12);
        });
      }),
    );
  });

  it("has total probability equal to the sum of the joint over the partition", () => {
    fc.assert(
      fc.property(problem, ({ prior, likelihood }) => {
        const joint = jointProbabilities(prior, likelihood);
        expect(totalProbability(prior, likelihood)).toBeCloseTo(
          joint.reduce((a, b) => a + b, 0),
          14,
        );
        // P(E) is a prior-weighted average of the likelihoods, so it lies between their extremes.
        const evidence = totalProbability(prior, likelihood);
        const possible = likelihood.filter((_, i) => (prior[i] ?? 0) > 0);
        expect(evidence).toBeGreaterThanOrEqual(Math.min(...possible) - 1e-12);
        expect(evidence).toBeLessThanOrEqual(Math.max(...possible) + 1e-12);
      }),
    );
  });

  it("updates in sequence as in one step: two independent positives equal one update with squared likelihoods", () => {
    fc.assert(
      fc.property(problem, ({ prior, likelihood }) => {
        const once = bayesUpdate(prior, likelihood);
        fc.pre(once !== undefined);
        const twice = bayesUpdate(once?.posterior ?? [], likelihood);
        const squared = bayesUpdate(
          prior,
          likelihood.map((l) => l * l),
        );
        fc.pre(twice !== undefined && squared !== undefined);
        twice?.posterior.forEach((p, i) => expect(p).toBeCloseTo(squared?.posterior[i] ?? Number.NaN, 9));
      }),
    );
  });
});

describe("bayes against 60-digit references, down to subnormal priors and likelihoods", () => {
  /** The exact joints, evidence and posterior of the doubles given. */
  const reference = (prior: readonly number[], likelihood: readonly number[]) => {
    const joint = prior.map((p, i) => exact(p).times(exact(likelihood[i]!)));
    const evidence = joint.reduce((sum, value) => sum.plus(value), new D(0));
    return { joint, evidence, posterior: joint.map((value) => value.div(evidence)) };
  };

  it("keeps the posterior where every joint underflows: prior 1, 0, 1e-200 and likelihood 0, 1, 1e-200", () => {
    const update = bayesUpdate([1, 0, 1e-200], [0, 1, 1e-200]);
    expect(update?.posterior).toEqual([0, 0, 1]);
    expect(update?.evidence).toBe(0);
    expect(update?.logEvidence).toBeCloseTo(-400 * Math.LN10, 10);
  });

  it("gives each posterior and ln P(E) to a few units in the last place", () => {
    const likelihood = fc
      .tuple(fc.double({ min: 1, max: 2, maxExcluded: true, noNaN: true }), fc.integer({ min: -1074, max: -1 }))
      .map(([mantissa, exponent]) => fromScale(mantissa, exponent));
    const problem = fc.integer({ min: 2, max: 8 }).chain((n) =>
      fc.tuple(
        weightVector(n, n).map((weights) => normaliseWeights(weights)!.probabilities),
        weightVector(n, n, likelihood),
      ),
    );
    fc.assert(
      fc.property(problem, ([prior, likelihood]) => {
        const expected = reference(prior, likelihood);
        fc.pre(expected.evidence.gt(0));
        const update = bayesUpdate(prior, likelihood);
        const label = `prior=${prior} likelihood=${likelihood}`;
        expect(update, label).toBeDefined();
        update?.posterior.forEach((p, i) => expect(closeTo(p, expected.posterior[i]!), label).toBe(true));
        expect(closeTo(update?.logEvidence ?? NaN, expected.evidence.ln(), 1e-14), label).toBe(true);
        expect(closeTo(update?.evidence ?? NaN, expected.evidence), label).toBe(true);
      }),
    );
  });
});
