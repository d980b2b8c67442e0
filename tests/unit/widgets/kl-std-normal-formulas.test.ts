import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { agreementText, bothFormulas } from "../../../src/widgets/kl-std-normal/formulas";

describe("the VAE formula beside the general Gaussian formula", () => {
  it("agree for any encoder output of 1 to 64 dimensions within the widget's ranges", () => {
    const pair = fc.integer({ min: 1, max: 64 }).chain((k) =>
      fc.tuple(
        fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: k, maxLength: k }),
        // A spread of log-variances beyond about 30 makes Σ1 singular to double precision (see below).
        fc.array(fc.double({ min: -12, max: 12, noNaN: true }), { minLength: k, maxLength: k }),
      ),
    );
    fc.assert(
      fc.property(pair, ([mu, logvar]) => {
        const formulas = bothFormulas(mu, logvar);
        if (!formulas.general) throw new Error(formulas.generalProblem);
        expect(agreementText(formulas)).toBe("The two formulas agree to rounding.");
        expect(formulas.general.traceTerm).toBeCloseTo(
          logvar.reduce((sum, v) => sum + Math.exp(v), 0),
          -Math.log10(1e-12 * Math.max(1, formulas.general.traceTerm)),
        );
        expect(formulas.general.logDeterminantRatio).toBeCloseTo(-logvar.reduce((sum, v) => sum + v, 0), 9);
      }),
      { seed: 11, numRuns: 200 },
    );
  });

  it("says why the general route gives no number when Σ1 is singular to double precision, and keeps the VAE value", () => {
    const formulas = bothFormulas([0, 0], [-40, 40]);
    expect(formulas.general).toBeUndefined();
    if (formulas.general === undefined) expect(formulas.generalProblem).toMatch(/Cholesky/);
    expect(formulas.vae.total).toBeCloseTo(0.5 * (Math.exp(-40) + 40 + Math.exp(40) - 40 - 2), 0);
    expect(agreementText(formulas)).toBe("");
  });

  it("splits the general formula into its terms for a worked example", () => {
    // μ = (1, 0), v = (0, log 4): tr = 1 + 4, μᵀμ = 1, log|Σ2|/|Σ1| = −log 4, k = 2 → ½(5 + 1 − 2 − log 4).
    const { vae, general } = bothFormulas([1, 0], [0, Math.log(4)]);
    if (!general) throw new Error("the general route should run here");
    expect(general.traceTerm).toBeCloseTo(5, 14);
    expect(general.meanTerm).toBe(1);
    expect(general.dimension).toBe(2);
    expect(general.value).toBeCloseTo(0.5 * (4 - Math.log(4)), 14);
    expect(vae.total).toBeCloseTo(general.value, 14);
  });
});
