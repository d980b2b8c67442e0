import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { klGaussianDense } from "../../../src/lib/kl-gaussian-dense";
import { klStdNormal } from "../../../src/lib/kl-std-normal";

const identity = (k: number) =>
  Array.from({ length: k }, (_, i) => Array.from({ length: k }, (_, j) => (i === j ? 1 : 0)));
const diagonal = (values: number[]) => values.map((v, i) => values.map((_, j) => (i === j ? v : 0)));

describe("klGaussianDense", () => {
  it("matches the 1-D formula log(σ2/σ1) + (σ1² + (μ1 − μ2)²)/(2σ2²) − ½", () => {
    const expected = Math.log(2 / 0.5) + (0.25 + 9) / 8 - 0.5;
    expect(klGaussianDense([1], [[0.25]], [-2], [[4]]).value).toBeCloseTo(expected, 14);
  });

  it("matches a 2-D value worked by hand", () => {
    // Σ1 = [[2,1],[1,2]], Σ2 = I, μ1 = (1, 0), μ2 = 0: ½[−log 3 − 2 + 4 + 1] = ½(3 − log 3).
    const kl = klGaussianDense(
      [1, 0],
      [
        [2, 1],
        [1, 2],
      ],
      [0, 0],
      identity(2),
    );
    expect(kl.value).toBeCloseTo(0.5 * (3 - Math.log(3)), 14);
    expect(kl.traceTerm).toBeCloseTo(4, 14);
    expect(kl.logDeterminantRatio).toBeCloseTo(-Math.log(3), 14);
  });

  it("agrees with the VAE formula for a diagonal covariance against N(0, I)", () => {
    const pair = fc
      .integer({ min: 1, max: 64 })
      .chain((k) =>
        fc.tuple(
          fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: k, maxLength: k }),
          fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: k, maxLength: k }),
        ),
      );
    fc.assert(
      fc.property(pair, ([mu, logvar]) => {
        const general = klGaussianDense(
          mu,
          diagonal(logvar.map(Math.exp)),
          new Array<number>(mu.length).fill(0),
          identity(mu.length),
        );
        const vae = klStdNormal(mu, logvar).total;
        expect(Math.abs(general.value - vae)).toBeLessThanOrEqual(
          1e-12 * Math.max(1, general.traceTerm, general.meanTerm, Math.abs(general.logDeterminantRatio)),
        );
      }),
      { seed: 11, numRuns: 200 },
    );
  });

  it("refuses a covariance that is not symmetric positive definite, by name", () => {
    expect(() => klGaussianDense([0], [[0]], [0], [[1]])).toThrow(/first covariance must be positive definite/);
    expect(() =>
      klGaussianDense(
        [0, 0],
        identity(2),
        [0, 0],
        [
          [1, 2],
          [0, 1],
        ],
      ),
    ).toThrow(/second covariance must be symmetric/);
    expect(() => klGaussianDense([0], identity(1), [0, 0], identity(2))).toThrow(/same dimension/);
  });
});
