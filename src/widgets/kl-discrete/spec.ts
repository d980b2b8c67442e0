import type { Unit } from "../../lib/kl-discrete";
import { enumParam, vectorParam } from "../../lib/params";
import { normaliseWeights } from "../../lib/weights";
import type { WidgetSpec } from "../spec";

export interface KlDiscreteState {
  readonly p: number[];
  readonly q: number[];
  readonly unit: Unit;
}

const weights = (fallback: number[], description: string) =>
  vectorParam({ fallback, minLength: 2, maxLength: 12, min: 0, max: 1e6, description });

const BIMODAL = "0.02,0.22,0.255,0.005,0.005,0.255,0.22,0.02";

/** Presets shown as buttons and listed for instructors. */
export const presets = [
  { label: "The notes' example", p: "0.36,0.48,0.16", q: "1,1,1" },
  { label: "Bimodal P, broad Q", p: BIMODAL, q: "0.05,0.12,0.17,0.16,0.16,0.17,0.12,0.05" },
  { label: "Bimodal P, one-mode Q", p: BIMODAL, q: "0.04,0.42,0.46,0.04,0.01,0.01,0.01,0.01" },
  { label: "Disjoint supports", p: "0.5,0.5,0,0", q: "0,0,0.5,0.5" },
] as const;

export const spec: WidgetSpec<KlDiscreteState> = {
  id: "kl-discrete",
  title: "KL divergence of two discrete distributions",
  summary: "Drag the bars or type weights: both directions, and each outcome's term.",
  chapter: "kl-divergence",
  params: {
    p: weights([0.36, 0.48, 0.16], "weights of P, one per outcome (normalised to sum to 1)"),
    q: weights([1, 1, 1], "weights of Q, one per outcome (normalised to sum to 1)"),
    unit: enumParam({
      fallback: "nats",
      values: ["nats", "bits"],
      description: "unit of the logarithm: nats (ln) or bits (log₂)",
    }),
  },
  check: ({ p, q }) => {
    if (p.length !== q.length) return `q: expected as many weights as p (${p.length}), got ${q.length}.`;
    if (!normaliseWeights(p)) return "p: expected at least one positive weight, got all zeros.";
    if (!normaliseWeights(q)) return "q: expected at least one positive weight, got all zeros.";
    return undefined;
  },
  outputs: ["kl_pq", "kl_qp"],
  examples: [
    { query: "p=0.36,0.48,0.16&q=1,1,1", caption: "the lecture notes' worked example, both directions" },
    { query: `p=${presets[1].p}&q=${presets[1].q}`, caption: "forward KL prefers a Q that covers both modes" },
    { query: `p=${presets[2].p}&q=${presets[2].q}`, caption: "reverse KL prefers a Q that sits on one mode" },
    { query: "p=0.5,0.5,0,0&q=0,0,0.5,0.5&unit=bits", caption: "disjoint supports: infinite both ways" },
  ],
};
