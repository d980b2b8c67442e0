/**
 * Helpers generators share: an answer rounded for print with the tolerance that rounding implies,
 * and the slips that recur through the book's chapters.
 */
import type { ExerciseMistake } from "./types";

/** `answer`, `tolerance` and `answerText` of a value printed with `decimals` places (0 ≤ decimals ≤ 12): tolerance is half a unit in the last place. */
export function rounded(value: number, decimals: number): { answer: number; tolerance: number; answerText: string } {
  if (!Number.isFinite(value)) throw new RangeError(`rounded: the answer must be finite, got ${value}`);
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 12)
    throw new RangeError(`rounded: decimals must be an integer in 0…12, got ${decimals}`);
  const text = value.toFixed(decimals);
  // "-0.000" would print a sign the value does not have at this rounding.
  const answerText = (/^-0\.?0*$/.test(text) ? text.slice(1) : text).replace(/^-/, "−");
  return { answer: value, tolerance: 0.5 * 10 ** -decimals, answerText };
}

/** A number for the question or the solution's math (inside $…$, where KaTeX sets the minus sign): at most `decimals` places, trailing zeros dropped. */
export function fmt(value: number, decimals = 4): string {
  const text = Number(value.toFixed(decimals)).toString();
  return text === "-0" ? "0" : text;
}

/** The divergence taken the other way round; `given` names what the reader computed, e.g. "KL(Q ‖ P)". */
export const klReversed = (value: number, given = "KL(Q ‖ P)"): ExerciseMistake => ({
  value,
  slip: `That is ${given}: the divergence taken the other way round.`,
});

/** The same divergence in bits: log base 2 where the question asks for nats. */
export const log2Instead = (nats: number): ExerciseMistake => ({
  value: nats / Math.LN2,
  slip: "That is the answer in bits (log base 2); the question asks for nats (natural log).",
});

/** The factor ½ of a Gaussian's log-density or KL dropped, as the lecture notes do at one step. */
export const halfDropped = (value: number): ExerciseMistake => ({
  value: 2 * value,
  slip: "That is twice the answer: the factor ½ has been dropped (the notes drop it at one step too).",
});

/** The mistakes a generator lists, less those that land within twice the tolerance of the answer or of an earlier mistake (a slip that gives the right answer is no slip). */
export function distinctMistakes(
  answer: number,
  tolerance: number,
  mistakes: readonly ExerciseMistake[],
): ExerciseMistake[] {
  const kept: ExerciseMistake[] = [];
  for (const mistake of mistakes) {
    if (!Number.isFinite(mistake.value)) continue;
    const near = (value: number): boolean => Math.abs(mistake.value - value) <= 2 * tolerance;
    if (near(answer) || kept.some((other) => near(other.value))) continue;
    kept.push(mistake);
  }
  return kept;
}

/** An integer drawn uniformly from lo…hi (inclusive). */
export function integerIn(random: { uniform(): number }, lo: number, hi: number): number {
  return lo + Math.floor(random.uniform() * (hi - lo + 1));
}

/** A signed term for a sum written out: "+ 0.12" or "- 0.12" (inside math). */
export function signed(value: number, decimals = 4): string {
  return `${value < 0 ? "-" : "+"} ${fmt(Math.abs(value), decimals)}`;
}

/** A column vector in TeX, for the question or the solution's math. */
export const texVector = (v: readonly number[]): string => `\\begin{pmatrix} ${v.join(" \\\\ ")} \\end{pmatrix}`;

/** A matrix in TeX, row by row. */
export const texMatrix = (m: readonly (readonly number[])[]): string =>
  `\\begin{pmatrix} ${m.map((row) => row.join(" & ")).join(" \\\\ ")} \\end{pmatrix}`;

/** The diagonal matrix with these entries. */
export const diagonalMatrix = (v: readonly number[]): number[][] =>
  v.map((value, i) => v.map((_, j) => (i === j ? value : 0)));
