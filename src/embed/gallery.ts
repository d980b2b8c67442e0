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

/**
 * Loads each card's picture as it comes into view, and its live preview when its details are opened:
 * a page of widgets costs only the cards on screen on first load.
 */
function loadPreviewsWhenVisible(): void {
  const load = (frame: HTMLIFrameElement) => {
    if (!frame.getAttribute("src")) frame.src = frame.dataset.src ?? "";
  };
  whenVisible(document.querySelectorAll<HTMLIFrameElement>("iframe[data-role=thumbnail][data-src]"), load, "200px 0px");
  // A preview loads when its card's details are opened.
  for (const details of Array.from(document.querySelectorAll<HTMLDetailsElement>(".gallery-details"))) {
    details.addEventListener("toggle", () => {
      const frame = details.querySelector<HTMLIFrameElement>("[data-preview] iframe[data-src]");
      if (details.open && frame) load(frame);
    });
  }
}

/** Scales each card's 800 × 500 picture to the card's width. */
function scaleThumbnails(): void {
  const observer = new ResizeObserver((entries) => {
    for (const entry of entries) {
      const box = entry.target as HTMLElement;
      box.style.setProperty("--thumbnail-scale", String(box.clientWidth / 800));
    }
  });
  document.querySelectorAll(".gallery-thumbnail").forEach((box) => observer.observe(box));
}

document.querySelectorAll<HTMLElement>("[data-preview]").forEach(setUpPreview);
scaleThumbnails();
loadPreviewsWhenVisible();
setUpExamples();
