/** The width an SVG is shown at, in CSS pixels: charts are laid out at it so labels keep their size on a phone. */
export function realWidth(svg: Element | null, fallback = 640): number {
  return Math.round(svg?.getBoundingClientRect().width ?? 0) || fallback;
}

/** Calls `redraw` when any of the elements changes size; disconnect the observer in teardown. */
export function observeWidth(elements: readonly (Element | null)[], redraw: () => void): ResizeObserver {
  const observer = new ResizeObserver(() => redraw());
  for (const element of elements) if (element) observer.observe(element);
  return observer;
}

/** The CSS max-height of an SVG in pixels (Infinity when none): a chart laid out within it is never scaled down. */
export function maxHeight(svg: Element | null): number {
  if (!svg) return Infinity;
  const value = Number.parseFloat(getComputedStyle(svg).maxHeight);
  return Number.isFinite(value) && value > 0 ? value : Infinity;
}
