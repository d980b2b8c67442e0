// Registers the site's one service worker (built by src/integrations/reader-build.mjs), which keeps
// the whole book, its data and models for offline reading. A new deploy installs a new worker beside
// the old one; the reader is told and the page reloads into the new edition when they say so, so a
// page never mixes files from two deploys.
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

export function initOffline(base: string): void {
  if (!("serviceWorker" in navigator) || !import.meta.env.PROD) return;
  const register = async () => {
    const script = `${base}sw.js?isolation=${isolationMode()}`;
    const registration = await navigator.serviceWorker.register(script, { scope: base });
    const watch = (worker: ServiceWorker | null) => {
      worker?.addEventListener("statechange", () => {
        if (worker.state === "installed" && navigator.serviceWorker.controller) offerUpdate(worker);
      });
    };
    if (registration.waiting && navigator.serviceWorker.controller) offerUpdate(registration.waiting);
    registration.addEventListener("updatefound", () => watch(registration.installing));
  };
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
  // After the page has loaded and settled, so precaching never competes with the first paint.
  const start = () => void register().catch(() => undefined);
  const idle = () =>
    "requestIdleCallback" in window ? requestIdleCallback(start, { timeout: 5000 }) : setTimeout(start, 1000);
  if (document.readyState === "complete") idle();
  else window.addEventListener("load", idle, { once: true });
}
