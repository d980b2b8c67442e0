import { select } from "d3-selection";
import { fitViewBox, liftApart, thinAxes, thinTickLabels } from "../charts/declutter";
import { placeHorizontalLine } from "../charts/draw-ticks";
import { identityRowLabels, type DensityLayout, type Estimate, type IdentityLayout, type Tick } from "./view";

/** Redraws a density-plot.astro SVG in place from a new layout (the markup the server wrote). */
export function drawDensities(svg: SVGSVGElement, layout: DensityLayout): void {
  const root = select(svg).attr("viewBox", `0 0 ${layout.width} ${layout.height}`);
  placeHorizontalLine(root.select<SVGLineElement>(".axis line"), layout, layout.axisY);
  root
    .select(".axis")
    .selectAll<SVGTextElement, Tick>("text")
    .data(layout.ticks)
    .join("text")
    .attr("text-anchor", "middle")
    .attr("x", (tick) => tick.x)
    .attr("y", layout.axisY + 16)
    .text((tick) => tick.label);
  root
    .select(".curves")
    .selectAll("path")
    .data(layout.curves)
    .join("path")
    .attr("class", (curve) => `curve-${curve.key}`)
    .attr("d", (curve) => curve.path);
  root
    .select(".curve-labels")
    .selectAll("text")
    .data(layout.curves)
    .join("text")
    .attr("class", (curve) => `label-${curve.key}`)
    .attr("text-anchor", "middle")
    .attr("x", (curve) => curve.labelX)
    .attr("y", (curve) => curve.labelY)
    .text((curve) => curve.label);
  thinTickLabels(Array.from(svg.querySelectorAll<SVGTextElement>(".axis text")));
  liftApart(Array.from(svg.querySelectorAll<SVGTextElement>(".curve-labels text")));
  fitViewBox(svg, layout.width, layout.height);
}

/**
 * The width in SVG units of the widest long row label of an identity-bars SVG at the text size the
 * theme sets (0 before it is rendered): each label set to its long form and measured. It forces a
 * layout: call it once per figure size, not on every input.
 */
export function rowLabelWidth(svg: SVGSVGElement, k: number): number {
  const long = identityRowLabels(k, "long");
  const widths = Array.from(svg.querySelectorAll<SVGTextElement>(".row-labels text")).map((text, row) => {
    text.textContent = long[row] ?? text.textContent;
    return text.getComputedTextLength();
  });
  return Math.max(0, ...widths);
}

/** Redraws an identity-bars.astro SVG in place from a new layout. */
export function drawIdentity(svg: SVGSVGElement, layout: IdentityLayout): void {
  const root = select(svg).attr("viewBox", `0 0 ${layout.width} ${layout.height}`);
  const top = layout.rowY[0] ?? 0;
  const ticks = root
    .select(".ticks")
    .selectAll<SVGGElement, Tick>("g")
    .data(layout.ticks)
    .join((enter) => {
      const g = enter.append("g");
      g.append("line");
      g.append("text").attr("text-anchor", "middle");
      return g;
    })
    .attr("transform", (tick) => `translate(${tick.x},0)`);
  ticks.select("line").attr("y1", top).attr("y2", layout.axisY);
  ticks
    .select("text")
    .attr("y", layout.axisY + 16)
    .text((tick) => tick.label);
  root
    .select(".row-labels")
    .selectAll("text")
    .data(layout.rowLabels)
    .join("text")
    .attr("x", 4)
    .attr("y", (_, row) => (layout.rowY[row] ?? 0) + layout.rowHeight / 2)
    .attr("dy", "0.32em")
    .text((text) => text);
  root
    .select(".segments")
    .selectAll("rect")
    .data(layout.segments)
    .join("rect")
    .attr("class", (segment) => `segment-${segment.key}`)
    .attr("x", (segment) => segment.x)
    .attr("y", (segment) => segment.y)
    .attr("width", (segment) => segment.width)
    .attr("height", (segment) => segment.height);
  root.select(".zero").attr("x1", layout.zeroX).attr("x2", layout.zeroX);
  root.select(".evidence").attr("x1", layout.evidenceX).attr("x2", layout.evidenceX);
  root
    .select(".estimates")
    .selectAll<SVGGElement, Estimate>("g")
    .data(layout.estimates)
    .join((enter) => {
      const g = enter.append("g");
      g.append("line");
      g.append("circle").attr("r", 5);
      return g;
    })
    .attr("class", (estimate) => `estimate-${estimate.key}`)
    .each(function (estimate) {
      const g = select(this);
      placeHorizontalLine(g.select<SVGLineElement>("line"), { left: estimate.lo, right: estimate.hi }, estimate.y);
      g.select("circle").attr("cx", estimate.x).attr("cy", estimate.y);
    });
  thinAxes(svg);
  fitViewBox(svg, layout.width, layout.height);
}
