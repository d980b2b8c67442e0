/**
 * IWAE₂ on two codes: two independent draws from q make four equally likely pairs, and the bound
 * averages log of the pair's mean weight over them (Burda et al. 2016, §3).
 */
import { logMeanExp } from "../../lib/iwae";
import { fmt } from "../answer";
import { roundedAnswer } from "../compose";
import type { ExerciseGenerator } from "../types";
import { drawTwoCodes, twoCodesSetting } from "./two-codes";

export const iwaeTwo: ExerciseGenerator = {
  id: "iwae-two",
  defaultSeed: 3,
  generate(seed) {
    const codes = drawTwoCodes(seed);
    const { r1, r2 } = codes;
    const [l1, l2] = [Math.log(r1), Math.log(r2)];
    const mixed = logMeanExp([l1, l2]);
    // The pairs (1,1), (1,2), (2,1), (2,2), each with probability ¼.
    const answer = (logMeanExp([l1, l1]) + 2 * mixed + logMeanExp([l2, l2])) / 4;
    const elbo = (l1 + l2) / 2;
    return {
      question:
        twoCodesSetting(codes) +
        String.raw` Draw two codes $z_1, z_2$ independently from $q$. What is the importance-weighted bound $\IWAE_2$, in nats, to 3 decimal places?`,
      solution:
        String.raw`The pair $(z_1, z_2)$ is one of four, each with probability $\tfrac14$: both at the first code (mean weight $r_1$), ` +
        String.raw`both at the second ($r_2$), or one of each, twice (mean weight $\tfrac12(r_1 + r_2)$). So` +
        String.raw`$$\begin{aligned} \IWAE_2 &= \tfrac14\Big[\log r_1 + \log r_2 \\ &\qquad + 2\log\tfrac{r_1 + r_2}{2}\Big] \\ &= \tfrac14\big[${fmt(l1, 4)} ${fmt(l2, 4)} \\ &\qquad + 2 \cdot (${fmt(mixed, 4)})\big] \\ &= ${fmt(answer, 4)}. \end{aligned}$$` +
        String.raw`It lies between the ELBO, $\tfrac12(\log r_1 + \log r_2) = ${fmt(elbo, 4)}$, and $\log p(x) = \log\tfrac{r_1 + r_2}{2} = ${fmt(mixed, 4)}$: exactly halfway here, since half the pairs see both weights.`,
      unit: "nats",
      ...roundedAnswer(answer, 3, [
        {
          value: elbo,
          slip: String.raw`That is the ELBO, $\IWAE_1$: with two draws the bound averages the two weights before taking the logarithm.`,
        },
        {
          value: mixed,
          slip: String.raw`That is $\log p(x)$, the logarithm of the exact average; $\IWAE_2$ averages the logarithm over the random pairs, so it stays below.`,
        },
        {
          value: (l1 + l2 + mixed) / 3,
          slip: String.raw`That weighs the three kinds of pair equally; "one of each" happens in two of the four equally likely ordered pairs.`,
        },
      ]),
    };
  },
};
