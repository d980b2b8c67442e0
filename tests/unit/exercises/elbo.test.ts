import { describe, expect, it } from "vitest";
import { bernoulliPixels } from "../../../src/exercises/elbo/bernoulli-pixels";
import { evidence } from "../../../src/exercises/elbo/evidence";
import { gap } from "../../../src/exercises/elbo/gap";
import { iwaeTwo } from "../../../src/exercises/elbo/iwae-two";
import { jensen } from "../../../src/exercises/elbo/jensen";
import { finalLoss } from "../../../src/exercises/elbo/final-loss";
import { reconstruction } from "../../../src/exercises/elbo/reconstruction";
import { reparamGradient } from "../../../src/exercises/elbo/reparam-gradient";
import { SEEDS, expectSlips, numberAfter, vectorAfter } from "./read-question";

const normalDensity = (value: number, mean: number, sd: number) =>
  Math.exp(-0.5 * ((value - mean) / sd) ** 2) / (sd * Math.sqrt(2 * Math.PI));
const logNormal = (value: number, mean: number, sd: number) =>
  -0.5 * ((value - mean) / sd) ** 2 - Math.log(sd) - 0.5 * Math.log(2 * Math.PI);

/** ∫ f(z) dz over [lo, hi] by Simpson's rule with n (even) intervals. */
function simpson(f: (z: number) => number, lo: number, hi: number, n = 4000): number {
  const h = (hi - lo) / n;
  let sum = f(lo) + f(hi);
  for (let i = 1; i < n; i++) sum += (i % 2 === 1 ? 4 : 2) * f(lo + i * h);
  return (sum * h) / 3;
}

/** The model's numbers as the question prints them. */
function model(question: string) {
  return {
    w: numberAfter(question, "w = "),
    b: numberAfter(question, "b = "),
    s: numberAfter(question, "s = "),
    x: numberAfter(question, "x = "),
  };
}

/** q's mean and standard deviation from "\N(qm,\, qs^2)". */
function approximation(question: string) {
  const match = /\\N\((-?[\d.]+),\\, (-?[\d.]+)\^2\)/.exec(question);
  return { qm: Number(match?.[1]), qs: Number(match?.[2]) };
}

