import type { HandleAxis } from "./keys";

/** What a screen reader says of a handle: its name and value(s). */
export interface SliderDescription {
  readonly label: string;
  /** One axis for a bar or a border, two for a point. */
  readonly axes: readonly Pick<HandleAxis, "value" | "min" | "max">[];
  /** The value(s) as read: a 2-D handle names both here, since aria-valuenow holds one number. */
  readonly text: string;
  readonly orientation?: "horizontal" | "vertical";
}

/**
 * The attributes that make an SVG element a handle (docs/widget-contract.md rule 8): role="slider",
 * focusable, named, with its value; the same for the server's markup and the browser's redraw.
 */
export function sliderAttributes(slider: SliderDescription): Record<string, string> {
  const [only, second] = slider.axes;
  const attributes: Record<string, string> = {
    role: "slider",
    tabindex: "0",
    "aria-label": slider.label,
    "aria-valuetext": slider.text,
  };
  // aria-valuenow/min/max describe one number; a 2-D handle's two values are in aria-valuetext alone.
  if (only && !second) {
    attributes["aria-valuenow"] = String(only.value);
    attributes["aria-valuemin"] = String(only.min);
    attributes["aria-valuemax"] = String(only.max);
  }
  if (slider.orientation) attributes["aria-orientation"] = slider.orientation;
  return attributes;
}

/** Sets a handle's slider attributes in the browser (after a redraw). */
export function applySlider(element: Element, slider: SliderDescription): void {
  for (const [name, value] of Object.entries(sliderAttributes(slider))) element.setAttribute(name, value);
}
