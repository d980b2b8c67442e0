import type { SliderDescription } from "../handles/slider";

/**
 * A small plot as plain data (paths, points, ticks) with no DOM: the shell renders it as static
 * SVG (Plot.astro) and the element redraws the same description with D3 (draw-plot.ts).
 */
export interface PlotTick {
  readonly position: number;
  readonly label: string;
}

export interface PlotPath {
  readonly key: string;
  readonly className: string;
  readonly d: string;
}

export interface PlotPoint {
  readonly key: string;
  readonly className: string;
  readonly cx: number;
  readonly cy: number;
  readonly r: number;
  /** Makes the point a handle (src/widgets/handles). */
  readonly slider?: SliderDescription;
}

/** A chart's viewBox size and the inner edges of its plotting area, in viewBox units: what every chart layout has. */
export interface ChartBox {
  readonly width: number;
  readonly height: number;
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

export interface PlotDescription extends ChartBox {
  readonly xTicks: readonly PlotTick[];
  readonly yTicks: readonly PlotTick[];
  readonly xLabel: string;
  readonly yLabel: string;
  readonly paths: readonly PlotPath[];
  readonly points: readonly PlotPoint[];
  readonly legend: readonly { readonly className: string; readonly label: string }[];
}

export const PLOT_MARGIN = { top: 24, right: 12, bottom: 34, left: 52 };

/** The box of a chart `width` × `height` (viewBox units) whose plotting area keeps `margin` from each edge. */
export function chartBox(
  width: number,
  height: number,
  margin: { readonly top: number; readonly right: number; readonly bottom: number; readonly left: number },
): ChartBox {
  return {
    width,
    height,
    left: margin.left,
    right: width - margin.right,
    top: margin.top,
    bottom: height - margin.bottom,
  };
}
