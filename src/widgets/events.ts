/**
 * Sent (bubbling) by every widget element each time its state changes, before it recomputes: what
 * follows a widget from outside (the Embed panel, src/embed/panel-watch.ts) listens for it.
 */
export const WIDGET_CHANGE = "widget-change";
