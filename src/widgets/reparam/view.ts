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

/** Row labels, and the short form a narrow plot uses when the long one would take more than half its width. */
export const ROW_LABELS = {
  score: { long: "score function", short: "score" },
  reparam: { long: "reparameterisation", short: "reparam." },
} as const;
/** The short forms' share of the long forms' width (5 of 14 and 8 of 18 characters), with room to spare. */
const SHORT_SHARE = 0.5;

/**
 * Each estimate with ±2 standard errors; a one-draw estimate (infinite error) shows no whisker.
 * `labelWidth` is the widest long row label as drawn (user units; "reparameterisation" in 18 px bold on a
 * projector is ~190): the intervals start after the labels, never under them, and where the long labels
 * would take more than half the width the rows use their short forms.
 */
export function gradientLayout(
  { exact, estimates }: GradientResults,
  width = DEFAULT_WIDTH,
  labelWidth = 0,
): GradientLayout {
  const short = labelWidth + 14 > width / 2;
  const needed = Math.ceil(labelWidth * (short ? SHORT_SHARE : 1)) + 14;
  const left = labelWidth > 0 ? Math.min(Math.max(labelColumn(width), needed), width / 2) : labelColumn(width);
  const form = short ? "short" : "long";
  const panels = (["qm", "qs"] as const).map((key, index): Panel => {
    const top = index * PANEL_HEIGHT;
    const rows = [
      { key: "score" as const, label: ROW_LABELS.score[form], estimate: estimates.score[key] },
      { key: "reparam" as const, label: ROW_LABELS.reparam[form], estimate: estimates.reparam[key] },
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
