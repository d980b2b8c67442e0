import { describe, expect, it } from "vitest";
import { gaussian } from "../../../src/lib/gaussian";
import { klGaussianMonteCarlo } from "../../../src/lib/kl-gaussian";
import { klProofSteps } from "../../../src/lib/kl-proof-steps";
import { fromRowMajor } from "../../../src/lib/linalg";
import { createRandom } from "../../../src/lib/random";

const mu1 = [0.5, -1, 2];
const cov1 = fromRowMajor([2, 0.3, -0.4, 0.3, 1, 0.2, -0.4, 0.2, 1.5], 3);
const mu2 = [0, 0.5, 1];
const cov2 = fromRowMajor([1, 0.2, 0, 0.2, 0.8, -0.1, 0, -0.1, 2], 3);
const n = 100_000;

describe("klProofSteps", async () => {
  const steps = await klProofSteps(mu1, cov1, mu2, cov2, n, createRandom(4));
  const within = (estimate: { mean: number; standardError: number }, exact: number) =>
    expect(Math.abs(estimate.mean - exact)).toBeLessThan(4 * estimate.standardError);

  it("estimates the definition with the kl-gaussian widget's own draws", async () => {
    const widget = await klGaussianMonteCarlo(gaussian(mu1, cov1), gaussian(mu2, cov2), n, createRandom(4));
    expect(steps.sampled.logRatio.mean).toBe(widget.mean);
    within(steps.sampled.logRatio, steps.closedForm.value);
  });

  it("evaluates log p(x₀) term by term as the direct (LU) evaluation does", () => {
    const [a, b, c] = steps.point.logDensityTerms;
    expect(a + b + c).toBeCloseTo(steps.point.logDensityDirect, 12);
    expect(steps.point.quadratic).toBeCloseTo(steps.point.traceOfOuter, 12);
  });

  it("splits the log-ratio into the three parts of eq. (7), draw by draw", () => {
    const parts =
      steps.exact.halfLogDeterminantRatio + steps.sampled.secondQuadratic.mean - steps.sampled.firstQuadratic.mean;
    expect(parts).toBeCloseTo(steps.sampled.logRatio.mean, 10);
  });

  it("moves the expectation inside the trace: E[tr(·)] = tr(E[·])", () => {
    expect(steps.sampled.firstQuadraticTrace.mean).toBeCloseTo(steps.traceOfMeanOuter, 10);
    expect(steps.sampled.firstQuadratic.mean).toBeCloseTo(steps.sampled.firstQuadraticTrace.mean, 10);
    steps.meanOuter.forEach((row, i) =>
      row.forEach((value, j) => expect(Math.abs(value - cov1[i]![j]!)).toBeLessThan(0.05)),
    );
  });

  it("gives k/2 for the first quadratic term (not k, as the notes write)", () => {
    within(steps.sampled.firstQuadratic, 1.5);
    expect(Math.abs(steps.sampled.firstQuadratic.mean - 3)).toBeGreaterThan(
      100 * steps.sampled.firstQuadratic.standardError,
    );
  });

  it("splits the second term around μ1 with a vanishing cross term", () => {
    within(steps.sampled.secondQuadratic, steps.exact.secondQuadratic);
    within(steps.sampled.secondAroundMean, steps.exact.halfTrace);
    within(steps.sampled.crossTerm, 0);
    const recombined = steps.sampled.secondAroundMean.mean + steps.sampled.crossTerm.mean + steps.exact.halfMeanTerm;
    expect(recombined).toBeCloseTo(steps.sampled.secondQuadratic.mean, 10);
  });

  it("shows that the misplaced bracket changes the value", () => {
    expect(steps.misplacedBracket - steps.closedForm.value).toBeCloseTo(steps.exact.halfMeanTerm, 12);
    expect(steps.exact.halfMeanTerm).toBeGreaterThan(0.1);
  });
});
