/**
 * The β-VAE loss for one digit: reconstruction + β · ½ Σ_j (exp(v_j) + μ_j² − 1 − v_j) (Higgins et al. 2017).
 */
import { klStdNormal } from "../../lib/kl-std-normal";
import { createRandom } from "../../lib/random";
import { fmt } from "../answer";
import { oneOf, onGrid, roundedAnswer, term } from "../compose";
import type { ExerciseGenerator } from "../types";

export const betaLoss: ExerciseGenerator = {
  id: "beta-loss",
  defaultSeed: 1,
  generate(seed) {
    const random = createRandom(seed);
    const recon = onGrid(random, 80, 140, 0.1);
    const mu = [onGrid(random, -2, 2, 0.5), onGrid(random, -2, 2, 0.5)];
    const v = [onGrid(random, -3, 0, 0.5), onGrid(random, -3, 0, 0.5)];
    const beta = oneOf(random, [0.5, 2, 4, 10]);
    const { total: kl, terms: klTerms } = klStdNormal(mu, v);
    const answer = recon + beta * kl;
    const halfSum = (f: (m: number, lv: number) => number) => mu.reduce((t, m, j) => t + f(m, v[j] ?? 0), 0);
    return {
      question:
        String.raw`A VAE with two latent dimensions trains with $\beta = ${fmt(beta)}$. For one digit the drawn code costs ` +
        String.raw`$-\log p_\theta(x \given z) = ${fmt(recon)}$ nats, and the encoder output is $\mu = (${fmt(mu[0] ?? 0)}, ${fmt(mu[1] ?? 0)})$, ` +
        String.raw`$\log\sigma^2 = (${fmt(v[0] ?? 0)}, ${fmt(v[1] ?? 0)})$. What is this digit's loss $\mathcal{L}_\beta$? To 2 decimal places.`,
      solution:
        String.raw`The KL term, one $\tfrac12\big(e^{v_j} + \mu_j^2 - 1 - v_j\big)$ per dimension:` +
        String.raw`$$\begin{aligned} ${mu
          .map(
            (m, j) =>
              String.raw`&\tfrac12(e^{${fmt(v[j] ?? 0)}} + ${term(m)}^2 - 1 - ${term(v[j] ?? 0)}) \\ &\quad = ${fmt(klTerms[j] ?? 0, 4)}`,
          )
          .join(String.raw` \\ `)} \end{aligned}$$` +
        String.raw`so $\KL = ${fmt(kl, 4)}$ nats, ` +
        String.raw`and $\beta$ weighs it, not the reconstruction:` +
        String.raw`$$\begin{aligned} \mathcal{L}_\beta &= ${fmt(recon)} + ${fmt(beta)} \cdot ${fmt(kl, 4)} \\ &= ${fmt(answer, 3)}. \end{aligned}$$` +
        String.raw`The held-out figures of the widgets would still report the true ELBO, with $\beta = 1$: $-(${fmt(recon)} + ${fmt(kl, 4)})$ here.`,
      unit: "nats",
      ...roundedAnswer(answer, 2, [
        {
          value: beta * recon + kl,
          slip: String.raw`That weighs the reconstruction by $\beta$; $\beta$ multiplies the KL term.`,
        },
        {
          value: recon + kl,
          slip: String.raw`That is the loss with $\beta = 1$, the negative ELBO; this model trains with $\beta = ${fmt(beta)}$.`,
        },
        {
          value: recon + beta * halfSum((m, lv) => Math.exp(lv) + m * m - 1 - lv),
          slip: String.raw`That drops the $\tfrac12$ of the KL term.`,
        },
        {
          value: recon + beta * halfSum((m, lv) => 0.5 * (Math.exp(2 * lv) + m * m - 1 - 2 * lv)),
          slip: String.raw`That reads $\log\sigma^2$ as $\log\sigma$: the variance is $e^{v}$, not $e^{2v}$.`,
        },
        {
          value: recon - beta * kl,
          slip: String.raw`That subtracts the KL term; the loss adds it (the ELBO subtracts it).`,
        },
      ]),
    };
  },
};
