import { describe, expect, it } from "vitest";
import { keyTarget, type HandleAxis } from "../../../src/widgets/handles/keys";
import { sliderAttributes } from "../../../src/widgets/handles/slider";

const axis = (value: number, min = 0, max = 1): HandleAxis => ({ value, min, max, step: 0.01, bigStep: 0.1 });

describe("keyTarget", () => {
  it("steps a 1-D handle up and down, by a big step with Shift or the Page keys, to its ends with Home/End", () => {
    const bar = [axis(0.5)];
    expect(keyTarget(bar, "ArrowUp", false)?.[0]).toBeCloseTo(0.51, 12);
    expect(keyTarget(bar, "ArrowRight", false)?.[0]).toBeCloseTo(0.51, 12);
    expect(keyTarget(bar, "ArrowDown", false)?.[0]).toBeCloseTo(0.49, 12);
    expect(keyTarget(bar, "ArrowLeft", true)?.[0]).toBeCloseTo(0.4, 12);
    expect(keyTarget(bar, "PageUp", false)?.[0]).toBeCloseTo(0.6, 12);
    expect(keyTarget(bar, "Home", false)).toEqual([0]);
    expect(keyTarget(bar, "End", false)).toEqual([1]);
    expect(keyTarget(bar, "a", false)).toBeUndefined();
  });

  it("keeps a value within its range", () => {
    expect(keyTarget([axis(0.995)], "ArrowUp", true)).toEqual([1]);
    expect(keyTarget([axis(0.3, 0.25, 0.5)], "PageDown", false)).toEqual([0.25]);
  });

  it("moves a 2-D handle's first value left and right, its second up and down", () => {
    const point = [axis(0, -5, 5), axis(1, -5, 5)];
    expect(keyTarget(point, "ArrowRight", false)).toEqual([0.01, 1]);
    expect(keyTarget(point, "ArrowDown", true)).toEqual([0, 0.9]);
    expect(keyTarget(point, "Home", false)).toBeUndefined();
  });
});

describe("sliderAttributes", () => {
  it("makes a focusable slider; a 1-D one carries its number and range, a 2-D one its values in text alone", () => {
    expect(sliderAttributes({ label: "Face 1", axes: [axis(0.25)], text: "25 %", orientation: "vertical" })).toEqual({
      role: "slider",
      tabindex: "0",
      "aria-label": "Face 1",
      "aria-valuetext": "25 %",
      "aria-valuenow": "0.25",
      "aria-valuemin": "0",
      "aria-valuemax": "1",
      "aria-orientation": "vertical",
    });
    const point = sliderAttributes({ label: "μ₁", axes: [axis(1), axis(2)], text: "μ₁ = (1, 2)" });
    expect(point["aria-valuetext"]).toBe("μ₁ = (1, 2)");
    expect(point).not.toHaveProperty("aria-valuenow");
  });
});
