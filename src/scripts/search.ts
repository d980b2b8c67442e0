// The search in every page's header is Pagefind's component UI (@pagefind/component-ui), configured in
// src/layouts/Base.astro. Its script and stylesheet (~50 KB gzip) load only when the reader first opens
// search (the button, or Ctrl/⌘+K), so pages keep their JavaScript budget. The service worker stores
// the script with the shell, the stylesheet and the index under pagefind/ when first used or when the
// book is saved, so search works offline too.
import type { PagefindModal } from "@pagefind/component-ui";
import stylesheet from "@pagefind/component-ui/css?url";

/** The UI's stylesheet, then its elements, so they never show unstyled. */
async function uiLoaded(): Promise<void> {
  await new Promise((resolve, reject) => {
    const link = Object.assign(document.createElement("link"), { rel: "stylesheet", href: stylesheet });
    link.addEventListener("load", resolve);
    link.addEventListener("error", () => {
      link.remove();
      reject(new Error(`${stylesheet} did not load`));
    });
    document.head.append(link);
  });
  await import("@pagefind/component-ui");
}

const isShortcut = (event: KeyboardEvent) => (event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "k";

export function initSearch(): void {
  const box = document.querySelector<HTMLElement>("[data-search]");
  const button = box?.querySelector<HTMLButtonElement>("[data-search-open]");
  const failed = box?.querySelector<HTMLElement>("[data-search-failed]");
  if (!box || !button || !failed) return;
  let ui: Promise<void> | undefined;
  const onShortcut = (event: KeyboardEvent) => {
    const target = event.target as HTMLElement | null;
    if (!isShortcut(event) || target?.closest("input, textarea, [contenteditable]")) return;
    event.preventDefault();
    void open();
  };
  const load = () => {
    ui ??= uiLoaded().then(
      // Once defined, the trigger has replaced this button with its own and listens for the shortcut itself.
      () => document.removeEventListener("keydown", onShortcut),
      (error: unknown) => {
        ui = undefined;
        throw error;
      },
    );
    return ui;
  };
  const open = async () => {
    try {
      await load();
    } catch {
      failed.textContent = "Search could not load: check the connection, or save the book for offline.";
      failed.hidden = false;
      return;
    }
    failed.hidden = true;
    box.querySelector<PagefindModal>("pagefind-modal")?.open();
  };
  // Fetch early when the pointer or focus reaches the button, so the click opens at once.
  button.addEventListener("pointerenter", () => void load().catch(() => undefined), { once: true });
  button.addEventListener("focus", () => void load().catch(() => undefined), { once: true });
  button.addEventListener("click", () => void open());
  document.addEventListener("keydown", onShortcut);
}
