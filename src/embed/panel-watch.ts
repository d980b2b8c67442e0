// Attaches a widget's Embed panel (./panel.ts) the first time the reader opens it, and refreshes it on
// each change of the widget's state, so the widget base class needs no knowledge of embedding.
import { WIDGET_CHANGE } from "../widgets/events";
import type { EmbeddableWidget } from "./panel";

const updates = new WeakMap<Element, () => void>();

function isEmbeddable(element: Element | null): element is EmbeddableWidget {
  return element instanceof HTMLElement && typeof (element as Partial<EmbeddableWidget>).query === "function";
}

/** Binds the panel of `widget` if it is open and the element is defined (its controls are then in place). */
function bindIfOpen(widget: Element | null): void {
  if (!isEmbeddable(widget) || updates.has(widget)) return;
  const panel = widget.querySelector<HTMLDetailsElement>("[data-role=embed]");
  if (!panel?.open) return;
  updates.set(widget, () => {});
  void import("./panel").then(({ attachEmbedPanel }) => {
    const update = attachEmbedPanel(widget);
    updates.set(widget, update);
    update();
  });
}

/** Called once per page (the reader features, the embed page). */
export function watchEmbedPanels(): void {
  document.addEventListener(
    "toggle",
    (event) => {
      const panel = event.target;
      if (panel instanceof HTMLDetailsElement && panel.dataset.role === "embed")
        bindIfOpen(panel.closest("[data-widget]"));
    },
    { capture: true },
  );
  document.addEventListener(WIDGET_CHANGE, (event) => {
    const widget = event.target as Element;
    const update = updates.get(widget);
    if (update) update();
    else bindIfOpen(widget);
  });
  // A panel opened before the page's features started listening.
  document.querySelectorAll("[data-widget]").forEach(bindIfOpen);
}
