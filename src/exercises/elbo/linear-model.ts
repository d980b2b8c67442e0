/**
 * The chapter's linear-Gaussian model (src/lib/elbo.ts), z ~ N(0, 1), x | z ~ N(wz + b, s²), with an
 * observation x: its numbers drawn on grids that print exactly, shared by the ELBO exercises.
 */
import type { Random } from "../../lib/random";
import { onGrid } from "../compose";

export interface LinearModelExample {
  readonly w: number;
  readonly b: number;
  readonly s: number;
  readonly x: number;
}

/** w in 0.5 … 2, b in −1 … 1, s in 0.5 … 1.5 and x in −2 … 2.5, each on a grid of halves or quarters. */
export function drawLinearModel(random: Random): LinearModelExample {
  return {
    w: onGrid(random, 0.5, 2, 0.5),
    b: onGrid(random, -1, 1, 0.5),
    s: onGrid(random, 0.5, 1.5, 0.25),
    x: onGrid(random, -2, 2.5, 0.5),
  };
}
