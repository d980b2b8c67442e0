/**
 * Slider handles drawn inside an SVG (role="slider", tabindex="0"): pointer dragging with capture,
 * in the SVG's own coordinates, and keyboard steps. Shared by the widgets with draggable marks.
 */

/** Arrow keys step by 0.01, Page keys by 0.1; Home and End go to the ends of the range. */
const KEY_STEPS: Readonly<Record<string, number>> = {
  ArrowUp: 0.01,
  ArrowRight: 0.01,
  ArrowDown: -0.01,
  ArrowLeft: -0.01,
  PageUp: 0.1,
  PageDown: -0.1,
};

export type KeyStep = number | "min" | "max";

export interface HandleBindings {
  /** Selects the handles among the SVG's descendants. */
  readonly selector: string;
  /** A pointer dragged `handle` to `point`, in viewBox units. */
  onDrag(handle: SVGElement, point: DOMPoint): void;
  /** A key on a focused handle: a step to add, or one end of its range. */
  onKey(handle: SVGElement, step: KeyStep): void;
}

/** Binds the handles of `svg`; every listener goes away when `signal` aborts. */
export function bindSvgHandles(svg: SVGSVGElement, bindings: HandleBindings, signal: AbortSignal): void {
  let dragging: { handle: SVGElement; pointerId: number } | undefined;
  const handleOf = (event: Event) => (event.target as Element).closest<SVGElement>(bindings.selector);
  const moveTo = (event: PointerEvent) => {
    const matrix = svg.getScreenCTM();
    if (!dragging || event.pointerId !== dragging.pointerId || !matrix) return;
    bindings.onDrag(dragging.handle, new DOMPoint(event.clientX, event.clientY).matrixTransform(matrix.inverse()));
  };
  svg.addEventListener(
    "pointerdown",
    (event) => {
      const handle = handleOf(event);
      if (!handle) return;
      event.preventDefault();
      handle.focus();
      dragging = { handle, pointerId: event.pointerId };
      svg.setPointerCapture(event.pointerId);
      moveTo(event);
    },
    { signal },
  );
  svg.addEventListener("pointermove", moveTo, { signal });
  for (const type of ["pointerup", "pointercancel", "lostpointercapture"]) {
    svg.addEventListener(type, () => (dragging = undefined), { signal });
  }
  svg.addEventListener(
    "keydown",
    (event) => {
      const handle = handleOf(event);
      const step: KeyStep | undefined =
        KEY_STEPS[event.key] ?? (event.key === "Home" ? "min" : event.key === "End" ? "max" : undefined);
      if (!handle || step === undefined) return;
      event.preventDefault();
      bindings.onKey(handle, step);
    },
    { signal },
  );
}

/** The value a key step leads to, kept within [min, max]. */
export function stepWithin(current: number, step: KeyStep, min: number, max: number): number {
  const target = step === "min" ? min : step === "max" ? max : current + step;
  return Math.min(max, Math.max(min, target));
}
