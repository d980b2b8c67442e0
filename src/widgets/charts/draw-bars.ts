import { select } from "d3-selection";
import { fitViewBox, thinAxes, thinTickLabels } from "./declutter";
import { drawTicks, drawZeroLine } from "./draw-ticks";
import type { BarLayout } from "./bars";

/** Redraws a BarChart.astro SVG in place from a new layout (the same markup the server wrote). */
export function drawBars(svg: SVGSVGElement, layout: BarLayout): void {
  const root = select(svg).attr("viewBox", `0 0 ${layout.width} ${layout.height}`);
  drawTicks(root, layout);
  root
    .select("g.bars")
    .selectAll("rect")
    .data(layout.bars)
    .join("rect")
    .attr("x", (bar) => bar.x)
    .attr("y", (bar) => bar.y)
    .attr("width", (bar) => bar.width)
    .attr("height", (bar) => bar.height);
  root
    .select("g.labels")
    .selectAll("text")
    .data(layout.bars)
    .join("text")
    .attr("text-anchor", "middle")
    .attr("x", (bar) => bar.x + bar.width / 2)
    .attr("y", layout.height - 6)
    .text((bar) => bar.label);
  drawZeroLine(root, layout);
  thinAxes(svg);
  thinTickLabels(Array.from(svg.querySelectorAll<SVGTextElement>("g.labels text")));
  fitViewBox(svg, layout.width, layout.height);
}
