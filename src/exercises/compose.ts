/**
 * Helpers for the generators of the autoencoder, ELBO and VAE chapters: drawing a question's printed
 * numbers from the seeded source on a grid (so they print exactly), and writing a signed factor.
 */
import type { Random } from "../lib/random";
import { fmt } from "./answer";

/** A uniform draw from lo, lo + step, …, hi (inclusive), without binary noise (0.30000000000000004 → 0.3). */
export function onGrid(random: Random, lo: number, hi: number, step: number): number {
  const count = Math.round((hi - lo) / step) + 1;
  const index = Math.min(count - 1, Math.floor(random.uniform() * count));
  return Number((lo + index * step).toPrecision(12));
}

/** One of `values`, uniformly. */
export function oneOf<T>(random: Random, values: readonly T[]): T {
  const value = values[Math.min(values.length - 1, Math.floor(random.uniform() * values.length))];
  if (value === undefined) throw new RangeError("oneOf needs at least one value.");
  return value;
}

/** A number for a written-out product or power, in parentheses when negative: 2 \cdot (-0.5), (-1.2)^2. */
export function term(value: number, decimals = 4): string {
  const text = fmt(value, decimals);
  return value < 0 && text !== "0" ? `(${text})` : text;
}
