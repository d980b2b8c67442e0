/**
 * Reads the numbers a generated question prints, so the tests check the answer against what the reader
 * sees, computed independently of the generator.
 */
import { expect } from "vitest";
import type { ExerciseInstance } from "../../../src/exercises/types";

const NUMBER = String.raw`-?\d+(?:\{,\}\d{3})*(?:\.\d+)?`;
const toNumber = (text: string): number => Number(text.replace(/\{,\}/g, ""));
const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The number printed right after `label` (e.g. "w = "), the first time it appears. */
export function numberAfter(text: string, label: string): number {
  const match = new RegExp(escape(label) + `(${NUMBER})`).exec(text);
  if (!match?.[1]) throw new Error(`No number after "${label}" in: ${text}`);
  return toNumber(match[1]);
}

/** The vector printed as `label(a, b, …)`. */
export function vectorAfter(text: string, label: string): number[] {
  const match = new RegExp(escape(label) + String.raw`\(([^)]*)\)`).exec(text);
  if (!match?.[1]) throw new Error(`No vector after "${label}" in: ${text}`);
  return match[1].split(",").map((part) => toNumber(part.trim()));
}

/** The rows of the first `\begin{array}` table, each a list of numbers. */
export function tableRows(text: string): number[][] {
  const body = /\\hline(.*?)\\end\{array\}/s.exec(text)?.[1];
  if (!body) throw new Error(`No table in: ${text}`);
  return body.split("\\\\").map((row) => row.split("&").map((cell) => toNumber(cell.trim())));
}

/**
 * Each slip the generator may name, found by a phrase of its message, has the value the test computes
 * for it; a slip left out must be one that would land within twice the tolerance of the answer or of
 * a slip kept (as distinctMistakes drops it); and every mistake listed is one of the expected slips.
 */
export function expectSlips(instance: ExerciseInstance, expected: readonly [phrase: string, value: number][]): void {
  const { mistakes, answer, tolerance } = instance;
  for (const mistake of mistakes) {
    const matches = expected.filter(([phrase]) => mistake.slip.includes(phrase));
    expect(matches, `unexpected slip "${mistake.slip}"`).toHaveLength(1);
    expect(mistake.value).toBeCloseTo(matches[0]?.[1] ?? Number.NaN, 9);
    expect(Math.abs(mistake.value - answer)).toBeGreaterThan(tolerance);
  }
  for (const [phrase, value] of expected) {
    if (mistakes.some((mistake) => mistake.slip.includes(phrase))) continue;
    const near = (other: number) => Math.abs(value - other) <= 2 * tolerance + 1e-9;
    expect(
      !Number.isFinite(value) || near(answer) || mistakes.some((m) => near(m.value)),
      `slip "${phrase}" missing`,
    ).toBe(true);
  }
}

/** Seeds the tests run every generator over. */
export const SEEDS = Array.from({ length: 150 }, (_, i) => i * 7919 + 1);
