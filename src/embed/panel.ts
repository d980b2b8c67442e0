/**
 * The Embed panel of a widget (its markup is in WidgetFrame.astro): the permalink of the current state
 * with display options, a ready `<iframe>` snippet, copy buttons, and "Download image".
 * ./panel-watch.ts attaches it; the widget base class knows nothing of embedding.
 */
import { plainCommas } from "../lib/params";
import { THEMES, type Theme } from "./protocol";
import { clipboardBlocked, copyBlockedByFrame, downloadNoteInFrame } from "../widgets/parts/sandbox";

/** What the panel needs of a widget element (src/widgets/widget-element.ts provides it). */
export interface EmbeddableWidget extends HTMLElement {
  /** The current state's minimal query string (defaults left out), without "?". */
  query(): string;
  /** Every parameter of the current state, defaults included. */
  parameters(): Record<string, string>;
}

/** The embed page URL (src/pages/embed/[id].astro) of a widget's current state. */
export function permalinkOf(widget: EmbeddableWidget): string {
  const query = widget.query();
  const path = `${import.meta.env.BASE_URL}embed/${widget.dataset.widget ?? ""}/`;
  return new URL(`${path}${query ? `?${query}` : ""}`, window.location.origin).href;
}

export function escapeAttribute(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export interface SnippetOptions {
  readonly title: string;
  /** The URL of the host script that fits the frame's height to the widget, when wanted. */
  readonly hostScript?: string;
}

/** The frame a snippet asks for: 800×500 on a course page; a slide's 1280×720 for the projector theme, whose type is large. */
export function snippetSize(src: string): { readonly width: number; readonly height: number } {
  const theme = new URL(src, "https://example.invalid/").searchParams.get("theme");
  return theme === "projector" ? { width: 1280, height: 720 } : { width: 800, height: 500 };
}

/**
 * The snippet instructors paste: lazy, titled, sized by `snippetSize`, never wider than its column, and
 * allowed to copy (the panel's Copy buttons need clipboard-write inside a frame: docs/embedding.md).
 */
export function iframeSnippet(src: string, options: SnippetOptions): string {
  const { width, height } = snippetSize(src);
  const frame = `<iframe src="${escapeAttribute(src)}" title="${escapeAttribute(options.title)}" width="${width}" height="${height}" allow="clipboard-write" loading="lazy" style="border:0;max-width:100%"></iframe>`;
  return options.hostScript ? `${frame}\n<script src="${escapeAttribute(options.hostScript)}" async></script>` : frame;
}

/** Where the site serves the host script (src/pages/embed-host.js.ts), as an absolute URL. */
export function hostScriptUrl(origin: string): string {
  return new URL(`${import.meta.env.BASE_URL}embed-host.js`, origin).href;
}

/**
 * Adds the display parameters to a permalink; the contract's defaults (the reader's theme, controls shown)
 * add nothing. The panel picks `theme=light` unless told otherwise (its select, in WidgetFrame.astro):
 * a framed page cannot take the host page's scheme, so without it a reader in dark mode sees a dark frame.
 */
export function withDisplay(link: string, theme: string, controls: boolean): string {
  const url = new URL(link);
  // Deleted first, so the display parameters come after the widget's own, wherever the address had them.
  url.searchParams.delete("theme");
  url.searchParams.delete("controls");
  if ((THEMES as readonly string[]).includes(theme)) url.searchParams.set("theme", theme);
  if (!controls) url.searchParams.set("controls", "0");
  return plainCommas(url.href);
}

/** The theme the panel and the gallery give a snippet unless the instructor picks another (withDisplay). */
export const SNIPPET_THEME: Theme = "light";

/** Wires the panel inside `widget`, if it has one; returns the function that refreshes it. */
export function attachEmbedPanel(widget: EmbeddableWidget): () => void {
  const title = widget.getAttribute("aria-label") ?? "";
  const panel = widget.querySelector<HTMLDetailsElement>("[data-role=embed]");
  if (!panel) return () => {};
  const find = <E extends Element>(role: string) => panel.querySelector<E>(`[data-role=${role}]`);
  const permalinkField = find<HTMLInputElement>("permalink");
  const snippetField = find<HTMLTextAreaElement>("snippet");
  const themeField = find<HTMLSelectElement>("theme");
  const controlsField = find<HTMLInputElement>("controls");
  const autoHeightField = find<HTMLInputElement>("autoheight");
  const imageControlsField = find<HTMLInputElement>("image-controls");
  const status = find<HTMLElement>("status");
  if (widget.hasAttribute("url-state")) {
    // On the embed page the display options start from the page's own (the theme stays light, the
    // panel's default, when the address names none: docs/embedding.md).
    const query = new URLSearchParams(window.location.search);
    const theme = query.get("theme") ?? "";
    if (themeField && (THEMES as readonly string[]).includes(theme)) themeField.value = theme;
    if (controlsField) controlsField.checked = query.get("controls") !== "0";
  }
  const say = (message: string) => {
    if (status) status.textContent = message;
  };

  const link = () => withDisplay(permalinkOf(widget), themeField?.value ?? "", controlsField?.checked ?? true);
  const update = () => {
    if (!panel.open) return;
    const current = link();
    if (permalinkField) permalinkField.value = current;
    const hostScript = autoHeightField?.checked ? hostScriptUrl(window.location.origin) : undefined;
    if (snippetField) snippetField.value = iframeSnippet(current, { title, hostScript });
  };

  const copy = (text: string, what: string) => {
    if (!navigator.clipboard || clipboardBlocked()) {
      say(copyBlockedByFrame(what) ?? `Select the ${what} and copy it by hand.`);
      return;
    }
    navigator.clipboard.writeText(text).then(
      () => say(`Copied the ${what}.`),
      () => say(copyBlockedByFrame(what) ?? `Copy failed: select the ${what} and copy it by hand.`),
    );
  };

  const listen = (target: Element | null, type: string, handler: (event: Event) => void) =>
    target?.addEventListener(type, handler);
  listen(panel, "toggle", update);
  listen(panel, "change", update);
  listen(find("copy"), "click", () => copy(snippetField?.value ?? "", "snippet"));
  listen(find("copy-link"), "click", () => copy(permalinkField?.value ?? link(), "link"));
  for (const button of Array.from(panel.querySelectorAll<HTMLButtonElement>("[data-role=download]"))) {
    listen(button, "click", () => {
      const format = button.dataset.format === "png" ? "png" : "svg";
      say(`Making the ${format.toUpperCase()}…`);
      import("./snapshot")
        .then(({ downloadImage }) =>
          downloadImage(
            {
              id: widget.dataset.widget ?? "widget",
              title,
              widget,
              parameters: widget.parameters(),
              permalink: link(),
              theme: themeField?.value ?? "",
              controls: imageControlsField?.checked ?? false,
            },
            format,
          ),
        )
        .then(
          () =>
            say(
              `Downloaded the ${format.toUpperCase()}; the permalink is printed under the figure.${downloadNoteInFrame()}`,
            ),
          (error: unknown) => say(error instanceof Error ? error.message : String(error)),
        );
    });
  }
  return update;
}
