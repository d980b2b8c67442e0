/**
 * The height, in the widget's layout pixels, that makes a zoomed page exactly fill a frame's height
 * (src/embed/embed-page.ts gives it to a widget laid out in columns).
 *
 * The page is `page` screen pixels tall with the widget `widget` screen pixels tall inside an element
 * zoomed by `zoom`; growing the widget by d layout pixels grows the page by zoom·d. So the widget may
 * be widget/zoom + (available − page)/zoom tall, less 1 px of margin, rounded down. From exact boxes
 * the result does not depend on the widget's height when measured, only on what surrounds it; from
 * rounded ones (Math.ceil of the page, offsetHeight of the widget) it moved by a pixel with it.
 *
 * @param available the frame's height, screen pixels
 * @param page the page's height now, screen pixels (getBoundingClientRect, unrounded)
 * @param widget the widget's height now, screen pixels (getBoundingClientRect, unrounded)
 * @param zoom the CSS zoom of the element holding the widget, > 0
 * @returns whole layout pixels (may be negative when the frame cannot hold what surrounds the widget)
 */
export function fillHeight(available: number, page: number, widget: number, zoom: number): number {
  // 1e-6: exact boxes whose sum is a whole number must not fall a pixel short through rounding error.
  return Math.floor((widget + available - page) / zoom - 1 + 1e-6);
}
