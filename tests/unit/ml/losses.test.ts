import { beforeAll, describe, expect, it, vi } from "vitest";
import { klStdNormal } from "../../../src/lib/kl-std-normal";
import { createRandom } from "../../../src/lib/random";
import { bernoulliNll, klStdNormalRows, squaredErrorRows } from "../../../src/ml/losses";
import { tf } from "../../../src/ml/tf";
import { useWasm } from "./helpers";

// Training on a shared 2-core CI machine can be slow; these budgets bound a hang, not speed.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 60_000 });

beforeAll(useWasm);

const rows = (t: tf.Tensor): number[] => {
  const values = Array.from(t.dataSync());
  t.dispose();
  return values;
};

describe("bernoulliNll", () => {
  it("matches a hand computation", () => {
    // softplus(0) − 0 + softplus(2) − 0 + softplus(−1) + 0.5 = ln 2 + ln(1 + e²) + ln(1 + e⁻¹) + 0.5
    const expected = Math.log(2) + Math.log(1 + Math.exp(2)) + Math.log(1 + Math.exp(-1)) + 0.5;
    expect(expected).toBeCloseTo(3.633337, 5);
    const [value] = rows(bernoulliNll(tf.tensor2d([[0, 2, -1]]), tf.tensor2d([[1, 0, 0.5]])));
    expect(value).toBeCloseTo(expected, 5);
  });

  it("equals −Σ [x log p + (1 − x) log(1 − p)] with p = σ(logit)", () => {
    const random = createRandom(3);
    const logits = Array.from({ length: 40 }, () => 6 * random.normal());
    const x = Array.from({ length: 40 }, () => random.uniform());
    let expected = 0;
    logits.forEach((l, i) => {
      const p = 1 / (1 + Math.exp(-l));
      expected -= x[i]! * Math.log(p) + (1 - x[i]!) * Math.log(1 - p);
    });
    const [value] = rows(bernoulliNll(tf.tensor2d([logits]), tf.tensor2d([x])));
    expect(value).toBeCloseTo(expected, 3);
  });

  it("equals the per-pixel softplus sum on digit-sized rows, saturated logits included, within float32 rounding", () => {
    const random = createRandom(4);
    const count = 50;
    const logits = Array.from({ length: count * 784 }, (_, i) => (i % 97 === 0 ? 150 : 12) * random.normal());
    const x = Array.from({ length: count * 784 }, () => (random.uniform() < 0.2 ? 1 : 0));
    const values = rows(bernoulliNll(tf.tensor2d(logits, [count, 784]), tf.tensor2d(x, [count, 784])));
    values.forEach((value, row) => {
      let expected = 0;
      for (let i = row * 784; i < (row + 1) * 784; i++)
        expected += Math.max(logits[i]!, 0) + Math.log1p(Math.exp(-Math.abs(logits[i]!))) - x[i]! * logits[i]!;
      expect(Math.abs(value - expected)).toBeLessThan(1e-6 * expected + 1e-3);
    });
  });

  it("stays finite for saturated logits, where log σ(ℓ) would round to log 0", () => {
    const [value] = rows(bernoulliNll(tf.tensor2d([[200, -200]]), tf.tensor2d([[0, 1]])));
    expect(value).toBeCloseTo(400, 3);
  });
});

describe("klStdNormalRows", () => {
  it("matches a hand computation", () => {
    // ½(1 + 0.25 − 1 − 0) + ½(0.25 + 1 − 1 − ln 0.25) = 0.125 + 0.818147
    const [value] = rows(klStdNormalRows(tf.tensor2d([[0.5, -1]]), tf.tensor2d([[0, Math.log(0.25)]])));
    expect(value).toBeCloseTo(0.943147, 5);
  });

  it("agrees with the closed form in src/lib for each row", () => {
    const random = createRandom(11);
    const mu = Array.from({ length: 5 }, () => Array.from({ length: 7 }, () => 2 * random.normal()));
    const logvar = Array.from({ length: 5 }, () => Array.from({ length: 7 }, () => 1.5 * random.normal()));
    const values = rows(klStdNormalRows(tf.tensor2d(mu), tf.tensor2d(logvar)));
    values.forEach((value, i) => expect(value).toBeCloseTo(klStdNormal(mu[i]!, logvar[i]!).total, 3));
  });

  it("is zero exactly at the prior", () => {
    expect(rows(klStdNormalRows(tf.zeros([2, 3]), tf.zeros([2, 3])))).toEqual([0, 0]);
  });
});

describe("squaredErrorRows", () => {
  it("sums the squared differences of each row", () => {
    expect(rows(squaredErrorRows(tf.tensor2d([[1, 0, 0.5]]), tf.tensor2d([[0.5, 0.25, 0.5]])))[0]).toBeCloseTo(
      0.3125,
      6,
    );
  });
});
