import { select } from "d3-selection";
import { applySlider } from "../handles/slider";
import { borderSlider, likelihoodSlider } from "./text";
import { ROW_TITLES, type AreaLayout, type BorderHandle, type Column } from "./view";

/**
 * Redraws an area.astro SVG in place from a new layout, its size included; columns, pieces and
 * handles join by hypothesis index.
 */
export function drawArea(svg: SVGSVGElement, layout: AreaLayout, label: string): void {
  const root = select(svg).attr("aria-label", label).attr("viewBox", `0 0 ${layout.width} ${layout.height}`);
  root
    .selectAll(".ticks text")
    .data(layout.ticks)
    .attr("x", layout.left - 4)
    .attr("y", (tick) => tick.y);
  const columns = root
    .select("g.columns")
    .selectAll<SVGGElement, Column>("g.column")
    .data(layout.columns)
    .join((enter) => {
      const g = enter.append("g").attr("class", "column");
      g.append("rect").attr("class", "rest");
      g.append("rect");
      g.append("text").attr("class", "column-label").attr("text-anchor", "middle");
      return g;
    });
  columns
    .select("rect.rest")
    .attr("x", (c) => c.x)
    .attr("y", layout.top)
    .attr("width", (c) => c.width)
    .attr("height", layout.squareBottom - layout.top);
  columns
    .select("rect:nth-of-type(2)")
    .attr("class", (c) => `shaded h-${c.index}`)
    .attr("x", (c) => c.x)
    .attr("y", (c) => c.shadedY)
    .attr("width", (c) => c.width)
    .attr("height", (c) => c.shadedHeight);
  columns
    .select("text")
    .attr("x", (c) => c.x + c.width / 2)
    .attr("y", layout.columnLabelY)
    .attr("visibility", (c) => (c.showLabel ? "visible" : "hidden"))
    .text((c) => c.label);

  for (const [group, xOf, widthOf, y] of [
    ["g.evidence", (c: Column) => c.evidenceX, (c: Column) => c.evidenceWidth, layout.evidenceY],
    ["g.posterior", (c: Column) => c.posteriorX, (c: Column) => c.posteriorWidth, layout.posteriorY],
  ] as const) {
    root
      .select(group)
      .selectAll<SVGRectElement, Column>("rect")
      .data(layout.columns)
      .join("rect")
      .attr("class", (c) => `h-${c.index}`)
      .attr("x", xOf)
      .attr("y", y)
      .attr("width", widthOf)
      .attr("height", layout.rowHeight);
  }

  root
    .select("rect.row-frame")
    .attr("x", layout.left)
    .attr("y", layout.evidenceY)
    .attr("width", layout.right - layout.left)
    .attr("height", layout.rowHeight);
  for (const row of ["evidence", "posterior"] as const) {
    const title = svg.querySelector<SVGTextElement>(`text.row-label[data-row="${row}"]`);
    if (!title) continue;
    title.setAttribute("x", String(layout.left));
    title.setAttribute("y", String(row === "evidence" ? layout.evidenceLabelY : layout.posteriorLabelY));
    // The long title where it fits the diagram's width as drawn (font and zoom included), else the short one.
    const [long, short] = ROW_TITLES[row];
    title.textContent = long;
    if (title.getComputedTextLength() > layout.width - layout.left) title.textContent = short;
  }

  const handles = root.select("g.handles");
  handles
    .selectAll<SVGRectElement, Column>("rect.likelihood-handle")
    .data(layout.columns)
    .join((enter) => enter.insert("rect", "rect.prior-handle").attr("class", "likelihood-handle").attr("height", 14))
    .attr("data-index", (c) => c.index)
    .attr("x", (c) => c.handleX)
    .attr("y", (c) => c.shadedY - 7)
    .attr("width", (c) => c.handleWidth)
    .each(function (c) {
      applySlider(this, likelihoodSlider(c));
    });
  handles
    .selectAll<SVGRectElement, BorderHandle>("rect.prior-handle")
    .data(layout.borders)
    .join((enter) => enter.append("rect").attr("class", "prior-handle").attr("width", 12))
    .attr("data-index", (b) => b.index)
    .attr("x", (b) => b.x - 6)
    .attr("y", layout.top)
    .attr("height", layout.squareBottom - layout.top)
    .each(function (b) {
      applySlider(this, borderSlider(b));
    });
}
