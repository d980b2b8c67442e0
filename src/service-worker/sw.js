/* global BUILD */
// The site's one service worker. BUILD (prepended by src/integrations/service-worker.mjs) is
// { version, base, files: { "<path>": "<revision>" }, notFound }: every file of this deploy with a
// hash of its content. Installing copies the whole book into a cache named after the deploy, taking
// unchanged files from the previous cache; activating deletes older caches, so one deploy's files are
// never mixed with another's. Pages come from the network when it answers and from the cache when
// not; everything else in the deploy comes from the cache.
// Its registration URL's `isolation` parameter ("credentialless" or "require-corp") makes it add
// COOP/COEP headers to every response, for cross-origin isolation (see src/data/site.ts).
const PREFIX = "vae-book-";
const CACHE = `${PREFIX}${BUILD.version}`;
const MANIFEST = `${BUILD.base}__precache-manifest.json`;
const PARALLEL_FETCHES = 6;
const NETWORK_TIMEOUT_MS = 4000;
const isolation = new URL(self.location.href).searchParams.get("isolation") ?? "off";

async function reusableEntries() {
  const reusable = new Map();
  for (const name of await caches.keys()) {
    if (!name.startsWith(PREFIX) || name === CACHE) continue;
    const cache = await caches.open(name);
    const manifest = await cache.match(MANIFEST);
    if (!manifest) continue;
    const { files } = await manifest.json();
    for (const [path, revision] of Object.entries(files)) {
      if (BUILD.files[path] === revision && !reusable.has(path)) reusable.set(path, cache);
    }
  }
  return reusable;
}

/** A response that can answer a navigation: not marked as redirected. */
async function storable(response) {
  if (!response.redirected) return response;
  return new Response(await response.blob(), { status: response.status, headers: response.headers });
}

async function precache() {
  const cache = await caches.open(CACHE);
  const reusable = await reusableEntries();
  const paths = Object.keys(BUILD.files);
  let next = 0;
  const worker = async () => {
    while (next < paths.length) {
      const path = paths[next++];
      const previous = await reusable.get(path)?.match(path);
      if (previous) {
        await cache.put(path, previous);
        continue;
      }
      const response = await fetch(path, { cache: "reload", credentials: "same-origin" });
      if (!response.ok) throw new Error(`Precaching ${path} failed with HTTP ${response.status}`);
      await cache.put(path, await storable(response));
    }
  };
  await Promise.all(Array.from({ length: PARALLEL_FETCHES }, worker));
  await cache.put(MANIFEST, new Response(JSON.stringify({ version: BUILD.version, files: BUILD.files })));
}

function isolated(response) {
  if (isolation === "off" || response.type === "opaque" || response.status === 0) return response;
  const headers = new Headers(response.headers);
  headers.set("Cross-Origin-Opener-Policy", "same-origin");
  headers.set("Cross-Origin-Embedder-Policy", isolation === "require-corp" ? "require-corp" : "credentialless");
  // Lets pages on other sites that are isolated themselves still frame the embeds.
  headers.set("Cross-Origin-Resource-Policy", "cross-origin");
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

async function cached(path) {
  const cache = await caches.open(CACHE);
  return cache.match(path);
}

async function page(request, url) {
  const network = fetch(request);
  // The race below may leave it behind; its failure is handled there, not reported twice.
  network.catch(() => undefined);
  const timeout = new Promise((resolve) => setTimeout(resolve, NETWORK_TIMEOUT_MS));
  try {
    const first = await Promise.race([network, timeout]);
    if (first) return isolated(first);
    const copy = await cached(url.pathname);
    return isolated(copy ?? (await network));
  } catch {
    const copy = (await cached(url.pathname)) ?? (await cached(BUILD.notFound));
    return copy ? isolated(copy) : Response.error();
  }
}

async function file(request, url) {
  const copy = await cached(url.pathname);
  return isolated(copy ?? (await fetch(request)));
}

self.addEventListener("install", (event) => event.waitUntil(precache()));

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(
        names.filter((name) => name.startsWith(PREFIX) && name !== CACHE).map((name) => caches.delete(name)),
      );
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("message", (event) => {
  if (event.data?.type === "skip-waiting") self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin || !url.pathname.startsWith(BUILD.base)) return;
  if (request.mode === "navigate") event.respondWith(page(request, url));
  else if (Object.hasOwn(BUILD.files, url.pathname)) event.respondWith(file(request, url));
  else if (isolation !== "off") event.respondWith(fetch(request).then(isolated));
});
