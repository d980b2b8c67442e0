import { describe, expect, it } from "vitest";
import { activeUnitsCount } from "../../../src/exercises/vae/active-units";
import { bceLogits } from "../../../src/exercises/vae/bce-logits";
import { betaLoss } from "../../../src/exercises/vae/beta-loss";
import { constantDecoder } from "../../../src/exercises/vae/constant-decoder";
import { gaussianBeta } from "../../../src/exercises/vae/gaussian-beta";
import { reparamDraw } from "../../../src/exercises/vae/reparam-draw";
import { SEEDS, expectSlips, numberAfter, tableRows, vectorAfter } from "./read-question";

const sigmoid = (l: number) => 1 / (1 + Math.exp(-l));

describe("VAE chapter generators", () => {
  it("reparameterised draw: μ + √(exp v)·ε", () => {
    for (const seed of SEEDS) {
      const instance = reparamDraw.generate(seed);
      const mu = numberAfter(instance.question, "\\mu = ");
      const v = numberAfter(instance.question, "\\log\\sigma^2 = ");
      const epsilon = numberAfter(instance.question, "\\varepsilon = ");
      const sd = Math.sqrt(Math.exp(v));
      expect(instance.answer).toBeCloseTo(mu + sd * epsilon, 12);
      expectSlips(instance, [
        ["by the variance", mu + sd * sd * epsilon],
        ["log-variance itself", mu + v * epsilon],
        ["leaves out the mean", sd * epsilon],
        ["forgets to scale", mu + epsilon],
      ]);
    }
  });

  it("cross-entropy from logits: −Σ [x log y + (1 − x) log(1 − y)] with y = sigmoid(ℓ)", () => {
    for (const seed of SEEDS) {
      const instance = bceLogits.generate(seed);
      const logits = vectorAfter(instance.question, "\\ell = ");
      const x = vectorAfter(instance.question, "x = ");
      const loss = -x.reduce((sum, xj, j) => {
        const y = sigmoid(logits[j]!);
        return sum + xj * Math.log(y) + (1 - xj) * Math.log(1 - y);
      }, 0);
      expect(instance.answer).toBeCloseTo(loss, 10);
      const softplus = (l: number) => Math.log(1 + Math.exp(l));
      expectSlips(instance, [
        ["its negative", -loss],
        ["leaves out", logits.reduce((sum, l) => sum + softplus(l), 0)],
        ["swaps ink and blank", logits.reduce((sum, l, j) => sum + softplus(l) - (1 - x[j]!) * l, 0)],
        ["bits", loss / Math.LN2],
      ]);
    }
  });

  it("β-VAE loss: reconstruction plus β times the KL of each dimension from N(0, 1) by its density form", () => {
    for (const seed of SEEDS) {
      const instance = betaLoss.generate(seed);
      const beta = numberAfter(instance.question, "\\beta = ");
      const recon = numberAfter(instance.question, "-\\log p_\\theta(x \\given z) = ");
      const mu = vectorAfter(instance.question, "\\mu = ");
      const v = vectorAfter(instance.question, "\\log\\sigma^2 = ");
      // Per dimension KL(N(m, σ²) ‖ N(0, 1)) = log(1/σ) + (σ² + m²)/2 − 1/2.
      const kl = mu.reduce((sum, m, j) => {
        const sigma = Math.sqrt(Math.exp(v[j]!));
        return sum + Math.log(1 / sigma) + (sigma * sigma + m * m) / 2 - 0.5;
      }, 0);
      expect(instance.answer).toBeCloseTo(recon + beta * kl, 9);
      const logSigmaKl = mu.reduce((sum, m, j) => sum + 0.5 * (Math.exp(2 * v[j]!) + m * m - 1 - 2 * v[j]!), 0);
      expectSlips(instance, [
        ["weighs the reconstruction", beta * recon + kl],
        ["with $\\beta = 1$", recon + kl],
        ["drops the $\\tfrac12$", recon + 2 * beta * kl],
        ["as $\\log\\sigma$", recon + beta * logSigmaKl],
        ["subtracts the KL term", recon - beta * kl],
      ]);
    }
  });

  it("collapsed decoder: the Bernoulli log-likelihood summed over a 784-pixel image", () => {
    for (const seed of SEEDS) {
      const instance = constantDecoder.generate(seed);
      const c = numberAfter(instance.question, "c = ");
      const ink = numberAfter(instance.question, "digit has ");
      const image: number[] = Array.from({ length: 784 }, (_, j) => (j < ink ? 1 : 0));
      const logLikelihood = image.reduce((sum, xj) => sum + Math.log(xj === 1 ? c : 1 - c), 0);
      expect(instance.answer).toBeCloseTo(logLikelihood, 8);
      expectSlips(instance, [
        ["bits", logLikelihood / Math.LN2],
        ["swaps the two", image.reduce((sum, xj) => sum + Math.log(xj === 1 ? 1 - c : c), 0)],
        ["only the ink pixels", ink * Math.log(c)],
        ["sign flipped", -logLikelihood],
      ]);
    }
  });

  it("active units: the dimensions whose printed standard deviation exceeds 0.1", () => {
    for (const seed of SEEDS) {
      const instance = activeUnitsCount.generate(seed);
      const sds = tableRows(instance.question).map((row) => row[1]!);
      expect(sds).toHaveLength(8);
      expect(instance.answer).toBe(sds.filter((sd) => sd * sd > 0.01).length);
      expectSlips(instance, [
        ["compares the standard deviations", sds.filter((sd) => sd > 0.01).length],
        ["inactive", sds.filter((sd) => sd * sd <= 0.01).length],
      ]);
    }
  });

  it("a Gaussian decoder's β: 2s² times the Gaussian loss is the squared error plus β times the KL", () => {
    const random = Array.from({ length: 5 }, (_, i) => [3.7 * (i + 1), 0.9 * (i + 2)] as const);
    for (const seed of SEEDS) {
      const instance = gaussianBeta.generate(seed);
      const s = numberAfter(instance.question, "s = ");
      for (const [squaredError, kl] of random) {
        const gaussianLoss = squaredError / (2 * s * s) + kl;
        expect(2 * s * s * gaussianLoss).toBeCloseTo(squaredError + instance.answer * kl, 9);
      }
      expectSlips(instance, [
        ["uses $s$ for the variance", 2 * s],
        ["drops the 2", s * s],
        ["reciprocal", 1 / (2 * s * s)],
      ]);
    }
  });
});
