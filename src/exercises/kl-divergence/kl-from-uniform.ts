/** The notes' direction: the divergence of P from a uniform Q, D_KL(Q ‖ P), over four outcomes. */
import { klDiscrete } from "../../lib/kl-discrete";
import { createRandom } from "../../lib/random";
import { fmt, integerIn, klReversed, log2Instead, signed } from "../answer";
import { roundedAnswer } from "../compose";
import type { ExerciseGenerator } from "../types";

/** Four probabilities in twentieths, each at least 0.05. */
function twentieths(seed: number): number[] {
  const random = createRandom(seed);
  const a = integerIn(random, 1, 12);
  const b = integerIn(random, 1, 17 - a);
  const c = integerIn(random, 1, 18 - a - b);
  return [a, b, c, 20 - a - b - c].map((count) => count / 20);
}

export const klFromUniform: ExerciseGenerator = {
  id: "kl-from-uniform",
  defaultSeed: 5,
  generate(seed) {
    let p = twentieths(seed);
    // A P equal to Q would make every answer 0; take the next stream instead.
    if (p.every((value) => value === 0.25)) p = twentieths(seed + 0x9e37);
    const q = [0.25, 0.25, 0.25, 0.25];
    const result = klDiscrete(q, p);
    const answer = result.value;
    const terms = p.map((pi) => `\\tfrac14 \\ln \\frac{0.25}{${fmt(pi)}}`).join(" + ");
    const values = result.terms
      .map((term, i) => (i === 0 ? fmt(term.contribution) : signed(term.contribution)))
      .join(" ");
    return {
      question: `Four outcomes have probabilities $P = (${p.map((pi) => fmt(pi)).join(",\\ ")})$, and $Q$ is uniform over them. As the notes do, compute the divergence of $P$ from $Q$, that is $\\kldiv{Q}{P}$, in nats, to three decimals.`,
      solution: `The weights are now $Q$'s, each $\\tfrac14$, and $P$ sits in the denominators:
$$\\kldiv{Q}{P} = \\sum_x Q(x) \\ln \\frac{Q(x)}{P(x)} = ${terms}.$$
The terms are $${values}$, which add to $${fmt(result.value, 4)}$ nats.`,
      unit: "nats",
      ...roundedAnswer(answer, 3, [klReversed(klDiscrete(p, q).value, "KL(P ‖ Q)"), log2Instead(result.value)]),
    };
  },
};
