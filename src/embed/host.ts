/**
 * The optional host script (served as `<base>embed-host.js`): resizes each widget iframe to the
 * height its page reports, takes keyboard focus back when the reader presses Esc in a widget, and
 * keeps a lazily loaded frame's `data-src` at the widget's latest state, so a deck that unloads the
 * frame (reveal.js) brings the widget back as the presenter left it (only an address on the frame's
 * own site: a state message cannot send the frame elsewhere).
 * Frames that reported their height before this script ran report it again when told the host fits them.
 * It is serialised with `Function.prototype.toString`, so it must not use anything from outside its body.
 */
export function installEmbedHost(types: {
  readonly height: string;
  readonly releaseFocus: string;
  readonly autoHeight: string;
  readonly state: string;
}): void {
  const hostWindow = window as Window & { vaeWidgetHost?: boolean };
  if (hostWindow.vaeWidgetHost) return;
  hostWindow.vaeWidgetHost = true;
  for (const frame of Array.from(document.querySelectorAll("iframe"))) {
    if (!frame.hasAttribute("data-fixed-height")) frame.contentWindow?.postMessage({ type: types.autoHeight }, "*");
  }
  const latest = new WeakMap<HTMLIFrameElement, string>();
  const keep = (frame: HTMLIFrameElement) => {
    const url = latest.get(frame);
    if (url && frame.hasAttribute("data-src") && frame.getAttribute("data-src") !== url)
      frame.setAttribute("data-src", url);
  };
  new MutationObserver((records) =>
    records.forEach((r) => r.target instanceof HTMLIFrameElement && keep(r.target)),
  ).observe(document.documentElement, { subtree: true, attributeFilter: ["data-src"] });
  window.addEventListener("message", (event: MessageEvent) => {
    const data: unknown = event.data;
    if (typeof data !== "object" || data === null) return;
    const message = data as { type?: unknown; height?: unknown; url?: unknown };
    const frame = Array.from(document.querySelectorAll("iframe")).find(
      (candidate) => candidate.contentWindow === event.source,
    );
    if (!frame) return;
    if (message.type === types.height) {
      const height = message.height;
      if (typeof height !== "number" || !Number.isFinite(height) || height <= 0) return;
      if (frame.hasAttribute("data-fixed-height")) return;
      frame.style.height = `${Math.ceil(height)}px`;
      frame.contentWindow?.postMessage({ type: types.autoHeight }, "*");
    } else if (message.type === types.state && typeof message.url === "string") {
      const url = new URL(message.url, frame.src || location.href);
      if (url.origin !== event.origin) return;
      latest.set(frame, url.href);
      keep(frame);
    } else if (message.type === types.releaseFocus) {
      frame.blur();
      window.focus();
    }
  });
}
