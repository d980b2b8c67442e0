import { bayesUpdate } from "../../lib/bayes";
import { vectorParam } from "../../lib/params";
import { normaliseWeights } from "../../lib/weights";
import type { WidgetSpec } from "../spec";

export interface BayesState {
  readonly prior: number[];
  readonly likelihood: number[];
}

export const MIN_HYPOTHESES = 2;
export const MAX_HYPOTHESES = 8;

export const spec: WidgetSpec<BayesState> = {
  id: "bayes",
  title: "Bayes' theorem as areas",
  summary:
    "Each hypothesis is a column as wide as its prior, shaded to the height of its likelihood: the evidence is the shaded area, each posterior a shaded piece's share of it.",
  chapter: "probability",
  params: {
    prior: vectorParam({
      fallback: [0.01, 0.99],
      minLength: MIN_HYPOTHESES,
      maxLength: MAX_HYPOTHESES,
      min: 0,
      max: 1e6,
      description: "prior weights P(H_i) of 2 to 8 hypotheses; divided by their total when it is not 1",
    }),
    likelihood: vectorParam({
      fallback: [0.9, 0.09],
      minLength: MIN_HYPOTHESES,
      maxLength: MAX_HYPOTHESES,
      min: 0,
      max: 1,
      description: "likelihoods P(E | H_i) of the evidence under each hypothesis, each from 0 to 1",
    }),
  },
  check: ({ prior, likelihood }) => {
    if (likelihood.length !== prior.length) {
      return `likelihood: expected as many entries as prior (${prior.length}), got ${likelihood.length}.`;
    }
    const normalised = normaliseWeights(prior);
    if (!normalised) return "prior: expected at least one positive weight; all are 0.";
    // bayesUpdate, not the plain sum: joints like 1e-200 · 1e-200 underflow, but P(E) > 0 all the same.
    if (bayesUpdate(normalised.probabilities, likelihood)) return undefined;
    return "likelihood: the evidence has probability P(E) = Σ P(E | H_i) P(H_i) = 0, since every hypothesis with a positive prior gives it likelihood 0, so no posterior P(H_i | E) is defined; give such a hypothesis a positive likelihood.";
  },
  outputs: ["evidence", "posterior_0", "posterior_1", "joint_0", "joint_1"],
  examples: [
    {
      query: "prior=0.01,0.99&likelihood=0.9,0.09",
      caption: "a medical test: prevalence 1 %, sensitivity 90 %, 9 % false positives",
    },
    { query: "prior=1,1,1,1&likelihood=0.2,0.4,0.6,0.8", caption: "which of four coins? one head seen, uniform prior" },
  ],
};
