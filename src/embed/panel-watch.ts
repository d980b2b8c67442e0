// Attaches a widget's Embed panel (./panel.ts) the first time the reader opens it, and refreshes it on
// each change of the widget's state, so the widget base class needs no knowledge of embedding.
import { WIDGET_CHANGE } from "../widgets/events";
import type { EmbeddableWidget } from "./panel";

/** Each attached panel's refresh, once attached. */
const updates = new WeakMap<Element, () => void>();
/** Each panel being attached: its element's definition and the panel module may still be loading. */
const attaching = new WeakMap<Element, Promise<void>>();

function isEmbeddable(element: Element | null): element is EmbeddableWidget {
  return element instanceof HTMLElement && typeof (element as Partial<EmbeddableWidget>).query === "function";
}

/** Attaches the panel of `widget` once its element is defined (its controls are then in place). */
function attach(widget: Element): Promise<void> {
  let pending = attaching.get(widget);
  if (!pending) {
    pending = customElements
      .whenDefined(widget.localName)
      .then(() => import("./panel"))
      .then(({ attachEmbedPanel }) => {
        if (!isEmbeddable(widget)) return;
        const update = attachEmbedPanel(widget);
        updates.set(widget, update);
        update();
      });
    attaching.set(widget, pending);
  }
  return pending;
}

function attachIfOpen(widget: Element | null): void {
  if (widget?.querySelector<HTMLDetailsElement>("[data-role=embed]")?.open) void attach(widget);
}

/** Called once per page (the reader features, the embed page). */
export function watchEmbedPanels(): void {
  document.addEventListener(
    "toggle",
    (event) => {
      const panel = event.target;
      if (panel instanceof HTMLDetailsElement && panel.dataset.role === "embed")
        attachIfOpen(panel.closest("[data-widget]"));
    },
    { capture: true },
  );
  // A click on Copy or Download that comes before the panel is attached (a slow device, a quick hand)
  // would find no listener: it is held and given again once the panel is attached.
  document.addEventListener(
    "click",
    (event) => {
      const button = event.target instanceof Element ? event.target.closest("[data-role=embed] button") : null;
      const widget = button?.closest("[data-widget]");
      if (!(button instanceof HTMLButtonElement) || !widget || updates.has(widget)) return;
      event.preventDefault();
      event.stopPropagation();
      void attach(widget).then(() => {
        if (updates.has(widget)) button.click();
      });
    },
    { capture: true },
  );
  document.addEventListener(WIDGET_CHANGE, (event) => {
    const widget = event.target as Element;
    const update = updates.get(widget);
    if (update) update();
    else attachIfOpen(widget);
  });
  // A panel opened before the page's features started listening.
  document.querySelectorAll("[data-widget]").forEach(attachIfOpen);
}
