import { formatNumber } from "../../lib/format";
import type { NormalisedWeights } from "../../lib/weights";
import { hypothesisLabel } from "./view";

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
