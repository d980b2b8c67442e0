/**
 * The Gaussian KL derivation's values on the kl-gaussian widget's default example, computed once per
 * build and shared by every <ProofCheck>. Eight separate Monte Carlo runs finished in an order that
 * varied between builds, and Astro writes a component's script after the first instance to finish, so
 * the chapter's HTML differed from build to build (scripts/check-reproducible.mjs). Awaiting one
 * promise, the checks resume in the order they started: document order.
 */
import type { KlProofSteps } from "../lib/kl-proof-steps";
import { proofStepsOf } from "../widgets/kl-gaussian/checks";
import { spec } from "../widgets/kl-gaussian/spec";
import { serverState } from "../widgets/server-state";

let shared: Promise<KlProofSteps> | undefined;

/** The proof steps of the widget's default state (`serverState(spec, {})`), one computation per build. */
export function exampleProofSteps(): Promise<KlProofSteps> {
  shared ??= proofStepsOf(serverState(spec, {}));
  return shared;
}
