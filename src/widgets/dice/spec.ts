import { conditionalDistribution, FACES } from "../../lib/dice";
import { integerSetParam, samplesParam, seedParam, vectorParam } from "../../lib/params";
import { normaliseWeights } from "../../lib/weights";
import type { WidgetSpec } from "../spec";

export interface DiceState {
  readonly weights: number[];
  readonly event: number[];
  readonly condition: number[];
  readonly n: number;
  readonly seed: number;
}

const faces = (fallback: readonly number[], minSize: number, description: string) =>
  integerSetParam({ fallback, min: 1, max: 6, minSize, description });

export const spec: WidgetSpec<DiceState> = {
  id: "dice",
  title: "A loaded die: conditioning and expectation",
  summary:
    "Click faces for an event A and a condition B, and load the die: P(A | B) and E[X | B], exact and simulated.",
  chapter: "probability",
  params: {
    weights: vectorParam({
      fallback: [1, 1, 1, 1, 1, 1],
      minLength: 6,
      maxLength: 6,
      min: 0,
      max: 1e6,
      description:
        "weights of faces 1 to 6; probabilities are the weights divided by their total (default: a fair die)",
    }),
    event: faces([3], 0, "the event A: the faces it contains (empty means the impossible event)"),
    condition: faces([...FACES], 1, "the condition B: the faces known to be possible"),
    n: samplesParam(1000),
    seed: seedParam(1),
  },
  check: ({ weights, condition }) => {
    const normalised = normaliseWeights(weights);
    if (!normalised) return "weights: expected at least one positive weight; all six are 0, so no face can come up.";
    // P(B) > 0 from the weights themselves: a face of weight 1e-320 beside 1e6 makes P(B) underflow, not vanish.
    if (conditionalDistribution(weights, condition)) return undefined;
    return `condition: P(B) = 0, because faces ${condition.join(", ")} all have weight 0, so P(A | B) and E[X | B] are not defined; add a face with positive weight to the condition.`;
  },
  outputs: [
    "p_event",
    "expectation",
    "sample_p_event",
    "sample_mean",
    "sample_p_event_se",
    "sample_mean_se",
    "p_condition",
    "p_joint",
  ],
  examples: [
    { query: "event=3&condition=1,3,5", caption: "the notes' Q2: P(3 | odd) = 1/3 on a fair die" },
    { query: "event=6&weights=1,1,1,1,1,5&n=100000", caption: "a die loaded towards six, rolled 100,000 times" },
    { query: "event=2,4,6&condition=1,2,3,4", caption: "independent events: P(even | at most 4) = P(even)" },
  ],
};
