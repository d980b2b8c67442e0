/**
 * Sent (bubbling) by every widget element each time its state changes, before it recomputes: what
 * follows a widget from outside (the Embed panel, src/embed/panel-watch.ts; the embed page, which
 * passes the new permalink to a framing deck) listens for it: one event per change.
 */
export const WIDGET_CHANGE = "widget-change";
