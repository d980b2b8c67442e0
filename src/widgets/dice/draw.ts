import { select } from "d3-selection";
import { thinAxes } from "../charts/declutter";
import { applySlider } from "../handles/slider";
import { faceSlider } from "./text";
import type { FaceBar, PanelLayout, TraceLayout } from "./view";

/**
 * Redraws a panel.astro SVG in place from a new layout, its width included: the six faces' elements
 * are keyed by face (a handle keeps its focus).
 */
export function drawPanel(svg: SVGSVGElement, layout: PanelLayout, label: string): void {
  const root = select(svg).attr("aria-label", label).attr("viewBox", `0 0 ${layout.width} ${layout.height}`);
  root.selectAll(".ticks line, line.axis").attr("x1", layout.left).attr("x2", layout.right);
  root
    .selectAll<SVGGElement, PanelLayout["ticks"][number]>(".ticks g")
    .data(layout.ticks)
    .attr("transform", (tick) => `translate(0,${tick.y})`);
  root.selectAll(".ticks text").attr("x", layout.left - 5);
  root.select("line.axis").attr("y1", layout.baseY).attr("y2", layout.baseY);
  root
    .selectAll<SVGRectElement, FaceBar>("rect.bar")
    .data(layout.bars)
    .attr("class", (bar) => `bar role-${bar.role}`)
    .attr("x", (bar) => bar.x)
    .attr("width", (bar) => bar.width)
    .attr("y", (bar) => bar.y)
    .attr("height", (bar) => bar.height);
  root
    .selectAll<SVGLineElement, FaceBar>(".markers line")
    .data(layout.bars)
    .attr("x1", (bar) => bar.x - 3)
    .attr("x2", (bar) => bar.x + bar.width + 3)
    .attr("y1", (bar) => bar.markerY ?? layout.baseY)
    .attr("y2", (bar) => bar.markerY ?? layout.baseY)
    .attr("visibility", (bar) => (bar.markerY === undefined ? "hidden" : "visible"));
  root
    .selectAll<SVGTextElement, FaceBar>(".faces text")
    .data(layout.bars)
    .attr("class", (bar) => `role-${bar.role}`)
    .attr("x", (bar) => bar.x + bar.width / 2)
    .attr("y", layout.faceLabelY);
  root
    .selectAll<SVGRectElement, FaceBar>("rect.handle")
    .data(layout.bars)
    .attr("x", (bar) => bar.x - 2)
    .attr("width", (bar) => bar.width + 4)
    .attr("y", layout.topY)
    .attr("height", layout.baseY - layout.topY)
    .each(function (bar) {
      applySlider(this, faceSlider(bar.face, bar.value));
    });
}

/** Redraws a trace.astro SVG in place, its width included. */
export function drawTrace(svg: SVGSVGElement, layout: TraceLayout, label: string): void {
  const root = select(svg).attr("aria-label", label).attr("viewBox", `0 0 ${layout.width} ${layout.height}`);
  root.selectAll(".y-ticks line").attr("x1", layout.left).attr("x2", layout.right);
  root.select(".axis-label").attr("x", layout.right).attr("y", layout.axisLabelY);
  root
    .select(".x-ticks")
    .selectAll<SVGTextElement, TraceLayout["xTicks"][number]>("text")
    .data(layout.xTicks)
    .join((enter) => enter.append("text").attr("text-anchor", "middle"))
    .attr("x", (tick) => tick.x)
    .attr("y", layout.xTickY)
    .text((tick) => tick.label);
  root
    .select(".y-ticks")
    .selectAll<SVGGElement, TraceLayout["yTicks"][number]>("g")
    .data(layout.yTicks)
    .attr("transform", (tick) => `translate(0,${tick.y})`);
  root.selectAll(".y-ticks text").attr("x", layout.left - 5);
  root.select(".band").attr("d", layout.bandPath);
  root
    .select(".expectation")
    .attr("x1", layout.left)
    .attr("x2", layout.right)
    .attr("y1", layout.expectationY)
    .attr("y2", layout.expectationY);
  root.select(".mean").attr("d", layout.meanPath);
  thinAxes(svg);
}
