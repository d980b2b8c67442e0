/**
 * The chapter's final loss on its linear-Gaussian model with one draw: the encoder outputs μ and
 * v = log σ², z = μ + exp(½v)·ε, and L = −log N(x; wz + b, s²) + ½(exp(v) + μ² − 1 − v).
 */
import { logNormalDensity } from "../../lib/elbo";
import { klStdNormal } from "../../lib/kl-std-normal";
import { createRandom } from "../../lib/random";
import { fmt } from "../answer";
import { onGrid, roundedAnswer, term } from "../compose";
import type { ExerciseGenerator } from "../types";
import { drawLinearModel } from "./linear-model";

export const finalLoss: ExerciseGenerator = {
  id: "final-loss",
  defaultSeed: 1,
  generate(seed) {
    const random = createRandom(seed);
    const { w, b, s, x } = drawLinearModel(random);
    const mu = onGrid(random, -1, 1, 0.2);
    let v = onGrid(random, -2, 0.5, 0.5);
    if (v === 0) v = -1;
    let epsilon = onGrid(random, -1.5, 1.5, 0.1);
    if (Math.abs(epsilon) < 0.3) epsilon = 0.8;
    const sigma = Math.exp(0.5 * v);
    const z = mu + sigma * epsilon;
    const recon = -logNormalDensity(x, w * z + b, s);
    const kl = klStdNormal([mu], [v]).total;
    const answer = recon + kl;
    const halfLog = 0.5 * Math.log(2 * Math.PI * s * s);
    const residual = x - w * z - b;
    // The same loss with σ² = exp(v) used where the draw needs σ.
    const zVariance = mu + Math.exp(v) * epsilon;
    return {
      question:
        String.raw`The chapter's model has $x \given z \sim \N(wz + b,\, s^2)$ with $w = ${fmt(w)}$, $b = ${fmt(b)}$, $s = ${fmt(s)}$, ` +
        String.raw`and the observation is $x = ${fmt(x)}$. The encoder outputs $\mu = ${fmt(mu)}$ and $v = \log\sigma^2 = ${fmt(v)}$, ` +
        String.raw`and training draws $\varepsilon = ${fmt(epsilon)}$. What is the one-draw estimate of the loss $\mathcal{L}(\theta, \phi)$, in nats, to 3 decimal places?`,
      solution:
        String.raw`The draw: $\sigma = \exp(\tfrac12 v) = ${fmt(sigma)}$ and $z = \mu + \sigma\varepsilon = ${fmt(mu)} + ${fmt(sigma)} \cdot ${term(epsilon)} = ${fmt(z)}$. ` +
        String.raw`The reconstruction term is $-\log \N(x;\, wz + b,\, s^2) = \tfrac12\log(2\pi s^2) + \frac{(x - wz - b)^2}{2s^2}$ with $x - wz - b = ${fmt(residual)}$:` +
        String.raw`$$${fmt(halfLog)} + \frac{${term(residual)}^2}{2 \cdot ${fmt(s * s)}} = ${fmt(recon)}.$$` +
        String.raw`The KL term in log-variance form is $\tfrac12\big(e^{${fmt(v)}} + ${term(mu)}^2 - 1 - ${term(v)}\big) = ${fmt(kl)}$. ` +
        String.raw`The loss adds them: $${fmt(recon)} + ${fmt(kl)} = ${fmt(answer)}$ nats, an estimate of $-\ELBO$ from one draw.`,
      unit: "nats",
      ...roundedAnswer(answer, 3, [
        {
          value: recon - kl,
          slip: String.raw`That subtracts the KL term: the ELBO subtracts it, and the loss is the negative ELBO, so the loss adds it.`,
        },
        {
          value: -logNormalDensity(x, w * zVariance + b, s) + kl,
          slip: String.raw`That draws $z$ with the variance $\exp(v)$ in place of the standard deviation $\exp(\tfrac12 v)$.`,
        },
        {
          value: recon + 2 * kl,
          slip: String.raw`That drops the $\tfrac12$ of the KL term.`,
        },
        {
          value: (residual * residual) / (2 * s * s) + kl,
          slip: String.raw`That leaves out $\tfrac12\log(2\pi s^2)$, the Gaussian's normalising term; it is a constant, but it belongs to the loss's value.`,
        },
        {
          value: -logNormalDensity(x, w * mu + b, s) + kl,
          slip: String.raw`That decodes the mean $\mu$; the loss decodes the drawn $z = \mu + \sigma\varepsilon$.`,
        },
      ]),
    };
  },
};
