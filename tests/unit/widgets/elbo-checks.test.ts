import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CHECK_STEP_NAMES, checkStep } from "../../../src/widgets/elbo/checks";
import { elboResults } from "../../../src/widgets/elbo/results";

const finite = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
const stateArb = fc.record({
  x: finite(-6, 6),
  w: finite(-3, 3),
  b: finite(-3, 3),
  s: finite(0.1, 3),
  qm: finite(-4, 4),
  qs: finite(0.1, 3),
  n: fc.constant(2000),
  seed: fc.integer({ min: 1, max: 10_000 }),
  k: fc.constant(1),
});

describe("the chapter's step checks", () => {
  it("has every step the chapter uses", () => {
    for (const step of [
      "kl-definition",
      "bayes",
      "evidence-out",
      "identity",
      "loss",
      "gaussian-decoder",
      "bernoulli",
      "kl-prior",
      "iwae",
    ]) {
      expect(CHECK_STEP_NAMES).toContain(step);
    }
    expect(checkStep("no-such-step")).toBeUndefined();
    expect(checkStep("toString")).toBeUndefined();
  });

  it("confirms every step on random examples: closed forms to rounding, Monte Carlo within 4 standard errors", () => {
    fc.assert(
      fc.property(stateArb, (state) => {
        const results = elboResults(state);
        for (const name of CHECK_STEP_NAMES) {
          const step = checkStep(name)!;
          const values = step.values(results);
          for (const row of step.rows) expect(Number.isFinite(values[row.name])).toBe(true);
          expect(step.verdict(values)).not.toMatch(/more than rounding|more than 4|NaN|undefined/);
        }
      }),
      { seed: 5, numRuns: 150 },
    );
  });

  it("shows that the notes' sign for the Gaussian exponent rewards a worse reconstruction", () => {
    const step = checkStep("gaussian-decoder")!;
    const near = step.values(elboResults({ x: 1, w: 1, b: 0, s: 1, qm: 0.9, qs: 1, n: 10, seed: 1, k: 1 }));
    const far = step.values(elboResults({ x: 1, w: 1, b: 0, s: 1, qm: -2, qs: 1, n: 10, seed: 1, k: 1 }));
    expect(far.log_density!).toBeLessThan(near.log_density!);
    expect(far.notes_version!).toBeGreaterThan(near.notes_version!);
  });
});
