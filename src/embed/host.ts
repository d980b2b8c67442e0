/**
 * The optional host script (served as `<base>embed-host.js`): resizes each widget iframe to the
 * height its page reports, and takes keyboard focus back when the reader presses Esc in a widget.
 * It is serialised with `Function.prototype.toString`, so it must not use anything from outside its body.
 */
export function installEmbedHost(types: {
  readonly height: string;
  readonly releaseFocus: string;
  readonly autoHeight: string;
}): void {
  const hostWindow = window as Window & { vaeWidgetHost?: boolean };
  if (hostWindow.vaeWidgetHost) return;
  hostWindow.vaeWidgetHost = true;
  // Frames that reported their height before this script ran report it again when told the host fits them.
  for (const frame of Array.from(document.querySelectorAll("iframe"))) {
    if (!frame.hasAttribute("data-fixed-height")) frame.contentWindow?.postMessage({ type: types.autoHeight }, "*");
  }
  window.addEventListener("message", (event: MessageEvent) => {
    const data: unknown = event.data;
    if (typeof data !== "object" || data === null) return;
    const message = data as { type?: unknown; height?: unknown };
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
    } else if (message.type === types.releaseFocus) {
      frame.blur();
      window.focus();
    }
  });
}
