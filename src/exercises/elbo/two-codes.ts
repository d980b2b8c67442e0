/**
 * The toy both Jensen exercises share: q(z | x) puts half its mass on each of two codes, where the
 * importance weight p(x, z)/q(z | x) takes the values r₁ and r₂ (so p(x) = (r₁ + r₂)/2 exactly).
 */
import { createRandom } from "../../lib/random";
import { fmt } from "../answer";
import { onGrid } from "../compose";

export interface TwoCodes {
  readonly r1: number;
  readonly r2: number;
}

/** r₂ from 0.002 … 0.02 and r₁ from 0.02 … 0.2, at least 1.5 times r₂, so the two logarithms differ by 0.4 nats or more. */
export function drawTwoCodes(seed: number): TwoCodes {
  const random = createRandom(seed);
  const r2 = onGrid(random, 0.002, 0.02, 0.001);
  let r1 = onGrid(random, 0.02, 0.2, 0.005);
  while (r1 < 1.5 * r2) r1 = onGrid(random, 0.02, 0.2, 0.005);
  return { r1, r2 };
}

/** The setting, as the question states it. */
export function twoCodesSetting({ r1, r2 }: TwoCodes): string {
  return (
    String.raw`A latent variable takes two values, and $q(z \given x)$ gives each probability $\tfrac12$. At the two codes the ` +
    String.raw`importance weight $p(x, z)/q(z \given x)$ equals $r_1 = ${fmt(r1)}$ and $r_2 = ${fmt(r2)}$.`
  );
}
