/**
 * The chapter's masking noise: each pixel is blanked with probability `noise`, independently, so the
 * number blanked among n pixels is Binomial(n, noise), with mean n·noise and variance n·noise·(1 − noise).
 */
import { createRandom } from "../../lib/random";
import { fmt } from "../answer";
import { onGrid, roundedAnswer } from "../compose";
import type { ExerciseGenerator } from "../types";

const PIXELS = 784;

export const maskingKept: ExerciseGenerator = {
  id: "masking-kept",
  defaultSeed: 1,
  generate(seed) {
    const random = createRandom(seed);
    const ink = Math.round(onGrid(random, 80, 200, 1));
    const noise = onGrid(random, 0.1, 0.7, 0.05);
    const answer = ink * (1 - noise);
    return {
      question:
        String.raw`A digit has ${ink} pixels with ink; the other ${PIXELS - ink} of its ${PIXELS} pixels are blank. The denoising ` +
        String.raw`autoencoder's corruption sets each pixel to 0 with probability $\text{noise} = ${fmt(noise)}$, independently. ` +
        `On average, how many ink pixels does a corrupted copy keep? To 1 decimal place.`,
      solution:
        String.raw`Each ink pixel survives with probability $1 - ${fmt(noise)} = ${fmt(1 - noise)}$, and the expected count is the sum of these ` +
        String.raw`probabilities (linearity of expectation): $${ink} \cdot ${fmt(1 - noise)} = ${fmt(answer, 2)}$. Blanking a blank pixel changes nothing, ` +
        `so the ${PIXELS - ink} blank pixels do not enter. The count varies from copy to copy around this mean.`,
      unit: "pixels",
      ...roundedAnswer(answer, 1, [
        { value: ink * noise, slip: "That is the number of ink pixels blanked; the question asks how many are kept." },
        {
          value: PIXELS * (1 - noise),
          slip: `That counts all ${PIXELS} pixels; only the ${ink} with ink can lose it.`,
        },
        { value: PIXELS * noise, slip: `That is how many of all ${PIXELS} pixels are set to 0 on average.` },
      ]),
    };
  },
};

export const maskingSpread: ExerciseGenerator = {
  id: "masking-spread",
  defaultSeed: 1,
  generate(seed) {
    const random = createRandom(seed);
    const noise = onGrid(random, 0.05, 0.8, 0.05);
    const mean = PIXELS * noise;
    const variance = mean * (1 - noise);
    const answer = Math.sqrt(variance);
    return {
      question:
        String.raw`With $\text{noise} = ${fmt(noise)}$, each of the ${PIXELS} pixels of an input is set to 0 with that probability, ` +
        String.raw`independently, so the number set to 0 varies from one corrupted copy to the next around $${PIXELS} \cdot ${fmt(noise)} = ${fmt(mean)}$. ` +
        `What is its standard deviation? To 2 decimal places.`,
      solution:
        String.raw`The count is a sum of ${PIXELS} independent indicators, each 1 with probability $p = ${fmt(noise)}$ and variance $p(1 - p)$: ` +
        String.raw`a binomial count, with variance $n p (1 - p) = ${PIXELS} \cdot ${fmt(noise)} \cdot ${fmt(1 - noise)} = ${fmt(variance, 2)}$. ` +
        String.raw`The standard deviation is its square root, $\sqrt{${fmt(variance, 2)}} = ${fmt(answer, 3)}$ pixels: ` +
        String.raw`most copies blank within about $\pm ${fmt(2 * answer, 0)}$ of ${fmt(mean)} pixels.`,
      unit: "pixels",
      ...roundedAnswer(answer, 2, [
        { value: variance, slip: "That is the variance; the standard deviation is its square root." },
        {
          value: Math.sqrt(mean),
          slip: String.raw`That is $\sqrt{np}$, leaving out the factor $1 - p$ of each pixel's variance.`,
        },
        {
          value: Math.sqrt(noise * (1 - noise)),
          slip: String.raw`That is the standard deviation of one pixel's indicator; the ${PIXELS} variances add.`,
        },
      ]),
    };
  },
};
