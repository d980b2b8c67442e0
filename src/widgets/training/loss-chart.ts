import { axisBottom, axisLeft } from "d3-axis";
import { scaleLinear } from "d3-scale";
import { select } from "d3-selection";
import { line } from "d3-shape";

export interface Series {
  readonly label: string;
  /** A CSS colour, e.g. "var(--series-1)". */
  readonly colour: string;
  readonly points: readonly (readonly [number, number])[];
  /** Dots instead of a line (held-out evaluations). */
  readonly dots?: boolean;
  /** Drawn pale and dashed: a finished earlier run kept for comparison. */
  readonly faint?: boolean;
}

/** The points of a curve up to training step `step`, for a model restored to that step. */
export function upTo(points: readonly [number, number][], step: number): [number, number][] {
  return points.filter(([at]) => at <= step);
}

/** A small line chart of losses against training steps, redrawn in place at the SVG's width. */
export function drawLossChart(svg: SVGSVGElement, series: readonly Series[], yLabel: string): void {
  const width = Math.max(240, Math.round(svg.getBoundingClientRect().width) || 480);
  const height = 196;
  const margin = { top: 18, right: 12, bottom: 46, left: 48 };
  const all = series.flatMap((s) => s.points).filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
  const root = select(svg).attr("viewBox", `0 0 ${width} ${height}`);
  root.selectAll("*").remove();
  if (all.length === 0) return;
  const x = scaleLinear()
    .domain([0, Math.max(1, ...all.map(([step]) => step))])
    .range([margin.left, width - margin.right]);
  const ys = all.map(([, value]) => value);
  const y = scaleLinear()
    .domain([Math.min(0, ...ys), Math.max(...ys) * 1.05 || 1])
    .nice()
    .range([height - margin.bottom, margin.top]);
  root
    .append("g")
    .attr("transform", `translate(0,${height - margin.bottom})`)
    .call(axisBottom(x).ticks(5));
  root.append("g").attr("transform", `translate(${margin.left},0)`).call(axisLeft(y).ticks(4));
  root
    .append("text")
    .attr("x", width - margin.right)
    .attr("y", height - 18)
    .attr("text-anchor", "end")
    .text("training steps");
  root.append("text").attr("x", 4).attr("y", 11).text(yLabel);
  const path = line<readonly [number, number]>()
    .x(([step]) => x(step))
    .y(([, value]) => y(value));
  for (const s of series) {
    const points = s.points.filter(([a, b]) => Number.isFinite(a) && Number.isFinite(b));
    if (s.dots) {
      root
        .append("g")
        .attr("fill", s.colour)
        .attr("opacity", s.faint ? 0.35 : 1)
        .selectAll("circle")
        .data(points)
        .join("circle")
        .attr("r", 3)
        .attr("cx", ([step]) => x(step))
        .attr("cy", ([, value]) => y(value));
    } else {
      root
        .append("path")
        .attr("fill", "none")
        .attr("stroke", s.colour)
        .attr("stroke-width", 1.5)
        .attr("stroke-opacity", s.faint ? 0.4 : 1)
        .attr("stroke-dasharray", s.faint ? "4 3" : null)
        .attr("d", path(points));
    }
  }
  const legend = root.append("g").attr("transform", `translate(${margin.left},${height - 4})`);
  // Series without a label stay out of the legend; items are spaced by their labels' lengths.
  let left = 0;
  for (const s of series.filter((entry) => entry.label)) {
    const item = legend.append("g").attr("transform", `translate(${left},0)`);
    left += 30 + s.label.length * 7;
    item.append("text").attr("x", 14).attr("dy", "0.1em").text(s.label);
  }
}
