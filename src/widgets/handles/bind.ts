import { keyTarget, type HandleAxis } from "./keys";

/** Marks a handle focused by a pointer, whose focus ring stays hidden (widget.css). */
const POINTER_FOCUS = "data-pointer-focus";

/** A handle taken by a pointer or a key: what it shows now and how to change it. */
export interface Grab {
  /** The handle's value(s) now: one for a bar or a border, two (horizontal, vertical) for a point. */
  readonly axes: readonly HandleAxis[];
  /** Where the value is drawn, in the SVG's viewBox units; the pointer keeps its offset from it. */
  readonly anchor: { readonly x: number; readonly y: number };
  /** The value(s) drawn at a point of the viewBox, with the scales of the grab (frozen for the drag). */
  valuesAt(x: number, y: number): number[];
  /** Sets the value(s), from the state as it was at the grab (so a drag there and back returns it). */
  set(values: readonly number[]): void;
}

export interface HandleBindings {
  /** Selects the handles among the SVG's descendants. */
  readonly selector: string;
  /** Called when a pointer presses a handle or a key is pressed on it; undefined ignores it. */
  grab(handle: SVGElement): Grab | undefined;
  /** The drag is over (released or cancelled): the view may refit its scales now. */
  release?(): void;
}

export interface BoundHandles {
  /** True while a pointer drags a handle: the widget keeps its scales as they were at the grab. */
  readonly dragging: boolean;
}

/**
 * Binds the handles of `svg` (docs/widget-contract.md rule 8): Pointer Events, so a mouse, a finger
 * and a pen drag alike, with the pointer captured by the SVG (a redraw may replace the handle). A
 * finger's drag on a handle does not scroll the page (`touch-action: none` in widget.css, and a
 * cancelled touchstart where the browser ignores touch-action on SVG shapes), and elsewhere on the
 * plot it still does. A press does not move the value: the pointer keeps its offset from the value's
 * mark, and moving it back returns the value. Keys follow `keyTarget`. Every listener goes away when
 * `signal` aborts. A handle a pointer focused carries `data-pointer-focus` until a key is pressed on it
 * or it loses focus: the focus ring is for the keyboard (`:focus-visible`, which Chromium also
 * matches after a script's focus()), see widget.css.
 */
export function bindHandles(svg: SVGSVGElement, bindings: HandleBindings, signal: AbortSignal): BoundHandles {
  let drag:
    { pointerId: number; grab: Grab; start: DOMPoint; offset: { x: number; y: number }; moved: boolean } | undefined;
  const handleOf = (event: Event) =>
    event.target instanceof Element ? event.target.closest<SVGElement>(bindings.selector) : null;
  const toViewBox = (event: PointerEvent) => {
    const matrix = svg.getScreenCTM();
    return matrix && new DOMPoint(event.clientX, event.clientY).matrixTransform(matrix.inverse());
  };
  const end = (event: PointerEvent) => {
    if (!drag || event.pointerId !== drag.pointerId) return;
    drag = undefined;
    svg.removeAttribute("data-dragging");
    bindings.release?.();
  };
  const listen = <K extends keyof SVGElementEventMap>(type: K, listener: (event: SVGElementEventMap[K]) => void) =>
    svg.addEventListener(type, listener, { signal });

  listen("pointerdown", (event) => {
    const handle = handleOf(event);
    if (!handle || drag || (event.pointerType === "mouse" && event.button !== 0)) return;
    const grab = bindings.grab(handle);
    const start = toViewBox(event);
    if (!grab || !start) return;
    event.preventDefault();
    handle.setAttribute(POINTER_FOCUS, "");
    handle.focus({ preventScroll: true });
    drag = {
      pointerId: event.pointerId,
      grab,
      start,
      offset: { x: grab.anchor.x - start.x, y: grab.anchor.y - start.y },
      moved: false,
    };
    svg.setAttribute("data-dragging", "");
    svg.setPointerCapture(event.pointerId);
  });
  listen("pointermove", (event) => {
    if (!drag || event.pointerId !== drag.pointerId) return;
    const point = toViewBox(event);
    // Only a move changes the value: a press, or a finger's jitter-free hold, leaves the state alone.
    if (!point || (point.x === drag.start.x && point.y === drag.start.y && !drag.moved)) return;
    drag.moved = true;
    const values = drag.grab.valuesAt(point.x + drag.offset.x, point.y + drag.offset.y);
    if (values.every(Number.isFinite)) drag.grab.set(values);
  });
  // Chromium honours touch-action on an <svg> but not on the shapes inside it.
  svg.addEventListener("touchstart", (event) => handleOf(event) && event.preventDefault(), { signal, passive: false });
  listen("pointerup", end);
  listen("pointercancel", end);
  listen("lostpointercapture", end);
  // On the document, not the SVG: Chromium puts an SVG element with focus listeners in the Tab order.
  document.addEventListener("focusout", (event) => handleOf(event)?.removeAttribute(POINTER_FOCUS), { signal });
  listen("keydown", (event) => {
    const handle = handleOf(event);
    handle?.removeAttribute(POINTER_FOCUS);
    const grab = handle && bindings.grab(handle);
    const values = grab && keyTarget(grab.axes, event.key, event.shiftKey);
    if (!grab || !values) return;
    event.preventDefault();
    grab.set(values);
  });
  return {
    get dragging() {
      return drag !== undefined;
    },
  };
}
