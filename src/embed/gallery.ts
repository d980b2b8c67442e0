// The gallery: each widget's live preview (its embed page in a frame) with display options and the
// snippet of whatever state the reader has set up in it, and copyable snippets of the examples.
import { whenVisible } from "../widgets/when-visible";
import { iframeSnippet, withDisplay } from "./panel";

function copy(text: string, status: HTMLElement | null, what: string, field?: HTMLTextAreaElement): void {
  const say = (message: string) => {
    if (status) status.textContent = message;
  };
  const byHand = (message: string) => {
    field?.select();
    say(`${message}${field ? ": it is selected, copy it by hand." : "."}`);
  };
  if (!navigator.clipboard) {
    byHand(`Copying is not available here`);
    return;
  }
  navigator.clipboard.writeText(text).then(
    () => say(`Copied the ${what}.`),
    () => byHand("Copy failed"),
  );
}

function setUpPreview(preview: HTMLElement): void {
  const frame = preview.querySelector("iframe");
  const theme = preview.querySelector<HTMLSelectElement>("[data-role=theme]");
  const controls = preview.querySelector<HTMLInputElement>("[data-role=controls]");
  const status = preview.querySelector<HTMLElement>("[data-role=status]");
  if (!frame || !theme || !controls) return;
  const title = (frame.title || "").replace(/: live preview$/, "");
  /** The preview's current state: its own address bar, which the widget keeps as a permalink. */
  const current = () => {
    let href = frame.src || new URL(frame.dataset.src ?? "", window.location.href).href;
    try {
      href = frame.contentWindow?.location.href ?? href;
    } catch {
      // Another origin cannot happen here (same site), but a frame still loading may refuse.
    }
    if (!href.startsWith("http")) href = frame.src || new URL(frame.dataset.src ?? "", window.location.href).href;
    return withDisplay(href, theme.value, controls.checked);
  };
  const reload = () => {
    frame.src = current();
  };
  theme.addEventListener("change", reload);
  controls.addEventListener("change", reload);
  preview
    .querySelector("[data-role=copy-preview]")
    ?.addEventListener("click", () => copy(iframeSnippet(current(), { title }), status, "snippet"));
  preview
    .querySelector("[data-role=copy-preview-link]")
    ?.addEventListener("click", () => copy(current(), status, "link"));
}

function setUpExamples(): void {
  for (const field of Array.from(document.querySelectorAll<HTMLTextAreaElement>("textarea[data-snippet]"))) {
    const src = new URL(field.dataset.snippet ?? "", window.location.href).href;
    field.value = iframeSnippet(src, { title: field.dataset.title ?? "" });
    const button = field.nextElementSibling;
    const status = field.closest("section")?.querySelector<HTMLElement>("[data-role=status]") ?? null;
    if (button instanceof HTMLButtonElement) {
      button.addEventListener("click", () => copy(field.value, status, "example's snippet", field));
    }
  }
}

/** Loads each preview as it comes into view: a page of widgets costs one widget on first load. */
function loadPreviewsWhenVisible(): void {
  const frames = document.querySelectorAll<HTMLIFrameElement>("[data-preview] iframe[data-src]");
  whenVisible(frames, (frame) => (frame.src = frame.dataset.src ?? ""), "200px 0px");
}

document.querySelectorAll<HTMLElement>("[data-preview]").forEach(setUpPreview);
loadPreviewsWhenVisible();
setUpExamples();
