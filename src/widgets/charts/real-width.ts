/**
 * The width an SVG is laid out at, in CSS pixels before any CSS zoom: charts are laid out at it so
 * labels keep their size on a phone, and grow with the page when an embed page zooms to fill its frame.
 */
export function realWidth(svg: Element | null, fallback = 640): number {
  if (!svg) return fallback;
  // getBoundingClientRect includes the zoom of the element's ancestors (embed-page.ts zooms <main>).
  const zoom = (svg as Element & { currentCSSZoom?: number }).currentCSSZoom ?? 1;
  return Math.round(svg.getBoundingClientRect().width / (zoom > 0 ? zoom : 1)) || fallback;
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

/**
 * The font size (CSS pixels, before zoom) of an SVG's labels as the reader's theme sets it (18 px on a
 * projector), so a layout keeps room for them; `fallback` when the SVG has no text yet.
 */
export function labelSize(svg: Element | null, fallback: number): number {
  const label = svg?.querySelector("text");
  const size = label ? Number.parseFloat(getComputedStyle(label).fontSize) : NaN;
  return size > 0 ? size : fallback;
}
