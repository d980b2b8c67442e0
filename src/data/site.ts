/**
 * Site-wide switches.
 *
 * crossOriginIsolation: GitHub Pages sends no COOP/COEP headers, so the site's service worker adds
 * `Cross-Origin-Opener-Policy: same-origin` and `Cross-Origin-Embedder-Policy: <value>` to every
 * response it serves when this is "credentialless" or "require-corp". A page is then
 * `crossOriginIsolated` from the second load on (the first load installs the worker), which is what
 * SharedArrayBuffer, and so multithreaded WebAssembly, needs. "off" sends no such header.
 * The environment variable CROSS_ORIGIN_ISOLATION at build time overrides it.
 */
export type CrossOriginIsolation = "off" | "credentialless" | "require-corp";

export const crossOriginIsolation: CrossOriginIsolation = "off";
