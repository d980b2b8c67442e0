import { select } from "d3-selection";
import { fitViewBox, thinAxes } from "../charts/declutter";
import type { GradientLayout, Interval, Panel } from "./view";

/** Redraws a gradient-plot.astro SVG in place from a new layout (the markup the server wrote). */
export function drawGradients(svg: SVGSVGElement, layout: GradientLayout): void {
  const root = select(svg).attr("viewBox", `0 0 ${layout.width} ${layout.height}`);
  // The server always writes both panels in this order, so the data join is by index.
  const panels = root.selectAll<SVGGElement, Panel>("g.panel").data(layout.panels);
  panels.select(".panel-title").attr("y", (panel) => panel.top + 12);
  panels
    .select(".ticks")
    .selectAll<SVGTextElement, { x: number; y: number; label: string }>("text")
    .data((panel) => panel.ticks.map((tick) => ({ ...tick, y: panel.axisY + 14 })))
    .join("text")
    .attr("text-anchor", "middle")
    .attr("x", (tick) => tick.x)
    .attr("y", (tick) => tick.y)
    .text((tick) => tick.label);
  panels
    .select(".axis")
    .attr("x1", layout.left)
    .attr("x2", layout.right)
    .attr("y1", (panel) => panel.axisY)
    .attr("y2", (panel) => panel.axisY);
  panels
    .select(".exact")
    .attr("x1", (panel) => panel.exactX)
    .attr("x2", (panel) => panel.exactX);
  const intervals = panels
    .select(".intervals")
    .selectAll<SVGGElement, Interval>("g.interval")
    .data((panel) => panel.intervals);
  intervals
    .select("line")
    .attr("x1", (interval) => interval.lo)
    .attr("x2", (interval) => interval.hi);
  intervals.select("circle").attr("cx", (interval) => interval.x);
  intervals.select("text").text((interval) => interval.label);
  thinAxes(svg);
  fitViewBox(svg, layout.width, layout.height);
}
