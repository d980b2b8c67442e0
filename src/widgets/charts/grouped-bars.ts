import { scaleBand, scaleLinear } from "d3-scale";
import { formatNumber } from "../../lib/format";
import { chartBox, type ChartBox } from "./plot";

/**
 * Geometry of grouped bars (one group per outcome, one bar per series), with no DOM: the shell
 * renders it as static SVG and the element redraws the same geometry with D3.
 */
export interface GroupedBar {
  readonly series: number;
  readonly outcome: number;
  readonly value: number;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  /** Shown past the bar's end: the rounded value, ∞ for an infinite one. */
  readonly text: string;
  readonly textY: number;
}

export interface GroupedLayout extends ChartBox {
  readonly zeroY: number;
  readonly bars: readonly GroupedBar[];
  readonly ticks: readonly { readonly y: number; readonly label: string }[];
  readonly groups: readonly { readonly x: number; readonly label: string }[];
  /** The value at a vertical position, and the position of a value, for dragging. */
  readonly valueAt: (y: number) => number;
  readonly positionOf: (value: number) => number;
}

// The top margin holds the value label of the tallest bar (the legend is HTML, under the chart).
const MARGIN = { top: 18, right: 8, bottom: 22, left: 44 };
const VALUE_LINE = 14;

export function layoutGroups(
  series: readonly (readonly number[])[],
  options: { readonly width?: number; readonly height?: number; readonly domain?: readonly [number, number] } = {},
): GroupedLayout {
  const width = options.width ?? 640;
  const height = options.height ?? 200;
  const outcomes = series[0]?.length ?? 0;
  const finite = series.flat().filter(Number.isFinite);
  const [low, high] = options.domain ?? [Math.min(0, ...finite), Math.max(0, ...finite)];
  // A negative bar's value goes under it, never on it: room for one line of 12 px text under the lowest bar.
  const below = finite.some((value) => value < 0) ? VALUE_LINE : 0;
  const y = scaleLinear()
    .domain([low, high === low ? low + 1 : high])
    .nice()
    .range([height - MARGIN.bottom - below, MARGIN.top]);
  const outer = scaleBand<number>()
    .domain([...Array(outcomes).keys()])
    .range([MARGIN.left, width - MARGIN.right])
    .paddingInner(0.25)
    .paddingOuter(0.1);
  const inner = scaleBand<number>()
    .domain([...series.keys()])
    .range([0, outer.bandwidth()])
    .padding(0.05);
  const zeroY = y(0);
  const bars = series.flatMap((values, s) =>
    values.map((value, outcome) => {
      const top = value === Infinity ? MARGIN.top : value === -Infinity ? height - MARGIN.bottom : y(value);
      return {
        series: s,
        outcome,
        value,
        x: (outer(outcome) ?? 0) + (inner(s) ?? 0),
        y: Math.min(top, zeroY),
        width: inner.bandwidth(),
        height: Math.abs(zeroY - top),
        // Narrow bars keep only the ∞ mark; their values are in the typed weights and the outputs.
        // A 12 px value ("−0.12") needs about 30 px; below a negative bar it stays above the outcome labels.
        text: inner.bandwidth() >= 30 || !Number.isFinite(value) ? formatNumber(value, 2) : "",
        textY: value < 0 ? Math.max(top, zeroY) + VALUE_LINE - 1 : Math.min(top, zeroY) - 3,
      };
    }),
  );
  return {
    ...chartBox(width, height, MARGIN),
    zeroY,
    bars,
    ticks: y.ticks(4).map((tick) => ({ y: y(tick), label: formatNumber(tick, 3) })),
    groups: [...Array(outcomes).keys()].map((outcome) => ({
      x: (outer(outcome) ?? 0) + outer.bandwidth() / 2,
      label: String(outcome + 1),
    })),
    valueAt: (position) => y.invert(position),
    positionOf: (value) => y(value),
  };
}
