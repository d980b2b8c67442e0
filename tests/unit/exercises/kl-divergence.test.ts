// The KL chapter's generators against computations of their own: the numbers are read back from the
// question the reader sees, and the answer is recomputed by direct sums, per-coordinate formulas or
// numerical integration, never by the library call the generator makes.
import { describe, expect, it } from "vitest";
import { generatorFor } from "../../../src/exercises/registry";

const SEEDS = Array.from({ length: 150 }, (_, seed) => seed);

/** The numbers of every `\begin{pmatrix}…\end{pmatrix}`, `\diag(…)` and `(…, …)` tuple, in order of appearance. */
function groups(question: string): number[][] {
  const found: { at: number; values: number[] }[] = [];
  const read = (text: string) =>
    text
      .split(/\\\\|&|,\\ |,/)
      .map((part) => Number(part.trim()))
      .filter((value, _, all) => all.length > 0 && Number.isFinite(value));
  for (const match of question.matchAll(/\\begin\{pmatrix\}(.*?)\\end\{pmatrix\}/g))
    found.push({ at: match.index, values: read(match[1] ?? "") });
  for (const match of question.matchAll(/\\diag\(([^)]*)\)/g))
    found.push({ at: match.index, values: read(match[1] ?? "") });
  for (const match of question.matchAll(/= \(([-\d.,\\ ]+)\)\$/g))
    found.push({ at: match.index, values: read(match[1] ?? "") });
  return found.sort((a, b) => a.at - b.at).map((group) => group.values);
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

/** For each seed, the generator's answer and the independent one. */
function compare(id: string, independent: (question: string) => number, digits: number): void {
  const generator = generatorFor(id);
  for (const seed of SEEDS) {
    const instance = generator.generate(seed);
    expect(instance.answer, `${id} seed ${seed}: ${instance.question}`).toBeCloseTo(
      independent(instance.question),
      digits,
    );
  }
}

describe("KL chapter generators, recomputed", () => {
  it("kl-discrete-by-hand: Σ P log(P/Q) summed directly", () => {
    compare(
      "kl-discrete-by-hand",
      (question) => {
        const [p = [], q = []] = groups(question);
        expect(p).toHaveLength(3);
        expect(sum(p)).toBeCloseTo(1, 12);
        return sum(p.map((pi, i) => pi * Math.log(pi / (q[i] ?? 0))));
      },
      10,
    );
  });

  it("kl-from-uniform: Σ ¼ log(¼ / P) summed directly", () => {
    compare(
      "kl-from-uniform",
      (question) => {
        const [p = []] = groups(question);
        expect(p).toHaveLength(4);
        return sum(p.map((pi) => 0.25 * Math.log(0.25 / pi)));
      },
      10,
    );
  });

  it("gaussian-log-density: a product of one-dimensional densities", () => {
    compare(
      "gaussian-log-density",
      (question) => {
        const [mu = [], variances = [], x = []] = groups(question);
        return sum(
          x.map((xi, i) => {
            const v = variances[i] ?? 1;
            return Math.log(Math.exp(-((xi - (mu[i] ?? 0)) ** 2) / (2 * v)) / Math.sqrt(2 * Math.PI * v));
          }),
        );
      },
      10,
    );
  });

  it("trace-trick-expectation: Σᵢⱼ Aᵢⱼ E[(x − m)ᵢ(x − m)ⱼ] = Σᵢⱼ Aᵢⱼ (Σᵢⱼ + dᵢdⱼ)", () => {
    compare(
      "trace-trick-expectation",
      (question) => {
        const [mu = [], sigma = [], a = [], m = []] = groups(question);
        const d = mu.map((value, i) => value - (m[i] ?? 0));
        let total = 0;
        for (let i = 0; i < 2; i++)
          for (let j = 0; j < 2; j++)
            total += (a[2 * i + j] ?? 0) * ((sigma[2 * i + j] ?? 0) + (d[i] ?? 0) * (d[j] ?? 0));
        return total;
      },
      10,
    );
  });

  it("second-quadratic: coordinate by coordinate, (σ₁ᵢ² + (μ₁ᵢ − μ₂ᵢ)²) / σ₂ᵢ²", () => {
    compare(
      "second-quadratic",
      (question) => {
        const [mu1 = [], v1 = [], mu2 = [], v2 = []] = groups(question);
        return sum(mu1.map((m, i) => ((v1[i] ?? 0) + (m - (mu2[i] ?? 0)) ** 2) / (v2[i] ?? 1)));
      },
      10,
    );
  });

  it("kl-gaussian-1d: ∫ p log(p/q) by the trapezoid rule", () => {
    const numbers = (question: string) =>
      Array.from(question.matchAll(/\\N\((-?[\d.]+), ([\d.]+)\^2\)/g), (match) => [Number(match[1]), Number(match[2])]);
    compare(
      "kl-gaussian-1d",
      (question) => {
        const [[m1 = 0, s1 = 1] = [], [m2 = 0, s2 = 1] = []] = numbers(question);
        const logDensity = (x: number, m: number, s: number) =>
          -0.5 * ((x - m) / s) ** 2 - Math.log(s * Math.sqrt(2 * Math.PI));
        const steps = 20_000;
        const lo = m1 - 14 * s1;
        const h = (28 * s1) / steps;
        let total = 0;
        for (let i = 0; i <= steps; i++) {
          const x = lo + i * h;
          const lp = logDensity(x, m1, s1);
          const weight = i === 0 || i === steps ? 0.5 : 1;
          total += weight * Math.exp(lp) * (lp - logDensity(x, m2, s2));
        }
        return total * h;
      },
      7,
    );
  });

  it("kl-gaussian-diagonal: a sum of one-dimensional divergences, one per coordinate", () => {
    compare(
      "kl-gaussian-diagonal",
      (question) => {
        const [mu1 = [], v1 = [], mu2 = [], v2 = []] = groups(question);
        return sum(
          mu1.map((m, i) => {
            const a = v1[i] ?? 1;
            const b = v2[i] ?? 1;
            return 0.5 * Math.log(b / a) + (a + (m - (mu2[i] ?? 0)) ** 2) / (2 * b) - 0.5;
          }),
        );
      },
      10,
    );
  });

  it("kl-std-normal-logvar: ½ Σ (exp(ℓ) + μ² − 1 − ℓ) with the log-variances ℓ as printed", () => {
    compare(
      "kl-std-normal-logvar",
      (question) => {
        const [mu = [], logvar = []] = groups(question);
        expect(mu).toHaveLength(2);
        return 0.5 * sum(mu.map((m, j) => Math.exp(logvar[j] ?? 0) + m * m - 1 - (logvar[j] ?? 0)));
      },
      10,
    );
  });

  it("names the reversed divergence, the bits and the dropped ½ where they apply", () => {
    const slips = (id: string) =>
      generatorFor(id)
        .generate(generatorFor(id).defaultSeed)
        .mistakes.map((m) => m.slip)
        .join(" ");
    expect(slips("kl-discrete-by-hand")).toMatch(/KL\(Q ‖ P\).*other way round/);
    expect(slips("kl-discrete-by-hand")).toMatch(/bits/);
    expect(slips("kl-gaussian-1d")).toMatch(/½ has been dropped/);
    expect(slips("kl-std-normal-logvar")).toMatch(/log-variance as the variance/);
  });
});
