import { describe, expect, it } from "vitest";
import { earlyStopping } from "../../../src/exercises/autoencoders/early-stopping";
import { maskingKept, maskingSpread } from "../../../src/exercises/autoencoders/masking";
import { parameters } from "../../../src/exercises/autoencoders/parameters";
import { squaredLength } from "../../../src/exercises/autoencoders/squared-length";
import { createRandom } from "../../../src/lib/random";
import { SEEDS, expectSlips, numberAfter, tableRows, vectorAfter } from "./read-question";

describe("autoencoder chapter generators", () => {
  it("squared length: the dot product of the difference with itself", () => {
    for (const seed of SEEDS) {
      const instance = squaredLength.generate(seed);
      const x = vectorAfter(instance.question, "x = ");
      const rebuilt = vectorAfter(instance.question, "f_\\theta(g_\\phi(x)) = ");
      const d = x.map((value, j) => value - rebuilt[j]!);
      const dot = d.reduce((sum, value) => sum + value * value, 0);
      expect(instance.answer).toBeCloseTo(dot, 12);
      const total = d.reduce((a, b) => a + b, 0);
      expectSlips(instance, [
        ["squares the sum", total * total],
        ["absolute differences", d.reduce((sum, value) => sum + Math.abs(value), 0)],
        ["the mean over the pixels", dot / 4],
        ["the length", Math.sqrt(dot)],
      ]);
    }
  });

  it("parameters: the sizes of every weight matrix and bias vector, multiplied out and added", () => {
    for (const seed of SEEDS) {
      const instance = parameters.generate(seed);
      const widths = /\$(\d+(?: \\to \d+)+)\$/.exec(instance.question)?.[1]?.split(" \\to ").map(Number);
      expect(widths).toHaveLength(5);
      const shapes = (w: number[]) => w.slice(1).flatMap((out, i) => [[w[i]!, out], [out]]);
      const count = (list: number[][]) => list.reduce((sum, shape) => sum + shape.reduce((a, b) => a * b, 1), 0);
      const all = shapes(widths!);
      expect(instance.answer).toBe(count(all));
      expect(Number(instance.answerText.replace(/,/g, ""))).toBe(instance.answer);
      expectSlips(instance, [
        ["weights only", count(all.filter((shape) => shape.length === 2))],
        ["encoder alone", count(shapes(widths!.slice(0, 3)))],
        ["hidden layers", count(shapes([widths![0]!, widths![2]!, widths![0]!]))],
      ]);
    }
  });

  it("masking, kept ink: a simulation of the corruption agrees with the expected count", () => {
    const random = createRandom(2024);
    for (const seed of SEEDS.slice(0, 30)) {
      const instance = maskingKept.generate(seed);
      const ink = numberAfter(instance.question, "A digit has ");
      const noise = numberAfter(instance.question, "\\text{noise} = ");
      const copies = 4000;
      let sum = 0;
      let squares = 0;
      for (let c = 0; c < copies; c++) {
        let kept = 0;
        for (let j = 0; j < ink; j++) if (random.uniform() >= noise) kept++;
        sum += kept;
        squares += kept * kept;
      }
      const mean = sum / copies;
      const standardError = Math.sqrt((squares / copies - mean * mean) / copies);
      expect(Math.abs(instance.answer - mean)).toBeLessThan(5 * standardError);
      expectSlips(instance, [
        ["blanked", ink * noise],
        ["counts all 784", 784 * (1 - noise)],
        ["of all 784 pixels are set", 784 * noise],
      ]);
    }
  });

  it("masking, spread: the binomial distribution's standard deviation by summing its probabilities", () => {
    for (const seed of SEEDS) {
      const instance = maskingSpread.generate(seed);
      const p = numberAfter(instance.question, "\\text{noise} = ");
      const n = 784;
      // log C(n, k) p^k (1 − p)^(n − k), summed in order so that nothing underflows to a wrong total.
      let logChoose = 0;
      const probabilities: number[] = [];
      for (let k = 0; k <= n; k++) {
        if (k > 0) logChoose += Math.log((n - k + 1) / k);
        probabilities.push(Math.exp(logChoose + k * Math.log(p) + (n - k) * Math.log(1 - p)));
      }
      const mean = probabilities.reduce((sum, pk, k) => sum + pk * k, 0);
      const variance = probabilities.reduce((sum, pk, k) => sum + pk * (k - mean) ** 2, 0);
      expect(instance.answer).toBeCloseTo(Math.sqrt(variance), 8);
      expectSlips(instance, [
        ["That is the variance", variance],
        ["leaving out the factor", Math.sqrt(n * p)],
        ["one pixel's indicator", Math.sqrt(p * (1 - p))],
      ]);
    }
  });

  it("early stopping: the step of the lowest held-out error in the printed table", () => {
    for (const seed of SEEDS) {
      const instance = earlyStopping.generate(seed);
      const rows = tableRows(instance.question);
      const sorted = [...rows].sort((a, b) => a[2]! - b[2]!);
      expect(sorted[0]![2]).toBeLessThan(sorted[1]![2]!);
      expect(instance.answer).toBe(sorted[0]![0]);
      // The training error falls throughout, so its lowest point is the last step.
      rows.slice(1).forEach((row, i) => expect(row[1]).toBeLessThanOrEqual(rows[i]![1]!));
      const best = rows.indexOf(sorted[0]!);
      expectSlips(instance, [
        ["training error is lowest", rows.at(-1)![0]!],
        ["first step at which", rows[best + 1]![0]!],
      ]);
    }
  });
});
