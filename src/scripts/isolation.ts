// Cross-origin isolation through the service worker (see src/data/site.ts for the switch). Code that
// wants SharedArrayBuffer (multithreaded WebAssembly) asks here what it can have.
import { crossOriginIsolation, type CrossOriginIsolation } from "../data/site";

/** Lets a developer try a mode in one browser without a rebuild: localStorage[key] = "credentialless". */
export const ISOLATION_OVERRIDE_KEY = "vae-cross-origin-isolation";
const RELOADED_KEY = "vae-isolation-reloaded";
const MODES: readonly CrossOriginIsolation[] = ["off", "credentialless", "require-corp"];

export function isolationMode(): CrossOriginIsolation {
  try {
    const override = localStorage.getItem(ISOLATION_OVERRIDE_KEY);
    if (MODES.includes(override as CrossOriginIsolation)) return override as CrossOriginIsolation;
  } catch {
    // No storage: the built-in switch decides.
  }
  return threadedWasmHangs() ? "off" : crossOriginIsolation;
}

/**
 * Isolation buys nothing but WASM threads, and in Firefox tfjs-backend-wasm 4.22's threaded build
 * hung while starting in 3 of 5 loads of the VAE's embed page (Firefox ESR 153, the engines suite's
 * browser; never with isolation off): no feature test can tell, so Firefox is left unisolated.
 */
function threadedWasmHangs(): boolean {
  return /\bFirefox\//.test(navigator.userAgent);
}

/**
 * "isolated": SharedArrayBuffer is there now. "after-reload": the service worker will isolate this
 * page once it is reloaded (the first visit installs it). "unavailable": the switch is off, there is
 * no service worker, or the page is framed by another site (which would have to be isolated itself).
 */
export function isolationStatus(): "isolated" | "after-reload" | "unavailable" {
  if (globalThis.crossOriginIsolated) return "isolated";
  if (isolationMode() === "off" || !("serviceWorker" in navigator) || window.top !== window) return "unavailable";
  return "after-reload";
}

/** Reloads the page once (per tab session) when that makes it cross-origin isolated; false otherwise. */
export async function reloadForIsolation(): Promise<boolean> {
  if (isolationStatus() !== "after-reload" || sessionStorage.getItem(RELOADED_KEY)) return false;
  await navigator.serviceWorker.ready;
  if (!navigator.serviceWorker.controller) {
    await new Promise((resolve) =>
      navigator.serviceWorker.addEventListener("controllerchange", resolve, { once: true }),
    );
  }
  sessionStorage.setItem(RELOADED_KEY, "1");
  location.reload();
  return true;
}
