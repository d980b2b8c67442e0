import { scaleLinear } from "d3-scale";
import { line } from "d3-shape";
import { formatNumber } from "../../lib/format";
import { gaussian, type Gaussian } from "../../lib/gaussian";
import { klGaussian } from "../../lib/kl-gaussian";
import { cholesky, fromRowMajor } from "../../lib/linalg";
import { chartBox, PLOT_MARGIN, type PlotDescription } from "../charts/plot";
import type { SliderDescription } from "../handles/slider";
import type { KlGaussianState } from "./spec";

/** The two normals and the closed form, from src/lib: shared by the shell and the element. */
export function klGaussianClosedForm(state: KlGaussianState) {
  const k = state.mu1.length;
  const p = gaussian(state.mu1, fromRowMajor(state.cov1, k));
  const q = gaussian(state.mu2, fromRowMajor(state.cov2, k));
  return { p, q, closedForm: klGaussian(p, q) };
}

/** The plane's visible ranges (2-D and up): a drag keeps those it started with. */
export interface PlaneView {
  readonly x: readonly [number, number];
  readonly y: readonly [number, number];
}

export interface GaussianFigure {
  readonly plot: PlotDescription;
  /** From SVG coordinates back to the plane of the first two coordinates (2-D and up). */
  readonly invert: (x: number, y: number) => [number, number];
  /** From the plane to SVG coordinates. */
  readonly position: (a: number, b: number) => [number, number];
  readonly view?: PlaneView;
}

const frame = (width: number, height: number) => chartBox(width, Math.round(height), PLOT_MARGIN);

const LEGEND = [
  { className: "series-p", label: "p = N(μ1, Σ1)" },
  { className: "series-q", label: "q = N(μ2, Σ2)" },
];

/** 1-D: both densities on a common axis. */
function densities(p: Gaussian, q: Gaussian, width: number, heightCap: number): GaussianFigure {
  const box = frame(width, Math.min(heightCap, Math.max(200, Math.min(260, width * 0.45))));
  const sd = (g: Gaussian) => Math.sqrt(g.covariance[0]?.[0] ?? 1);
  const m = (g: Gaussian) => g.mean[0] ?? 0;
  const low = Math.min(m(p) - 4 * sd(p), m(q) - 4 * sd(q));
  const high = Math.max(m(p) + 4 * sd(p), m(q) + 4 * sd(q));
  const x = scaleLinear().domain([low, high]).nice().range([box.left, box.right]);
  const grid = Array.from({ length: 241 }, (_, i) => low + ((high - low) * i) / 240);
  const peak = Math.max(...[p, q].map((g) => 1 / Math.sqrt(2 * Math.PI * sd(g) ** 2)));
  const y = scaleLinear().domain([0, peak]).nice().range([box.bottom, box.top]);
  const curve = (g: Gaussian) =>
    line<number>()
      .x((value) => x(value))
      .y((value) => y(Math.exp(g.logDensity([value]))))(grid) ?? "";
  return {
    plot: {
      ...box,
      xTicks: x.ticks(7).map((tick) => ({ position: x(tick), label: formatNumber(tick, 3) })),
      yTicks: y.ticks(4).map((tick) => ({ position: y(tick), label: formatNumber(tick, 3) })),
      xLabel: "x",
      yLabel: "density",
      paths: [
        { key: "p", className: "series-p", d: curve(p) },
        { key: "q", className: "series-q", d: curve(q) },
      ],
      points: [],
      legend: LEGEND,
    },
    invert: (px) => [x.invert(px), 0],
    position: (a) => [x(a), box.bottom],
  };
}

/** The first two coordinates' marginal: mean and top-left 2×2 block of the covariance. */
const marginal = (g: Gaussian) => ({
  mean: [g.mean[0] ?? 0, g.mean[1] ?? 0] as const,
  factor: cholesky([
    [g.covariance[0]?.[0] ?? 1, g.covariance[0]?.[1] ?? 0],
    [g.covariance[1]?.[0] ?? 0, g.covariance[1]?.[1] ?? 1],
  ]),
});

/** A mean as a handle: both of its first two coordinates in its value text. */
const meanSlider = (name: "μ₁" | "μ₂", mean: readonly [number, number]): SliderDescription => ({
  label: `Mean ${name} (first two coordinates)`,
  axes: mean.map((value) => ({ value, min: -Infinity, max: Infinity })),
  text: `${name} = (${formatNumber(mean[0], 3)}, ${formatNumber(mean[1], 3)})`,
});

