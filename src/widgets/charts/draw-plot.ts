import { select } from "d3-selection";
import { applySlider } from "../handles/slider";
import type { PlotDescription, PlotPath, PlotPoint, PlotTick } from "./plot";

/** Redraws a Plot.astro SVG in place from a new description (the same markup the server wrote). */
export function drawPlot(svg: SVGSVGElement, plot: PlotDescription): void {
  const root = select(svg).attr("viewBox", `0 0 ${plot.width} ${plot.height}`);
  const xTicks = root
    .select<SVGGElement>("g.x-ticks")
    .selectAll<SVGGElement, PlotTick>("g")
    .data(plot.xTicks)
    .join((enter) => {
      const g = enter.append("g");
      g.append("line");
      g.append("text").attr("text-anchor", "middle");
      return g;
    })
    .attr("transform", (tick) => `translate(${tick.position},0)`);
  xTicks.select("line").attr("y1", plot.top).attr("y2", plot.bottom);
  xTicks
    .select("text")
    .attr("y", plot.bottom + 14)
    .text((tick) => tick.label);
  const yTicks = root
    .select<SVGGElement>("g.y-ticks")
    .selectAll<SVGGElement, PlotTick>("g")
    .data(plot.yTicks)
    .join((enter) => {
      const g = enter.append("g");
      g.append("line");
      g.append("text").attr("dy", "0.32em").attr("text-anchor", "end");
      return g;
    })
    .attr("transform", (tick) => `translate(0,${tick.position})`);
  yTicks.select("line").attr("x1", plot.left).attr("x2", plot.right);
  yTicks
    .select("text")
    .attr("x", plot.left - 6)
    .text((tick) => tick.label);
  root
    .select("text.x-label")
    .attr("x", (plot.left + plot.right) / 2)
    .attr("y", plot.height - 2)
    .text(plot.xLabel);
  root.select("text.y-label").attr("x", plot.left).text(plot.yLabel);
  root
    .select("g.legend")
    .selectAll<SVGGElement, unknown>("g")
    .attr("transform", (_, index) => `translate(${plot.right - 150},${plot.top + 4 + index * 16})`);
  root
    .select("g.paths")
    .selectAll<SVGPathElement, PlotPath>("path")
    .data(plot.paths, keyOf)
    .join("path")
    .attr("class", (path) => path.className)
    .attr("data-key", (path) => path.key)
    .attr("d", (path) => path.d);
  root
    .select("g.points")
    .selectAll<SVGCircleElement, PlotPoint>("circle")
    .data(plot.points, keyOf)
    .join("circle")
    .attr("class", (point) => point.className)
    .attr("data-key", (point) => point.key)
    .attr("cx", (point) => point.cx)
    .attr("cy", (point) => point.cy)
    .attr("r", (point) => point.r)
    .each(function (point) {
      if (point.slider) applySlider(this, point.slider);
    });
  // A 1-D figure has no handles: its svg is an image again.
  root.attr("role", plot.points.some((point) => point.slider) ? "group" : "img");
}

/** Keys elements by data-key, so the server-rendered elements (which carry no bound datum yet) are reused. */
function keyOf(this: unknown, datum: { key: string } | undefined): string {
  return datum?.key ?? (this instanceof Element ? (this.getAttribute("data-key") ?? "") : "");
}
