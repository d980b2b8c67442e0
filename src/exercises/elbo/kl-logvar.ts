/**
 * The KL term in log-variance form, ½ Σ_j (exp(v_j) + μ_j² − 1 − v_j), for a two-dimensional code
 * (src/lib/kl-std-normal.ts).
 */
import { klStdNormal } from "../../lib/kl-std-normal";
import { createRandom } from "../../lib/random";
import { distinctMistakes, fmt, rounded } from "../answer";
import { onGrid, term } from "../compose";
import type { ExerciseGenerator } from "../types";

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

export const klLogvar: ExerciseGenerator = {
  id: "kl-logvar",
  defaultSeed: 1,
  generate(seed) {
    const random = createRandom(seed);
    const mu = [onGrid(random, -1.5, 1.5, 0.5), onGrid(random, -1.5, 1.5, 0.5)];
    const v = [onGrid(random, -2, 1, 0.5), onGrid(random, -2, 1, 0.5)];
    const { total: answer, terms } = klStdNormal(mu, v);
    const { tolerance, answerText } = rounded(answer, 3);
    const per = (f: (m: number, lv: number) => number) => sum(mu.map((m, j) => f(m, v[j] ?? 0)));
    const lines = mu.map(
      (m, j) =>
        String.raw`\tfrac12\big(e^{${fmt(v[j] ?? 0)}} + ${term(m)}^2 - 1 - ${term(v[j] ?? 0)}\big) &= ${fmt(terms[j] ?? 0, 4)}`,
    );
    return {
      question:
        String.raw`For one image the encoder outputs the means $\mu = (${fmt(mu[0] ?? 0)}, ${fmt(mu[1] ?? 0)})$ and the log-variances ` +
        String.raw`$v = \log\sigma^2 = (${fmt(v[0] ?? 0)}, ${fmt(v[1] ?? 0)})$. What is $\KL\big(q_\phi(z \given x) \,\Vert\, \N(0, I)\big)$, ` +
        `in nats, to 3 decimal places?`,
      solution:
        String.raw`With $v_j = \log\sigma_j^2$ each dimension contributes $\tfrac12\big(\exp(v_j) + \mu_j^2 - 1 - v_j\big)$:` +
        String.raw`$$\begin{aligned} ${lines.join(String.raw` \\ `)} \end{aligned}$$` +
        String.raw`and the KL term is their sum, $${fmt(terms[0] ?? 0, 4)} + ${fmt(terms[1] ?? 0, 4)} = ${fmt(answer, 4)}$.`,
      answer,
      tolerance,
      answerText,
      unit: "nats",
      mistakes: distinctMistakes(answer, tolerance, [
        {
          value: per((m, lv) => 0.5 * (Math.exp(2 * lv) + m * m - 1 - 2 * lv)),
          slip: String.raw`That reads $v$ as $\log\sigma$; it is the log-variance, so $\sigma^2 = \exp(v)$, not $\exp(2v)$.`,
        },
        {
          value: per((m, lv) => 0.5 * (Math.exp(lv) - 1 - lv) + m * m),
          slip: String.raw`That puts $\mu_j^2$ outside the $\tfrac12$, as the notes do once; the mean term is inside the bracket.`,
        },
        {
          value: per((m, lv) => 0.5 * (Math.exp(lv) + m * m - lv)),
          slip: String.raw`That drops the $-1$ of each dimension (the $-k$ of the general formula).`,
        },
        {
          value: per((m, lv) => 0.5 * (Math.exp(lv) + m * m - 1 + lv)),
          slip: String.raw`That adds $v_j$; the term is $-\log\sigma_j^2 = -v_j$.`,
        },
        {
          value: per((m, lv) => Math.exp(lv) + m * m - 1 - lv),
          slip: String.raw`That drops the $\tfrac12$ in front of the sum.`,
        },
      ]),
    };
  },
};
