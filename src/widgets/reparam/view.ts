import { scaleLinear } from "d3-scale";
import { formatNumber } from "../../lib/format";
import type { GradientResults } from "./results";

/** Geometry of the two interval panels (∂/∂qm, ∂/∂qs) with no DOM, shared by the shell and the element. */
export const DEFAULT_WIDTH = 640;

export interface Interval {
  readonly key: "score" | "reparam";
  readonly label: string;
  readonly x: number;
  readonly lo: number;
  readonly hi: number;
  readonly y: number;
}

export interface Panel {
  readonly key: "qm" | "qs";
  readonly title: string;
  readonly top: number;
  readonly exactX: number;
  readonly intervals: readonly Interval[];
  readonly ticks: readonly { readonly x: number; readonly label: string }[];
  readonly axisY: number;
}

export interface GradientLayout {
  readonly width: number;
  readonly height: number;
  readonly panels: readonly Panel[];
  readonly left: number;
  readonly right: number;
}

const MARGIN = { right: 16 };
/** Row labels need room; on a phone the intervals get less of it rather than the text getting smaller. */
const labelColumn = (width: number): number => (width < 480 ? 120 : 150);
const PANEL_HEIGHT = 110;

/**
 * Each estimate with ±2 standard errors; a one-draw estimate (infinite error) shows no whisker.
 * `labelWidth` is the widest row label as drawn (user units; 18 px text on a projector needs ~200):
 * the intervals start after it, never under it.
 */
export function gradientLayout(
  { exact, estimates }: GradientResults,
  width = DEFAULT_WIDTH,
  labelWidth = 0,
): GradientLayout {
  const left = Math.max(labelColumn(width), Math.min(Math.ceil(labelWidth) + 14, width / 2));
  const panels = (["qm", "qs"] as const).map((key, index): Panel => {
    const top = index * PANEL_HEIGHT;
    const rows = [
      { key: "score" as const, label: "score function", estimate: estimates.score[key] },
      { key: "reparam" as const, label: "reparameterisation", estimate: estimates.reparam[key] },
    ];
    const whisker = (se: number) => (Number.isFinite(se) ? 2 * se : 0);
    const values = [
      exact[key],
      ...rows.flatMap(({ estimate }) => [
        estimate.mean - whisker(estimate.standardError),
        estimate.mean + whisker(estimate.standardError),
      ]),
    ];
    const x = scaleLinear()
      .domain([Math.min(...values), Math.max(...values)])
      .nice()
      .range([left, width - MARGIN.right]);
    return {
      key,
      title: key === "qm" ? "∂ELBO/∂qm" : "∂ELBO/∂qs",
      top,
      exactX: x(exact[key]),
      intervals: rows.map(({ key: rowKey, label, estimate }, row) => ({
        key: rowKey,
        label,
        x: x(estimate.mean),
        lo: x(estimate.mean - whisker(estimate.standardError)),
        hi: x(estimate.mean + whisker(estimate.standardError)),
        y: top + 30 + row * 28,
      })),
      ticks: x.ticks(width < 480 ? 4 : 6).map((value) => ({ x: x(value), label: formatNumber(value, 3) })),
      axisY: top + 84,
    };
  });
  return { width, height: PANEL_HEIGHT * 2, panels, left, right: width - MARGIN.right };
}
