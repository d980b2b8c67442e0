import { select } from "d3-selection";
import { applySlider, type SliderDescription } from "../handles/slider";
import { drawTicks, drawZeroLine } from "./draw-ticks";
import type { GroupedBar, GroupedLayout } from "./grouped-bars";

/** Redraws a GroupedBars.astro SVG in place from a new layout (the same markup the server wrote). */
export function drawGroups(svg: SVGSVGElement, layout: GroupedLayout, sliders?: readonly SliderDescription[]): void {
  const root = select(svg).attr("viewBox", `0 0 ${layout.width} ${layout.height}`);
  drawTicks(root, layout);
  root
    .select("g.bars")
    .selectAll<SVGRectElement, GroupedBar>("rect")
    .data(layout.bars)
    .join("rect")
    .attr("class", (bar) => `series-${bar.series}`)
    .attr("data-outcome", (bar) => bar.outcome)
    .attr("data-series", (bar) => bar.series)
    .attr("x", (bar) => bar.x)
    .attr("y", (bar) => bar.y)
    .attr("width", (bar) => bar.width)
    .attr("height", (bar) => bar.height);
  root
    .select("g.values")
    .selectAll("text")
    .data(layout.bars)
    .join("text")
    .attr("text-anchor", "middle")
    .attr("x", (bar) => bar.x + bar.width / 2)
    .attr("y", (bar) => bar.textY)
    .text((bar) => bar.text);
  root
    .select("g.labels")
    .selectAll("text")
    .data(layout.groups)
    .join("text")
    .attr("text-anchor", "middle")
    .attr("x", (group) => group.x)
    .attr("y", layout.height - 6)
    .text((group) => group.label);
  drawZeroLine(root, layout);
  if (!sliders) return;
  root
    .select("g.handles")
    .selectAll<SVGRectElement, GroupedBar>("rect")
    .data(layout.bars)
    .join((enter) => enter.append("rect").attr("class", "handle"))
    .attr("data-outcome", (bar) => bar.outcome)
    .attr("data-series", (bar) => bar.series)
    .attr("x", (bar) => bar.x)
    .attr("y", layout.top)
    .attr("width", (bar) => bar.width)
    .attr("height", layout.bottom - layout.top)
    .each(function (_, index) {
      const slider = sliders[index];
      if (slider) applySlider(this, slider);
    });
}
