/**
 * Helpers every generator may share: drawing a question's printed numbers on a grid (so they print
 * exactly) or from a list, writing a signed factor, and an instance's answer with its slips.
 */
import type { Random } from "../lib/random";
import { distinctMistakes, fmt, integerIn, rounded } from "./answer";
import type { ExerciseInstance, ExerciseMistake } from "./types";

/** A uniform draw from lo, lo + step, …, hi (inclusive), without binary noise (0.30000000000000004 → 0.3). */
export function onGrid(random: Random, lo: number, hi: number, step: number): number {
  const index = integerIn(random, 0, Math.round((hi - lo) / step));
  return Number((lo + index * step).toPrecision(12));
}

/** One of `values`, uniformly. */
export function oneOf<T>(random: Random, values: readonly T[]): T {
  const value = values[integerIn(random, 0, values.length - 1)];
  if (value === undefined) throw new RangeError("oneOf needs at least one value.");
  return value;
}

/** A number for a written-out product or power, in parentheses when negative: 2 \cdot (-0.5), (-1.2)^2. */
export function term(value: number, decimals = 4): string {
  const text = fmt(value, decimals);
  return value < 0 && text !== "0" ? `(${text})` : text;
}

/**
 * An instance's answer fields: `value` printed with `decimals` places (`rounded`: tolerance half a
 * unit in the last place) and the slips that give a wrong answer for these numbers (`distinctMistakes`).
 */
export function roundedAnswer(
  value: number,
  decimals: number,
  slips: readonly ExerciseMistake[],
): Pick<ExerciseInstance, "answer" | "tolerance" | "answerText" | "mistakes"> {
  const printed = rounded(value, decimals);
  return { ...printed, mistakes: distinctMistakes(printed.answer, printed.tolerance, slips) };
}
