import { scaleLinear, scaleLog } from "d3-scale";
import { area, line } from "d3-shape";
import { formatNumber } from "../../lib/format";
import type { MonteCarloPoint } from "../../lib/monte-carlo";
import { chartBox, PLOT_MARGIN, type PlotDescription } from "./plot";

/**
 * How a Monte Carlo estimate converges as n grows: the running estimate, its ±2 standard-error
 * band (from n = 2 on, where the spread is first defined), and the exact value as a dashed line.
 */
export function convergencePlot(
  path: readonly MonteCarloPoint[],
  exact: number,
  yLabel: string,
  width = 640,
  heightCap = Infinity,
): PlotDescription {
  const height = Math.round(Math.min(heightCap, Math.max(180, Math.min(240, width * 0.4))));
  const spread = path.filter((point) => Number.isFinite(point.standardError));
  const lastN = path.at(-1)?.n ?? 1;
  const x = scaleLog()
    .domain([1, Math.max(10, lastN)])
    .range([PLOT_MARGIN.left, width - PLOT_MARGIN.right]);
  // Show the band where it is informative: clip the early, very wide part to ±3 of the final spread.
  const values = [exact, ...path.map((point) => point.mean)];
  const finalBand = 2 * (spread.at(-1)?.standardError ?? 0);
  const reach = Math.max(...values.map((value) => Math.abs(value - exact)), finalBand * 3, 1e-9);
  const y = scaleLinear()
    .domain([exact - reach, exact + reach])
    .nice()
    .range([height - PLOT_MARGIN.bottom, PLOT_MARGIN.top]);
  const [low, high] = y.domain() as [number, number];
  const clip = (value: number) => Math.min(high, Math.max(low, value));
  const band =
    area<MonteCarloPoint>()
      .x((point) => x(point.n))
      .y0((point) => y(clip(point.mean - 2 * point.standardError)))
      .y1((point) => y(clip(point.mean + 2 * point.standardError)))(spread) ?? "";
  const estimate =
    line<MonteCarloPoint>()
      .x((point) => x(point.n))
      .y((point) => y(clip(point.mean)))(path) ?? "";
  const [xStart, xEnd] = x.range() as [number, number];
  return {
    ...chartBox(width, height, PLOT_MARGIN),
    xTicks: x
      .ticks(6)
      .filter((tick) => Number.isInteger(Math.log10(tick)))
      .map((tick) => ({
        position: x(tick),
        label: tick >= 1000 ? tick.toExponential(0).replace("e+", "e") : String(tick),
      })),
    yTicks: y.ticks(5).map((tick) => ({ position: y(tick), label: formatNumber(tick, 3) })),
    // Short enough for a chart in a 12rem column of a projector slide (18 px bold labels).
    xLabel: "samples n (log scale)",
    yLabel,
    paths: [
      { key: "band", className: "band", d: band },
      { key: "exact", className: "exact", d: `M${xStart},${y(exact)}H${xEnd}` },
      { key: "estimate", className: "estimate", d: estimate },
    ],
    points: [],
    legend: [
      { className: "estimate", label: "estimate" },
      { className: "band", label: "± 2 standard errors" },
      { className: "exact", label: "exact value" },
    ],
  };
}
