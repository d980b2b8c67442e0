import { formatNumber } from "../../lib/format";
import { klDiscrete } from "../../lib/kl-discrete";
import { normaliseWeights } from "../../lib/weights";
import { layoutGroups } from "../charts/grouped-bars";
import type { SliderDescription } from "../handles/slider";
import type { KlDiscreteState } from "./spec";

/**
 * The two distributions, on a common probability axis from 0 to the largest probability (at least
 * 0.5), or to `top` (a drag keeps the axis it started with).
 */
export const distributionLayout = (
  p: readonly number[],
  q: readonly number[],
  width = 640,
  heightCap = Infinity,
  top = Math.max(0.5, ...p, ...q),
) => layoutGroups([p, q], { width, height: Math.min(heightCap, chartHeight(width, 200)), domain: [0, top] });

/** Each outcome's term P log(P/Q) (series 0) and Q log(Q/P) (series 1). */
export const contributionLayout = (
  forward: readonly number[],
  reverse: readonly number[],
  width = 640,
  heightCap = Infinity,
) => layoutGroups([forward, reverse], { width, height: Math.min(heightCap, chartHeight(width, 180)) });

/** Narrower charts get a little less height, never below 150 px. */
const chartHeight = (width: number, full: number) => Math.round(Math.max(150, Math.min(full, width * 0.35)));

/** Each bar of the distributions as a slider, in the layout's order (P's outcomes, then Q's). */
export const distributionSliders = (p: readonly number[], q: readonly number[]): SliderDescription[] =>
  [p, q].flatMap((values, series) =>
    values.map((value, outcome) => ({
      label: `${series === 0 ? "P" : "Q"}(${outcome + 1}), the probability of outcome ${outcome + 1} under ${series === 0 ? "P" : "Q"}`,
      axes: [{ value, min: 0, max: 1 }],
      text: formatNumber(value, 3),
      orientation: "vertical" as const,
    })),
  );

/** The weights as probabilities; the spec's check has refused weights that have none. */
function distribution(weights: readonly number[], name: "p" | "q") {
  const normalised = normaliseWeights(weights);
  if (!normalised) throw new RangeError(`${name}: expected non-negative weights, at least one of them positive.`);
  return normalised;
}

/** Everything the widget shows for a state, from src/lib: shared by the shell and the element. */
export function klDiscreteResults(state: KlDiscreteState) {
  const p = distribution(state.p, "p");
  const q = distribution(state.q, "q");
  const forward = klDiscrete(p.probabilities, q.probabilities, state.unit);
  const reverse = klDiscrete(q.probabilities, p.probabilities, state.unit);
  const notes = [
    p.wasNormalised ? `P's weights sum to ${formatNumber(p.total)}` : "",
    q.wasNormalised ? `Q's weights sum to ${formatNumber(q.total)}` : "",
  ].filter(Boolean);
  return {
    p: p.probabilities,
    q: q.probabilities,
    forward,
    reverse,
    note: notes.length > 0 ? `${notes.join(" and ")}; divided by the total so that each sums to 1.` : "",
  };
}
