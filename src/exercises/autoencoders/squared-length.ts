/**
 * The "square" of the notes' cost is the squared length of the difference vector, ‖x − x̂‖² = Σ_j (x_j − x̂_j)².
 */
import { createRandom } from "../../lib/random";
import { fmt } from "../answer";
import { onGrid, roundedAnswer, term } from "../compose";
import type { ExerciseGenerator } from "../types";

const PIXELS = 4;

export const squaredLength: ExerciseGenerator = {
  id: "squared-length",
  defaultSeed: 1,
  generate(seed) {
    const random = createRandom(seed);
    const x = Array.from({ length: PIXELS }, () => onGrid(random, 0, 1, 0.1));
    const rebuilt = x.map((value) => {
      const shift = onGrid(random, -0.5, 0.5, 0.1);
      return Math.min(1, Math.max(0, Number((value + shift).toFixed(1))));
    });
    // At least two pixels wrong, so that summing squares and squaring the sum differ.
    for (let j = 0; rebuilt.filter((value, i) => value !== x[i]).length < 2; j++)
      rebuilt[j] = (x[j] ?? 0) > 0.5 ? Number(((x[j] ?? 0) - 0.3).toFixed(1)) : Number(((x[j] ?? 0) + 0.3).toFixed(1));
    const differences = x.map((value, j) => Number((value - (rebuilt[j] ?? 0)).toFixed(1)));
    const answer = differences.reduce((total, d) => total + d * d, 0);
    const total = differences.reduce((a, b) => a + b, 0);
    return {
      question:
        String.raw`A tiny image has four pixels, $x = (${x.map((value) => fmt(value)).join(", ")})$, and the autoencoder rebuilds it as ` +
        String.raw`$f_\theta(g_\phi(x)) = (${rebuilt.map((value) => fmt(value)).join(", ")})$. What does this image add to the cost, ` +
        String.raw`$\big\lVert x - f_\theta(g_\phi(x)) \big\rVert^2$? To 2 decimal places.`,
      solution:
        String.raw`The difference is the vector $(${differences.map((value) => fmt(value)).join(", ")})$, and the square of a vector is its squared length, ` +
        String.raw`the sum of the squared components:` +
        String.raw`$$\begin{aligned} &${differences.map((d) => `${term(d)}^2`).join(" + ")} \\ &= ${differences.map((d) => fmt(Number((d * d).toFixed(2)))).join(" + ")} \\ &= ${fmt(answer, 2)}. \end{aligned}$$` +
        String.raw`Divided by the ${PIXELS} pixels it is the mean squared error per pixel, ${fmt(answer / PIXELS, 4)}, the figure the widget reports.`,
      ...roundedAnswer(answer, 2, [
        {
          value: total * total,
          slip: "That squares the sum of the differences; the cost sums the squares, so positive and negative errors cannot cancel.",
        },
        {
          value: differences.reduce((sum, d) => sum + Math.abs(d), 0),
          slip: "That adds the absolute differences; the cost adds their squares.",
        },
        {
          value: answer / PIXELS,
          slip: "That is the mean over the pixels, the widget's MSE per pixel; the cost of the formula is the sum.",
        },
        { value: Math.sqrt(answer), slip: String.raw`That is the length $\lVert v \rVert$; the cost is its square.` },
      ]),
    };
  },
};
