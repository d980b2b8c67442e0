/**
 * Active units (Burda et al. 2016, §5.2): a latent dimension is active when the variance of its
 * posterior mean across the data exceeds 0.01 (src/lib/active-units.ts).
 */
import { ACTIVE_UNIT_THRESHOLD } from "../../lib/active-units";
import { createRandom } from "../../lib/random";
import { oneOf, roundedAnswer } from "../compose";
import type { ExerciseGenerator } from "../types";

const DIMENSIONS = 8;
/** Variances to choose from, spread over four orders of magnitude, none at the threshold itself. */
const VARIANCES = [0.0001, 0.0004, 0.002, 0.005, 0.008, 0.03, 0.09, 0.25, 0.6, 1.1];

export const activeUnitsCount: ExerciseGenerator = {
  id: "active-units",
  defaultSeed: 1,
  generate(seed) {
    const random = createRandom(seed);
    const variances = Array.from({ length: DIMENSIONS }, () => oneOf(random, VARIANCES));
    // The standard deviations as printed, to 3 places; the answer and the solution follow from these.
    const sds = variances.map((variance) => Number(Math.sqrt(variance).toFixed(3)));
    const answer = sds.filter((sd) => sd * sd > ACTIVE_UNIT_THRESHOLD).length;
    const rows = sds.map((sd, j) => `${j + 1} & ${sd.toFixed(3)}`);
    return {
      question:
        String.raw`Over the held-out digits, the posterior mean $\mu_j(x)$ of each of the ${DIMENSIONS} latent dimensions of a VAE has this standard deviation:` +
        String.raw`$$\begin{array}{c|c} j & \text{sd of } \mu_j(x) \\ \hline ${rows.join(String.raw` \\ `)} \end{array}$$` +
        String.raw`How many active units does it have, by the rule of the chapter (variance above $0.01$)?`,
      solution:
        String.raw`The rule is on the variance, the square of the standard deviation, so a dimension is active when its standard deviation exceeds $\sqrt{0.01} = 0.1$:` +
        String.raw`$$\begin{array}{c|c|c} j & \text{variance} & \text{active} \\ \hline ${sds
          .map(
            (sd, j) =>
              `${j + 1} & ${(sd * sd).toFixed(4)} & ${sd * sd > ACTIVE_UNIT_THRESHOLD ? "\\text{yes}" : "\\text{no}"}`,
          )
          .join(String.raw` \\ `)} \end{array}$$` +
        `${answer} of the ${DIMENSIONS} dimensions are active. The others barely move with the digit: they carry almost no information about it, and their posterior has collapsed onto the prior.`,
      ...roundedAnswer(answer, 0, [
        {
          value: sds.filter((sd) => sd > ACTIVE_UNIT_THRESHOLD).length,
          slip: String.raw`That compares the standard deviations with $0.01$; the threshold is on the variance, so on the standard deviation it is $0.1$.`,
        },
        {
          value: DIMENSIONS - answer,
          slip: "That counts the inactive dimensions, those whose mean barely moves.",
        },
      ]),
    };
  },
};
