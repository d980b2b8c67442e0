/**
 * Site-wide switches.
 *
 * crossOriginIsolation: GitHub Pages sends no COOP/COEP headers, so the site's service worker adds
 * `Cross-Origin-Opener-Policy: same-origin` and `Cross-Origin-Embedder-Policy: <value>` to every
 * response it serves when this is "credentialless" or "require-corp". A page is then
 * `crossOriginIsolated` from the second load on (the first load installs the worker), which is what
 * SharedArrayBuffer, and so multithreaded WebAssembly, needs. "off" sends no such header.
 * One browser can try another mode without a rebuild (src/scripts/isolation.ts).
 */
export type CrossOriginIsolation = "off" | "credentialless" | "require-corp";

// "require-corp", not "credentialless": Safari knows only the former, and the site loads nothing
// from another origin, so no response has to opt in. Embeds framed by another site stay unisolated
// (their parent would have to be isolated) and train single-threaded; so does a first visit.
export const crossOriginIsolation: CrossOriginIsolation = "require-corp";
