import { FACES, type Faces } from "../../lib/dice";
import { formatNumber } from "../../lib/format";
import type { NormalisedWeights } from "../../lib/weights";
import type { SliderDescription } from "../handles/slider";

/** Words for the figures (their text alternatives) and the normalisation note, shared by shell and element. */
const listProbabilities = (values: readonly number[], faces: Faces) =>
  faces.map((face) => `${face}: ${formatNumber(values[face - 1] ?? 0)}`).join(", ");

export const describeDie = (p: readonly number[]) =>
  `The die's distribution p(x), one draggable bar per face. ${listProbabilities(p, FACES)}.`;

export const describeGiven = (given: readonly number[], condition: Faces) =>
  `The reduced sample space p(x | B): only faces ${[...condition].sort((a, b) => a - b).join(", ")} remain. ${listProbabilities(given, FACES)}.`;

export const describeTrace = (mean: number, expectation: number, n: number) =>
  `Running mean of ${n} simulated rolls, ending at ${formatNumber(mean)}, against the exact expectation ${formatNumber(expectation)} and its band of ±2 standard errors.`;

export const normalisedNote = (weights: NormalisedWeights) =>
  weights.wasNormalised
    ? `The weights sum to ${formatNumber(weights.total)}, so each is divided by ${formatNumber(weights.total)}.`
    : "";

/** A face's bar as a slider: its probability, 0 to 1. */
export const faceSlider = (face: number, value: number): SliderDescription => ({
  label: `Probability of face ${face}`,
  axes: [{ value, min: 0, max: 1 }],
  text: `${formatNumber(100 * value, 3)} %`,
  orientation: "vertical",
});
