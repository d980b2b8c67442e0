// Registers the site's one service worker (src/service-worker/sw.js): a first visit stores the pages
// read and what they need to render, and the footer's "Save the book for offline" stores the whole
// book, its data and models. A reader who asked the browser to save data (Save-Data) gets no worker
// until they press it. A new deploy installs a new worker beside the old one; the reader is told and
// the page reloads into the new edition when they say so, so a page never mixes files from two deploys.
import { isolationMode } from "./isolation";

const UPDATE_NOTICE = "update-notice";

function offerUpdate(waiting: ServiceWorker): void {
  if (document.querySelector(`.${UPDATE_NOTICE}`)) return;
  const notice = document.createElement("div");
  notice.className = `${UPDATE_NOTICE} no-print`;
  notice.setAttribute("role", "status");
  const text = document.createElement("span");
  text.textContent = "A new edition of the book is ready.";
  const reload = document.createElement("button");
  reload.type = "button";
  reload.textContent = "Reload";
  reload.addEventListener("click", () => waiting.postMessage({ type: "skip-waiting" }));
  notice.append(text, reload);
  document.body.append(notice);
}

/** The reader asked the browser to save data (the Save-Data setting; Chromium exposes it here). */
function savingData(): boolean {
  return (navigator as Navigator & { connection?: { saveData?: boolean } }).connection?.saveData === true;
}

const megabytes = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function register(base: string): Promise<ServiceWorkerRegistration> {
  const script = `${base}sw.js?isolation=${isolationMode()}`;
  const registration = await navigator.serviceWorker.register(script, { scope: base });
  const watch = (worker: ServiceWorker | null) => {
    worker?.addEventListener("statechange", () => {
      if (worker.state === "installed" && navigator.serviceWorker.controller) offerUpdate(worker);
    });
  };
  if (registration.waiting && navigator.serviceWorker.controller) offerUpdate(registration.waiting);
  registration.addEventListener("updatefound", () => watch(registration.installing));
  return registration;
}

/** The footer's "Save the book for offline": its size comes from the build; the worker does the saving. */
function initSaveControl(base: string): void {
  const section = document.querySelector<HTMLElement>("[data-offline-save]");
  const button = section?.querySelector<HTMLButtonElement>("button[data-book-bytes]");
  const note = section?.querySelector<HTMLElement>("[data-offline-note]");
  const status = section?.querySelector<HTMLElement>("[data-offline-status]");
  if (!section || !button || !note || !status) return;
  const bytes = Number(button.dataset.bookBytes);
  if (!(bytes > 0)) return;
  const size = megabytes(bytes);
  button.textContent = `Save the book for offline (${size})`;
  note.textContent = savingData()
    ? `Your browser asks to save data, so nothing is stored until you press this: it downloads ${size}, every chapter, widget, model and the digits.`
    : `Downloads ${size}: every chapter, widget, model and the digits, so the whole book works without a connection.`;
  const saved = () => {
    button.hidden = true;
    note.textContent = "";
    status.textContent = `Saved for offline: the whole book (${size}) works without a connection.`;
  };
  navigator.serviceWorker.addEventListener("message", (event: MessageEvent) => {
    const data = event.data as { type?: string; stored?: number; total?: number; saved?: boolean; reason?: string };
    if (data.type === "book-status" && data.saved) saved();
    else if (data.type === "save-progress") {
      status.textContent = `Saving for offline: ${megabytes(data.stored ?? 0)} of ${megabytes(data.total ?? bytes)}…`;
    } else if (data.type === "saved") saved();
    else if (data.type === "save-failed") {
      button.disabled = false;
      status.textContent = `Saving stopped (${data.reason ?? "no connection"}). Check the connection and press the button again.`;
    }
  });
  void navigator.serviceWorker.getRegistration(base).then((registration) => {
    registration?.active?.postMessage({ type: "book-status" });
  });
  button.addEventListener("click", () => {
    button.disabled = true;
    status.textContent = "Saving for offline…";
    void (async () => {
      await register(base);
      const ready = await navigator.serviceWorker.ready;
      ready.active?.postMessage({ type: "save-book" });
    })().catch((error: unknown) => {
      button.disabled = false;
      status.textContent = `Saving is not possible here: ${error instanceof Error ? error.message : String(error)}`;
    });
  });
  section.hidden = false;
}

export function initOffline(base: string): void {
  // A frame sandboxed without allow-same-origin has the origin "null", and no service worker.
  if (!("serviceWorker" in navigator) || !import.meta.env.PROD || self.origin === "null") return;
  initSaveControl(base);
  // Only a worker that replaces another reloads the page (the reader asked for the new edition);
  // the very first one just takes over.
  let controlled = navigator.serviceWorker.controller !== null;
  let reloading = false;
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (controlled && !reloading) {
      reloading = true;
      location.reload();
    }
    controlled = true;
  });
  // With Save-Data, a worker only when the reader asks for the book (an installed one still updates).
  if (savingData() && !navigator.serviceWorker.controller) return;
  // After the page has loaded and settled, so storing never competes with the first paint.
  const start = () => void register(base).catch(() => undefined);
  const idle = () =>
    "requestIdleCallback" in window ? requestIdleCallback(start, { timeout: 5000 }) : setTimeout(start, 1000);
  if (document.readyState === "complete") idle();
  else window.addEventListener("load", idle, { once: true });
}