describe("ELBO chapter generators", () => {
  it("log evidence: the closed form equals ∫ p(x | z) p(z) dz by quadrature", () => {
    for (const seed of SEEDS) {
      const instance = evidence.generate(seed);
      const { w, b, s, x } = model(instance.question);
      const integral = simpson((z) => normalDensity(x, w * z + b, s) * normalDensity(z, 0, 1), -12, 12);
      expect(instance.answer).toBeCloseTo(Math.log(integral), 8);
      const v = w * w + s * s;
      expectSlips(instance, [
        ["since $z$ varies too", logNormal(x, b, s)],
        ["adds the standard deviations", logNormal(x, b, w + s)],
        ["only the exponent", -((x - b) ** 2) / (2 * v)],
        ["bits", Math.log(Math.sqrt(1 / (2 * Math.PI * v)) * Math.exp(-((x - b) ** 2) / (2 * v))) / Math.LN2],
      ]);
    }
  });

  it("reconstruction: E_q[log p(x | z)] by quadrature over q", () => {
    for (const seed of SEEDS) {
      const instance = reconstruction.generate(seed);
      const { w, b, s, x } = model(instance.question);
      const { qm, qs } = approximation(instance.question);
      const integral = simpson(
        (z) => normalDensity(z, qm, qs) * logNormal(x, w * z + b, s),
        qm - 12 * qs,
        qm + 12 * qs,
      );
      expect(instance.answer).toBeCloseTo(integral, 8);
      expectSlips(instance, [
        ["at $z = q_m$ only", logNormal(x, w * qm + b, s)],
        ["uses $w^2 q_s$", -0.5 * Math.log(2 * Math.PI * s * s) - ((x - w * qm - b) ** 2 + w * w * qs) / (2 * s * s)],
        [
          "drops the $\\tfrac12$",
          -0.5 * Math.log(2 * Math.PI * s * s) - ((x - w * qm - b) ** 2 + w * w * qs * qs) / (s * s),
        ],
      ]);
    }
  });

  it("gap: the answer from the printed readings is KL(q ‖ p(z | x)) by quadrature, to their rounding", () => {
    for (const seed of SEEDS) {
      const instance = gap.generate(seed);
      const { w, b, s, x } = model(instance.question);
      const { qm, qs } = approximation(instance.question);
      const logPx = numberAfter(instance.question, "\\log p(x) = ");
      const recon = numberAfter(instance.question, "\\E_q[\\log p(x \\given z)] = ");
      const klPrior = numberAfter(instance.question, "\\KL(q \\,\\Vert\\, p(z)) = ");
      expect(instance.answer).toBeCloseTo(logPx - recon + klPrior, 12);
      // The posterior normalised numerically, and the KL of q from it, with no closed form.
      const joint = (z: number) => normalDensity(x, w * z + b, s) * normalDensity(z, 0, 1);
      const evidence = simpson(joint, -15, 15, 8000);
      const kl = simpson(
        (z) =>
          normalDensity(z, qm, qs) *
          (logNormal(z, qm, qs) - logNormal(x, w * z + b, s) - logNormal(z, 0, 1) + Math.log(evidence)),
        qm - 12 * qs,
        qm + 12 * qs,
      );
      expect(Math.abs(instance.answer - kl)).toBeLessThan(1.5e-3 + 1e-7);
      expect(instance.answer).toBeGreaterThan(-1.5e-3);
      expectSlips(instance, [
        ["adds the KL term", logPx - recon - klPrior],
        ["sign swapped", recon - klPrior - logPx],
        ["leaves out", logPx - recon],
      ]);
    }
  });

  it("Jensen gap: log p(x) − ELBO equals KL(q ‖ p(z | x)) summed over the two codes", () => {
    for (const seed of SEEDS) {
      const instance = jensen.generate(seed);
      const r = [numberAfter(instance.question, "r_1 = "), numberAfter(instance.question, "r_2 = ")];
      const px = 0.5 * (r[0]! + r[1]!);
      const posterior = r.map((ri) => (0.5 * ri) / px);
      const kl = posterior.reduce((sum, post) => sum + 0.5 * Math.log(0.5 / post), 0);
      expect(instance.answer).toBeCloseTo(kl, 12);
      expect(instance.answer).toBeGreaterThan(0);
      expectSlips(instance, [
        ["bits", kl / Math.LN2],
        ["positive", -kl],
        ["difference of weights", Math.log(Math.abs(r[0]! - r[1]!) / 2)],
      ]);
    }
  });

  it("IWAE₂: the average over all ordered pairs of codes, between the ELBO and log p(x)", () => {
    for (const seed of SEEDS) {
      const instance = iwaeTwo.generate(seed);
      const r = [numberAfter(instance.question, "r_1 = "), numberAfter(instance.question, "r_2 = ")];
      let sum = 0;
      for (const a of r) for (const b of r) sum += 0.25 * Math.log((a + b) / 2);
      expect(instance.answer).toBeCloseTo(sum, 12);
      const elbo = 0.5 * (Math.log(r[0]!) + Math.log(r[1]!));
      const logPx = Math.log((r[0]! + r[1]!) / 2);
      expect(instance.answer).toBeGreaterThan(elbo);
      expect(instance.answer).toBeLessThan(logPx);
      expectSlips(instance, [
        ["That is the ELBO", elbo],
        ["That is $\\log p(x)$", logPx],
        ["three kinds of pair", (Math.log(r[0]!) + Math.log(r[1]!) + logPx) / 3],
      ]);
    }
  });

  it("final loss: −log p(x | z) at the drawn z from the density itself, plus the KL of N(μ, σ²) from N(0, 1) by its density form", () => {
    for (const seed of SEEDS) {
      const instance = finalLoss.generate(seed);
      const { w, b, s, x } = model(instance.question);
      const mu = numberAfter(instance.question, "\\mu = ");
      const v = numberAfter(instance.question, "v = \\log\\sigma^2 = ");
      const epsilon = numberAfter(instance.question, "\\varepsilon = ");
      const sigma = Math.sqrt(Math.exp(v));
      const z = mu + sigma * epsilon;
      const recon = -Math.log(normalDensity(x, w * z + b, s));
      const kl = Math.log(1 / sigma) + (sigma * sigma + mu * mu) / 2 - 0.5;
      expect(instance.answer).toBeCloseTo(recon + kl, 9);
      expectSlips(instance, [
        ["subtracts the KL term", recon - kl],
        ["with the variance", -Math.log(normalDensity(x, w * (mu + sigma * sigma * epsilon) + b, s)) + kl],
        ["drops the $\\tfrac12$", recon + 2 * kl],
        ["normalising term", recon - 0.5 * Math.log(2 * Math.PI * s * s) + kl],
        ["decodes the mean", -Math.log(normalDensity(x, w * mu + b, s)) + kl],
      ]);
    }
  });

  it("reparameterisation gradient: a central finite difference in v", () => {
    for (const seed of SEEDS) {
      const instance = reparamGradient.generate(seed);
      const mu = numberAfter(instance.question, "\\mu = ");
      const v = numberAfter(instance.question, "v = \\log\\sigma^2 = ");
      const epsilon = numberAfter(instance.question, "\\varepsilon = ");
      const loss = /f\(z\) = (?:z\^2|\(z ([+-]) ([\d.]+)\)\^2)/.exec(instance.question);
      const c = loss?.[1] === undefined ? 0 : (loss[1] === "+" ? -1 : 1) * Number(loss[2]);
      const f = (lv: number) => (mu + Math.exp(lv / 2) * epsilon - c) ** 2;
      const h = 1e-5;
      const numeric = (f(v + h) - f(v - h)) / (2 * h);
      expect(instance.answer).toBeCloseTo(numeric, 6);
      const sigma = Math.exp(v / 2);
      const slope = 2 * (mu + sigma * epsilon - c);
      expectSlips(instance, [
        ["leaves out $\\varepsilon$", slope * 0.5 * sigma],
        ["drops the $\\tfrac12$", slope * sigma * epsilon],
        ["That is $\\partial f / \\partial \\sigma$", slope * epsilon],
        ["That is $\\partial f / \\partial \\mu$", slope],
      ]);
    }
  });

  it("Bernoulli pixels: the log of the product of the pixels' probabilities", () => {
    for (const seed of SEEDS) {
      const instance = bernoulliPixels.generate(seed);
      const x = vectorAfter(instance.question, "x = ");
      const p = vectorAfter(instance.question, "p = ");
      const probability = x.reduce((product, xj, j) => product * (xj === 1 ? p[j]! : 1 - p[j]!), 1);
      expect(instance.answer).toBeCloseTo(Math.log(probability), 12);
      expectSlips(instance, [
        ["binary cross-entropy, the negative", -Math.log(probability)],
        ["bits", Math.log2(probability)],
        ["for every pixel", Math.log(p.reduce((product, pj) => product * pj, 1))],
        ["only the ink pixels", Math.log(x.reduce((product, xj, j) => product * (xj === 1 ? p[j]! : 1), 1))],
      ]);
    }
  });
});
