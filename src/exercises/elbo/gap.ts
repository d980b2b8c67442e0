/**
 * The ELBO identity log p(x) − KL(q ‖ p(z | x)) = E_q[log p(x | z)] − KL(q ‖ p(z)), read for the gap,
 * on numbers from the chapter's linear-Gaussian model (src/lib/elbo.ts) rounded as the widget prints them.
 */
import { elboTerms } from "../../lib/elbo";
import { createRandom } from "../../lib/random";
import { fmt } from "../answer";
import { onGrid, roundedAnswer } from "../compose";
import type { ExerciseGenerator } from "../types";
import { drawLinearModel } from "./linear-model";

/** The widget's readings are printed to this many places; the answer follows from them exactly. */
const PLACES = 3;

export const gap: ExerciseGenerator = {
  id: "elbo-gap",
  defaultSeed: 1,
  generate(seed) {
    const random = createRandom(seed);
    const { w, b, s, x } = drawLinearModel(random);
    const qm = onGrid(random, -1, 1, 0.2);
    // Not 1, so that q is never the prior itself and KL(q ‖ p(z)) is not 0.
    const qs = onGrid(random, 0.3, 0.9, 0.1);
    const terms = elboTerms({ w, b, s }, x, { mean: qm, sd: qs });
    const read = (value: number) => Number(value.toFixed(PLACES));
    const shown = (value: number) => value.toFixed(PLACES);
    const logPx = read(terms.logPx);
    const recon = read(terms.recon);
    const klPrior = read(terms.klPrior);
    const answer = logPx - (recon - klPrior);
    return {
      question:
        String.raw`The ELBO widget is set to $x = ${fmt(x)}$, $w = ${fmt(w)}$, $b = ${fmt(b)}$, $s = ${fmt(s)}$ and ` +
        String.raw`$q(z \given x) = \N(${fmt(qm)},\, ${fmt(qs)}^2)$. It reads $\log p(x) = ${shown(logPx)}$, ` +
        String.raw`$\E_q[\log p(x \given z)] = ${shown(recon)}$ and $\KL(q \,\Vert\, p(z)) = ${shown(klPrior)}$ nats. ` +
        String.raw`How far is $q$ from the true posterior: what is $\KL(q \,\Vert\, p(z \given x))$, in nats?`,
      solution:
        String.raw`The ELBO is $\E_q[\log p(x \given z)] - \KL(q \,\Vert\, p(z)) = ${shown(recon)} - ${shown(klPrior)} = ${shown(recon - klPrior)}$. ` +
        String.raw`By the ELBO identity, $\log p(x) - \KL(q \,\Vert\, p(z \given x)) = \ELBO$, so the gap $\KL(q \,\Vert\, p(z \given x))$ is $\log p(x) - \ELBO$:` +
        String.raw`$$${shown(logPx)} - (${shown(recon - klPrior)}) = ${shown(answer)}.$$` +
        String.raw`It is never negative, as a KL divergence must be; no integral over $z$ was needed, only the three terms the widget computes.`,
      unit: "nats",
      ...roundedAnswer(answer, PLACES, [
        {
          value: logPx - recon - klPrior,
          slip: String.raw`That adds the KL term to the reconstruction: the ELBO is $\E_q[\log p(x \given z)]$ minus $\KL(q \,\Vert\, p(z))$.`,
        },
        {
          value: recon - klPrior - logPx,
          slip: String.raw`That is $\ELBO - \log p(x)$, the gap with its sign swapped; the ELBO is below $\log p(x)$, so the gap is $\log p(x) - \ELBO \ge 0$.`,
        },
        {
          value: logPx - recon,
          slip: String.raw`That leaves out $\KL(q \,\Vert\, p(z))$: the ELBO has two terms.`,
        },
      ]),
    };
  },
};