/**
 * 2-D and up: the ellipses at one and two Mahalanobis units of both normals, with their means; the
 * plane fits both, or shows `view` (a drag keeps its scales).
 */
function ellipses(p: Gaussian, q: Gaussian, width: number, heightCap: number, view?: PlaneView): GaussianFigure {
  const box = frame(width, Math.min(heightCap, Math.max(280, Math.min(350, width * 0.75))));
  const shapes = [p, q].map(marginal);
  const outline = (shape: ReturnType<typeof marginal>, radius: number) =>
    Array.from({ length: 97 }, (_, i) => {
      const angle = (2 * Math.PI * i) / 96;
      const [c, s] = [Math.cos(angle) * radius, Math.sin(angle) * radius];
      const l = shape.factor;
      return [shape.mean[0] + (l[0]?.[0] ?? 0) * c, shape.mean[1] + (l[1]?.[0] ?? 0) * c + (l[1]?.[1] ?? 0) * s] as [
        number,
        number,
      ];
    });
  const outer = shapes.flatMap((shape) => outline(shape, 2.5));
  const xs = outer.map(([a]) => a);
  const ys = outer.map(([, b]) => b);
  // Equal units on both axes, so that a circle of the plane looks like a circle.
  const [xLow, xHigh, yLow, yHigh] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const pixelsPerUnit = Math.min((box.right - box.left) / (xHigh - xLow), (box.bottom - box.top) / (yHigh - yLow));
  const xMid = (xLow + xHigh) / 2;
  const yMid = (yLow + yHigh) / 2;
  const xHalf = (box.right - box.left) / 2 / pixelsPerUnit;
  const yHalf = (box.bottom - box.top) / 2 / pixelsPerUnit;
  const x = scaleLinear()
    .domain(view?.x ?? [xMid - xHalf, xMid + xHalf])
    .range([box.left, box.right]);
  const y = scaleLinear()
    .domain(view?.y ?? [yMid - yHalf, yMid + yHalf])
    .range([box.bottom, box.top]);
  const path = (points: [number, number][]) =>
    line<[number, number]>()
      .x(([a]) => x(a))
      .y(([, b]) => y(b))(points) ?? "";
  const names = ["p", "q"] as const;
  return {
    plot: {
      ...box,
      xTicks: x.ticks(7).map((tick) => ({ position: x(tick), label: formatNumber(tick, 3) })),
      yTicks: y.ticks(6).map((tick) => ({ position: y(tick), label: formatNumber(tick, 3) })),
      xLabel: "x₁",
      yLabel: "x₂",
      paths: shapes.flatMap((shape, index) => [
        { key: `${names[index]}-1`, className: `series-${names[index]}`, d: path(outline(shape, 1)) },
        { key: `${names[index]}-2`, className: `series-${names[index]} outer`, d: path(outline(shape, 2)) },
      ]),
      points: shapes.map((shape, index) => ({
        key: names[index] as string,
        className: `series-${names[index]}`,
        cx: x(shape.mean[0]),
        cy: y(shape.mean[1]),
        // 10 units: a finger's target of about 24 px with the stroke, at the phone's 1:1 scale.
        r: 10,
        slider: meanSlider(index === 0 ? "μ₁" : "μ₂", shape.mean),
      })),
      legend: LEGEND,
    },
    invert: (px, py) => [x.invert(px), y.invert(py)],
    position: (a, b) => [x(a), y(b)],
    view: { x: [x.domain()[0] ?? 0, x.domain()[1] ?? 1], y: [y.domain()[0] ?? 0, y.domain()[1] ?? 1] },
  };
}

export function gaussianFigure(
  p: Gaussian,
  q: Gaussian,
  width = 640,
  heightCap = Infinity,
  view?: PlaneView,
): GaussianFigure {
  return p.dimension === 1 ? densities(p, q, width, heightCap) : ellipses(p, q, width, heightCap, view);
}

export function figureCaption(k: number): string {
  if (k === 1) return "The two densities: the KL weighs log(p/q) by p, so it counts where p has mass.";
  const which = k === 2 ? "" : ` of the first two of ${k} coordinates`;
  return `Ellipses${which} at 1 and 2 Mahalanobis units; drag a mean.`;
}

/** The convergence chart's axis title: short enough for a chart in a column of a projector slide. */
export const KL_ESTIMATE_LABEL = "KL estimate (nats)";
