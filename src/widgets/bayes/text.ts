import { formatNumber } from "../../lib/format";
import type { NormalisedWeights } from "../../lib/weights";
import type { SliderDescription } from "../handles/slider";
import { hypothesisLabel, type BorderHandle, type Column } from "./view";

/** The diagram's text alternative and the normalisation note, shared by the shell and the element. */
export function describeArea(
  prior: readonly number[],
  likelihood: readonly number[],
  posterior: readonly number[],
  evidence: number,
): string {
  const parts = prior.map(
    (p, i) =>
      `${hypothesisLabel(i)}: prior ${formatNumber(p)}, likelihood ${formatNumber(likelihood[i] ?? 0)}, posterior ${formatNumber(posterior[i] ?? 0)}`,
  );
  return `Area diagram of Bayes' theorem. Evidence P(E) = ${formatNumber(evidence)}, the total shaded area. ${parts.join("; ")}.`;
}

export const priorNote = (prior: NormalisedWeights) =>
  prior.wasNormalised
    ? `The prior weights sum to ${formatNumber(prior.total)}, not 1, so each is divided by ${formatNumber(prior.total)} to give P(H_i).`
    : "";

/** A column's likelihood handle as a slider, 0 to 1. */
export const likelihoodSlider = (column: Column): SliderDescription => ({
  label: `Likelihood P(E | ${column.label})`,
  axes: [{ value: column.likelihood, min: 0, max: 1 }],
  text: formatNumber(column.likelihood, 3),
  orientation: "vertical",
});

/** A border between two columns as a slider: the prior of the hypotheses to its left. */
export const borderSlider = (border: BorderHandle): SliderDescription => ({
  label: `Border between ${hypothesisLabel(border.index)} and ${hypothesisLabel(border.index + 1)}: prior of H1 to ${hypothesisLabel(border.index)} together`,
  axes: [border],
  text: formatNumber(border.value, 3),
  orientation: "horizontal",
});
