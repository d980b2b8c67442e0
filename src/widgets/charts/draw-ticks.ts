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
