/** KL divergence of two distributions over three outcomes, by hand, in nats. */
import { klDiscrete } from "../../lib/kl-discrete";
import { createRandom, type Random } from "../../lib/random";
import { fmt, integerIn, klReversed, log2Instead } from "../answer";
import { roundedAnswer } from "../compose";
import type { ExerciseGenerator } from "../types";

/** Three probabilities in tenths, each at least 0.1. */
function tenths(random: Random): number[] {
  const first = integerIn(random, 1, 8);
  const second = integerIn(random, 1, 9 - first);
  return [first, second, 10 - first - second].map((count) => count / 10);
}

export const klDiscreteByHand: ExerciseGenerator = {
  id: "kl-discrete-by-hand",
  defaultSeed: 3,
  generate(seed) {
    const random = createRandom(seed);
    const p = tenths(random);
    let q = tenths(random);
    while (q.every((value, i) => value === p[i])) q = tenths(random);
    const kl = klDiscrete(p, q).value;
    const list = (values: number[]): string => `(${values.map((value) => fmt(value)).join(",\\ ")})`;
    const terms = p.map((pi, i) => `${fmt(pi)}\\log\\frac{${fmt(pi)}}{${fmt(q[i] ?? 0)}}`).join(" + ");
    const values = klDiscrete(p, q)
      .terms.map((term, i) =>
        i === 0 ? fmt(term.contribution) : `${term.contribution < 0 ? "-" : "+"} ${fmt(Math.abs(term.contribution))}`,
      )
      .join(" ");
    return {
      question: `Two distributions over three outcomes are $P = ${list(p)}$ and $Q = ${list(q)}$. Compute $\\kldiv{P}{Q}$ in nats, to three decimals.`,
      solution: `Sum over the outcomes, each weighted by $P$:
$$\\kldiv{P}{Q} = \\sum_x P(x)\\log\\frac{P(x)}{Q(x)} = ${terms}$$
The terms are $${values}$, so $\\kldiv{P}{Q} \\approx ${fmt(kl, 4)}$ nats. A term may be negative; the sum never is.`,
      unit: "nats",
      ...roundedAnswer(kl, 3, [
        klReversed(klDiscrete(q, p).value),
        log2Instead(kl),
        {
          value: p.reduce((sum, pi, i) => sum + Math.log(pi / (q[i] ?? 1)), 0),
          slip: "That sums the log-ratios without weighting each by P(x).",
        },
      ]),
    };
  },
};
