import { describe, expect, it } from "vitest";
import { fillHeight } from "../../../src/lib/fill-height";

describe("fillHeight", () => {
  // kl-gaussian on a 1280×720 projector slide: zoom 1.05, 28.2 screen px around the widget.
  const zoom = 1.05;
  const around = 28.2;
  const page = (widget: number) => around + widget;

  it("gives the same height whatever the widget's height when measured (its charts drawn or not)", () => {
    const heights = new Set<number>();
    for (let layout = 600; layout < 700; layout += 0.37) {
      const widget = layout * zoom;
      heights.add(fillHeight(720, page(widget), widget, zoom));
    }
    expect([...heights]).toEqual([657]);
  });

  it("fills the frame to within a zoomed pixel and never past it", () => {
    const widget = 640 * zoom;
    const height = fillHeight(720, page(widget), widget, zoom);
    const filled = around + height * zoom;
    expect(filled).toBeLessThanOrEqual(720 - zoom);
    expect(filled).toBeGreaterThan(720 - 2 * zoom);
  });

  it("keeps a whole number of pixels whole despite rounding error", () => {
    // A page of 0.1 + 0.2 = 0.30000000000000004 px around a 0.3 px widget in a 3 px frame: 2 px, not 1.
    expect(fillHeight(3, 0.1 + 0.2, 0.3, 1)).toBe(2);
  });
});
