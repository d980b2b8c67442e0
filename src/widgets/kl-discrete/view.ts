import { formatNumber } from "../../lib/format";
import { klDiscrete, normaliseWeights } from "../../lib/kl-discrete";
import { layoutGroups } from "../charts/grouped-bars";
import type { KlDiscreteState } from "./spec";

/** The two distributions, on a common probability axis from 0 to the largest probability (at least 0.5). */
export const distributionLayout = (p: readonly number[], q: readonly number[], width = 640, heightCap = Infinity) =>
  layoutGroups([p, q], {
    width,
    height: Math.min(heightCap, chartHeight(width, 200)),
    domain: [0, Math.max(0.5, ...p, ...q)],
  });

/** Each outcome's term P log(P/Q) (series 0) and Q log(Q/P) (series 1). */
export const contributionLayout = (
  forward: readonly number[],
  reverse: readonly number[],
  width = 640,
  heightCap = Infinity,
) => layoutGroups([forward, reverse], { width, height: Math.min(heightCap, chartHeight(width, 180)) });

/** Narrower charts get a little less height, never below 150 px. */
const chartHeight = (width: number, full: number) => Math.round(Math.max(150, Math.min(full, width * 0.35)));

/** New weights after dragging outcome `index` to probability `target`: the others rescale so the sum stays 1. */
export function dragWeights(probabilities: readonly number[], index: number, target: number): string {
  const clampedTarget = Math.min(1, Math.max(0, target));
  const rest = 1 - (probabilities[index] ?? 0);
  const others = probabilities.length - 1;
  const moved = probabilities.map((value, i) =>
    i === index ? clampedTarget : rest > 1e-12 ? (value * (1 - clampedTarget)) / rest : (1 - clampedTarget) / others,
  );
  // Three decimals for a readable URL; the largest other weight absorbs the rounding so the sum is 1.
  const rounded = moved.map((value) => Math.round(value * 1000) / 1000);
  let largest = index === 0 ? 1 : 0;
  rounded.forEach((value, i) => {
    if (i !== index && value > (rounded[largest] ?? 0)) largest = i;
  });
  const sumOthers = rounded.reduce((sum, value, i) => (i === largest ? sum : sum + value), 0);
  rounded[largest] = Math.max(0, Math.round((1 - sumOthers) * 1000) / 1000);
  return rounded.join(",");
}

/** Everything the widget shows for a state, from src/lib: shared by the shell and the element. */
export function klDiscreteResults(state: KlDiscreteState) {
  const p = normaliseWeights(state.p);
  const q = normaliseWeights(state.q);
  const forward = klDiscrete(p.probabilities, q.probabilities, state.unit);
  const reverse = klDiscrete(q.probabilities, p.probabilities, state.unit);
  const notes = [
    p.normalised ? `P's weights sum to ${formatNumber(p.total)}` : "",
    q.normalised ? `Q's weights sum to ${formatNumber(q.total)}` : "",
  ].filter(Boolean);
  return {
    p: p.probabilities,
    q: q.probabilities,
    forward,
    reverse,
    note: notes.length > 0 ? `${notes.join(" and ")}; divided by the total so that each sums to 1.` : "",
  };
}
