import { gaussian } from "../../lib/gaussian";
import { fromRowMajor } from "../../lib/linalg";
import { createRandom } from "../../lib/random";
import { quadraticFormExpectation, traceIdentities } from "../../lib/trace-trick";
import type { TraceTrickState } from "./spec";

/** Size of the random matrices of the identities: 3, so that a non-cyclic order can differ. */
export const IDENTITY_SIZE = 3;

/** The exact side of the widget, from src/lib: shared by the shell and the element. */
export function traceTrickExact(state: TraceTrickState) {
  const k = state.mu.length;
  const x = gaussian(state.mu, fromRowMajor(state.cov, k));
  const a = fromRowMajor(state.a, k);
  const m = state.m ?? state.mu;
  // The identities use their own stream from the seed, apart from the samples of x.
  const identities = traceIdentities(IDENTITY_SIZE, createRandom(state.seed));
  return { x, a, m, expectation: quadraticFormExpectation(x, a, m), identities };
}

export const IDENTITY_OUTPUTS = [
  ["tr_ab", "ab", "\\tr(AB)"],
  ["tr_ba", "ba", "\\tr(BA)"],
  ["tr_abc", "abc", "\\tr(ABC)"],
  ["tr_bca", "bca", "\\tr(BCA)"],
  ["tr_cab", "cab", "\\tr(CAB)"],
  ["tr_acb", "acb", "\\tr(ACB)"],
] as const;
