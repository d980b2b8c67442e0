import { bayesUpdate } from "../../lib/bayes";
import { formatNumber, probabilityFigure } from "../../lib/format";
import { normaliseWeights, type NormalisedWeights } from "../../lib/weights";
import type { SliderDescription } from "../handles/slider";
import type { BayesState } from "./spec";
import { hypothesisLabel, type BorderHandle, type Column } from "./view";

/** Everything the widget shows for a state, from src/lib: shared by the shell and the element. */
export function bayesResults(state: BayesState) {
  const prior = normaliseWeights(state.prior);
  const update = prior && bayesUpdate(prior.probabilities, state.likelihood);
  if (!prior || !update) throw new Error("likelihood: P(E) = 0, so no posterior is defined.");
  return {
    prior,
    update,
    evidence: probabilityFigure(update.evidence, update.logEvidence),
    joint: update.joint.map((value, i) => probabilityFigure(value, update.logJoint[i] ?? -Infinity)),
  };
}

/** An output's value as people read it (formatNumber's rounding; decimal text as it is). */
export const figureText = (figure: number | string) => (typeof figure === "number" ? formatNumber(figure) : figure);

/** The diagram's text alternative and the normalisation note, shared by the shell and the element. */
export function describeArea(
  prior: readonly number[],
  likelihood: readonly number[],
  posterior: readonly number[],
  evidence: number | string,
): string {
  const parts = prior.map(
    (p, i) =>
      `${hypothesisLabel(i)}: prior ${formatNumber(p)}, likelihood ${formatNumber(likelihood[i] ?? 0)}, posterior ${formatNumber(posterior[i] ?? 0)}`,
  );
  return `Area diagram of Bayes' theorem. Evidence P(E) = ${figureText(evidence)}, the total shaded area. ${parts.join("; ")}.`;
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
