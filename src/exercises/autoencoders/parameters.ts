/**
 * Counting the weights and biases of the chapter's stacked autoencoder, D → h → k → h → D: a dense
 * layer from a to b units has a·b weights and b biases.
 */
import { createRandom } from "../../lib/random";
import { distinctMistakes } from "../answer";
import { oneOf } from "../compose";
import type { ExerciseGenerator } from "../types";

/** A count in TeX with its thousands grouped: 652{,}824. */
const grouped = (count: number): string => count.toLocaleString("en-US").replace(/,/g, "{,}");

/** The weights and biases of dense layers through the given widths. */
export function denseParameters(widths: readonly number[]): number {
  let total = 0;
  for (let i = 1; i < widths.length; i++) total += (widths[i - 1] ?? 0) * (widths[i] ?? 0) + (widths[i] ?? 0);
  return total;
}

export const parameters: ExerciseGenerator = {
  // Seed 40 draws the widget's own shape, 784 → 256 → 32 → 256 → 784.
  id: "ae-parameters",
  defaultSeed: 40,
  generate(seed) {
    const random = createRandom(seed);
    const side = oneOf(random, [28, 28, 32]);
    const pixels = side * side;
    const hidden = oneOf(random, [128, 256, 400, 512]);
    const code = oneOf(random, [2, 8, 16, 32, 64]);
    const widths = [pixels, hidden, code, hidden, pixels];
    const answer = denseParameters(widths);
    const tolerance = 0.5;
    const weights = widths.slice(1).reduce((total, width, i) => total + (widths[i] ?? 0) * width, 0);
    const layers = widths.slice(1).map((width, i) => String.raw`${widths[i] ?? 0} \cdot ${width} + ${width}`);
    return {
      question:
        String.raw`An autoencoder for ${side} × ${side}-pixel images has the chapter's shape: ` +
        String.raw`$${pixels} \to ${hidden} \to ${code} \to ${hidden} \to ${pixels}$, every layer dense with a bias per unit. ` +
        `How many numbers (weights and biases) does training adjust?`,
      solution:
        String.raw`A dense layer from $a$ units to $b$ units has $a b$ weights and $b$ biases. The four layers give` +
        String.raw`$$\begin{aligned} &${layers.join(String.raw` \\ +\ &`)} \\ ={}& ${grouped(answer)}. \end{aligned}$$` +
        String.raw`Almost all of them are in the two layers next to the pixels; the code layer is cheap.`,
      answer,
      tolerance,
      answerText: answer.toLocaleString("en-US"),
      mistakes: distinctMistakes(answer, tolerance, [
        { value: weights, slip: "That counts the weights only; every unit also has a bias." },
        {
          value: denseParameters([pixels, hidden, code]),
          slip: "That is the encoder alone; the decoder is trained too.",
        },
        {
          value: denseParameters([pixels, code, pixels]),
          slip: `That leaves out the hidden layers of ${hidden} units on each side.`,
        },
      ]),
    };
  },
};
