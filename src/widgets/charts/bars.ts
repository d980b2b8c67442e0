import { scaleBand, scaleLinear } from "d3-scale";

/**
 * Geometry of a bar chart with no DOM: the server renders it as static SVG, the element redraws
 * the same geometry with D3, so the fallback and the live figure are one picture.
 */
export interface Bar {
  readonly key: string;
  readonly label: string;
  readonly value: number;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface BarLayout {
  readonly width: number;
  readonly height: number;
  readonly bars: readonly Bar[];
  readonly zeroY: number;
  readonly ticks: readonly { readonly y: number; readonly label: string }[];
  readonly left: number;
  readonly right: number;
}

export interface BarOptions {
  readonly width?: number;
  readonly height?: number;
  readonly format?: (value: number) => string;
}

const MARGIN = { top: 12, right: 8, bottom: 22, left: 44 };

export function layoutBars(values: readonly number[], labels: readonly string[], options: BarOptions = {}): BarLayout {
  const width = options.width ?? 640;
  const height = options.height ?? 220;
  const format = options.format ?? ((value: number) => String(value));
  const finite = values.filter(Number.isFinite);
  const low = Math.min(0, ...finite);
  const high = Math.max(0, ...finite);
  const y = scaleLinear()
    .domain([low, high === low ? low + 1 : high])
    .nice()
    .range([height - MARGIN.bottom, MARGIN.top]);
  const x = scaleBand<number>()
    .domain(values.map((_, index) => index))
    .range([MARGIN.left, width - MARGIN.right])
    .padding(0.2);
  const zeroY = y(0);
  const bars = values.map((value, index) => {
    // An infinite value runs to the edge of the plot; its label says ∞.
    const top = value === Infinity ? MARGIN.top : value === -Infinity ? height - MARGIN.bottom : y(value);
    return {
      key: String(index),
      label: labels[index] ?? String(index + 1),
      value,
      x: x(index) ?? 0,
      y: Math.min(top, zeroY),
      width: x.bandwidth(),
      height: Math.abs(zeroY - top),
    };
  });
  const ticks = y.ticks(4).map((tick) => ({ y: y(tick), label: format(tick) }));
  return { width, height, bars, zeroY, ticks, left: MARGIN.left, right: width - MARGIN.right };
}
