/**
 * Jensen's route on two codes: log p(x) = log E_q[r] and ELBO = E_q[log r], so the gap is
 * log((r₁ + r₂)/2) − (log r₁ + log r₂)/2, the log of the arithmetic over the geometric mean.
 */
import { logMeanExp } from "../../lib/iwae";
import { fmt, log2Instead } from "../answer";
import { roundedAnswer } from "../compose";
import type { ExerciseGenerator } from "../types";
import { drawTwoCodes, twoCodesSetting } from "./two-codes";

export const jensen: ExerciseGenerator = {
  id: "jensen-gap",
  defaultSeed: 3,
  generate(seed) {
    const codes = drawTwoCodes(seed);
    const { r1, r2 } = codes;
    const logPx = logMeanExp([Math.log(r1), Math.log(r2)]);
    const elbo = (Math.log(r1) + Math.log(r2)) / 2;
    const answer = logPx - elbo;
    return {
      question:
        twoCodesSetting(codes) +
        String.raw` By how much does the ELBO fall short of $\log p(x)$? Give $\log p(x) - \ELBO$ in nats, to 3 decimal places.`,
      solution:
        String.raw`The evidence is the average weight, $p(x) = \E_q[r] = \tfrac12(r_1 + r_2)$, so $\log p(x) = ${fmt(logPx, 4)}$. ` +
        String.raw`The ELBO averages the logarithms instead: $\E_q[\log r] = \tfrac12(\log r_1 + \log r_2) = \tfrac12(${fmt(Math.log(r1), 4)} ${fmt(Math.log(r2), 4)}) = ${fmt(elbo, 4)}$. ` +
        String.raw`The gap is $\log$ of the arithmetic mean over the geometric mean of $r_1, r_2$:` +
        String.raw`$$\begin{aligned} &\log p(x) - \ELBO \\ &= ${fmt(logPx, 4)} - (${fmt(elbo, 4)}) \\ &= ${fmt(answer, 4)}. \end{aligned}$$` +
        String.raw`By the ELBO identity it is also $\KL(q \,\Vert\, p(z \given x))$, here with $p(z \given x) \propto q(z \given x)\, r$.`,
      unit: "nats",
      ...roundedAnswer(answer, 3, [
        log2Instead(answer),
        {
          value: -answer,
          slip: String.raw`That is $\ELBO - \log p(x)$; the ELBO is the lower of the two, so the gap is positive.`,
        },
        {
          value: Math.log(Math.abs(r1 - r2) / 2),
          slip: String.raw`That is the logarithm of a difference of weights; the gap is a difference of logarithms, $\log \E_q[r] - \E_q[\log r]$.`,
        },
      ]),
    };
  },
};
