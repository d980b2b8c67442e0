import { select } from "d3-selection";
import { applySlider } from "../handles/slider";
import { faceSlider } from "./text";
import type { FaceBar, PanelLayout, TraceLayout } from "./view";

/** Redraws a panel.astro SVG in place from a new layout: the six faces' elements are keyed by face. */
export function drawPanel(svg: SVGSVGElement, layout: PanelLayout, label: string): void {
  const root = select(svg).attr("aria-label", label);
  root
    .selectAll<SVGRectElement, FaceBar>("rect.bar")
    .data(layout.bars)
    .attr("class", (bar) => `bar role-${bar.role}`)
    .attr("y", (bar) => bar.y)
    .attr("height", (bar) => bar.height);
  root
    .selectAll<SVGLineElement, FaceBar>(".markers line")
    .data(layout.bars)
    .attr("y1", (bar) => bar.markerY ?? layout.baseY)
    .attr("y2", (bar) => bar.markerY ?? layout.baseY)
    .attr("visibility", (bar) => (bar.markerY === undefined ? "hidden" : "visible"));
  root
    .selectAll<SVGTextElement, FaceBar>(".faces text")
    .data(layout.bars)
    .attr("class", (bar) => `role-${bar.role}`);
  root
    .selectAll<SVGRectElement, FaceBar>("rect.handle")
    .data(layout.bars)
    .each(function (bar) {
      applySlider(this, faceSlider(bar.face, bar.value));
    });
}

/** Redraws a trace.astro SVG in place. */
export function drawTrace(svg: SVGSVGElement, layout: TraceLayout, label: string): void {
  const root = select(svg).attr("aria-label", label);
  root
    .select(".x-ticks")
    .selectAll<SVGTextElement, TraceLayout["xTicks"][number]>("text")
    .data(layout.xTicks)
    .join((enter) => enter.append("text").attr("text-anchor", "middle"))
    .attr("x", (tick) => tick.x)
    .attr("y", layout.baseY + 14)
    .text((tick) => tick.label);
  root.select(".band").attr("d", layout.bandPath);
  root.select(".expectation").attr("y1", layout.expectationY).attr("y2", layout.expectationY);
  root.select(".mean").attr("d", layout.meanPath);
}
