import type { Selection } from "d3-selection";

export interface TickLayout {
  readonly ticks: readonly { readonly y: number; readonly label: string }[];
  readonly left: number;
  readonly right: number;
}

/** Redraws the horizontal grid lines and value labels that every bar chart's `g.ticks` holds. */
export function drawTicks(root: Selection<SVGSVGElement, unknown, null, undefined>, layout: TickLayout): void {
  const ticks = root
    .select<SVGGElement>("g.ticks")
    .selectAll<SVGGElement, TickLayout["ticks"][number]>("g")
    .data(layout.ticks)
    .join((enter) => {
      const g = enter.append("g");
      g.append("line");
      g.append("text").attr("dy", "0.32em").attr("text-anchor", "end");
      return g;
    })
    .attr("transform", (tick) => `translate(0,${tick.y})`);
  ticks.select("line").attr("x1", layout.left).attr("x2", layout.right);
  ticks
    .select("text")
    .attr("x", layout.left - 6)
    .text((tick) => tick.label);
}

/** Places a horizontal line across the plot, from `left` to `right` at height `y`. */
export function placeHorizontalLine(
  line: Selection<SVGLineElement, unknown, null, undefined>,
  layout: { readonly left: number; readonly right: number },
  y: number,
): void {
  line.attr("x1", layout.left).attr("x2", layout.right).attr("y1", y).attr("y2", y);
}

/** Redraws the line at zero that every bar chart draws over its bars (`line.zero`). */
export function drawZeroLine(
  root: Selection<SVGSVGElement, unknown, null, undefined>,
  layout: TickLayout & { readonly zeroY: number },
): void {
  placeHorizontalLine(root.select<SVGLineElement>("line.zero"), layout, layout.zeroY);
}
