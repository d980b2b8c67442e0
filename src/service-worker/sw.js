/* global BUILD */
// The site's one service worker. BUILD (prepended by src/integrations/reader-build.mjs) is
// { version, base, notFound, files: { "<path>": "<revision>" }, sizes: { "<path>": bytes }, shell }.
// Installing stores the shell (the home and 404 pages and what pages need to render, under 1 MB),
// taking unchanged files from the previous cache and nothing at all when the reader asked to save
// data; pages are stored as they are read, and models, digits, WebAssembly and the search index
// when first used. "Save the book for offline" (a message from the page) stores every file, and a
// saved book stays whole across deploys. Each deploy has its own cache; activating deletes older
// ones, so one deploy's files are never mixed with another's. Pages come from the network when it
// answers and from the cache when not; everything else in the deploy comes from the cache first.
// Its registration URL's `isolation` parameter ("credentialless" or "require-corp") makes it add
// COOP/COEP headers to every response, for cross-origin isolation (see src/data/site.ts).
const PREFIX = "vae-book-";
const CACHE = `${PREFIX}${BUILD.version}`;
const MANIFEST = `${BUILD.base}__precache-manifest.json`;
const PARALLEL_FETCHES = 6;
const NETWORK_TIMEOUT_MS = 4000;
const isolation = new URL(self.location.href).searchParams.get("isolation") ?? "off";

/** The path of the deploy's file that an address names, or undefined: `a/b`, `a/b/index.html` and `a/b/` are one page. */
function deployedPath(pathname) {
  if (Object.hasOwn(BUILD.files, pathname)) return pathname;
  const folder = pathname.endsWith("/index.html") ? pathname.slice(0, -"index.html".length) : `${pathname}/`;
  return Object.hasOwn(BUILD.files, folder) ? folder : undefined;
}

/** Old caches' records: which files each holds at which revision, and whether the reader saved the book. */
async function previous() {
  const reusable = new Map();
  let saved = false;
  for (const name of await caches.keys()) {
    if (!name.startsWith(PREFIX) || name === CACHE) continue;
    const cache = await caches.open(name);
    const manifest = await cache.match(MANIFEST);
    if (!manifest) continue;
    const record = await manifest.json();
    saved ||= record.saved === true;
    for (const request of await cache.keys()) {
      const path = new URL(request.url).pathname;
      if (Object.hasOwn(BUILD.files, path) && BUILD.files[path] === record.files?.[path] && !reusable.has(path)) {
        reusable.set(path, cache);
      }
    }
  }
  return { reusable, saved };
}

/** A response that can answer a navigation: not marked as redirected. */
async function storable(response) {
  if (!response.redirected) return response;
  return new Response(await response.blob(), { status: response.status, headers: response.headers });
}

async function record(cache, saved) {
  await cache.put(MANIFEST, new Response(JSON.stringify({ version: BUILD.version, files: BUILD.files, saved })));
}

/**
 * Stores `paths` from older caches or the network, six at a time, calling onStored for each.
 * `mode` is the HTTP cache mode: "reload" by default; "no-cache" revalidates what the browser just loaded.
 */
async function store(paths, reusable, onStored = () => undefined, mode = "reload") {
  const cache = await caches.open(CACHE);
  let next = 0;
  const worker = async () => {
    while (next < paths.length) {
      const path = paths[next++];
      if (await cache.match(path)) {
        onStored(path);
        continue;
      }
      const old = await reusable.get(path)?.match(path);
      if (old) {
        await cache.put(path, old);
        onStored(path);
        continue;
      }
      const response = await fetch(path, { cache: mode, credentials: "same-origin" });
      if (!response.ok) throw new Error(`Storing ${path} failed with HTTP ${response.status}`);
      await cache.put(path, await storable(response));
      onStored(path);
    }
  };
  await Promise.all(Array.from({ length: PARALLEL_FETCHES }, worker));
}

async function install() {
  const cache = await caches.open(CACHE);
  const { reusable, saved } = await previous();
  // Whatever an older deploy already stored and did not change costs no download.
  await store([...reusable.keys()], reusable);
  const saveData = self.navigator.connection?.saveData === true;
  if (saved) await store(Object.keys(BUILD.files), reusable);
  else if (!saveData) await store(BUILD.shell, reusable);
  await record(cache, saved);
}

/** Stores the whole book for the page that asked, telling it the bytes stored so far. */
async function saveBook(client) {
  const total = Object.values(BUILD.sizes).reduce((sum, bytes) => sum + bytes, 0);
  let stored = 0;
  let told = 0;
  const tell = (message) => client?.postMessage(message);
  try {
    const { reusable } = await previous();
    await store(Object.keys(BUILD.files), reusable, (path) => {
      stored += BUILD.sizes[path] ?? 0;
      if (stored - told > total / 50 || stored === total) {
        told = stored;
        tell({ type: "save-progress", stored, total });
      }
    });
    await record(await caches.open(CACHE), true);
    tell({ type: "saved", total });
  } catch (error) {
    tell({ type: "save-failed", reason: error instanceof Error ? error.message : String(error) });
  }
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

/** Keeps a copy of a page or file the network just gave (a clone, taken before the page reads it), for offline. */
function keep(event, path, response) {
  if (response.type !== "basic" || response.status !== 200) return;
  const copy = response.clone();
  event.waitUntil((async () => (await caches.open(CACHE)).put(path, await storable(copy)))().catch(() => undefined));
}

async function page(event, url) {
  const { request } = event;
  const path = deployedPath(url.pathname);
  // Offline, `embed/dice?event=6` is redirected to `embed/dice/?event=6` as the server would.
  const canonical = (copy) =>
    path && path !== url.pathname && !url.pathname.endsWith("/index.html")
      ? Response.redirect(`${path}${url.search}`, 301)
      : copy;
  const network = fetch(request);
  // The race below may leave it behind; its failure is handled there, not reported twice.
  network.catch(() => undefined);
  const timeout = new Promise((resolve) => setTimeout(resolve, NETWORK_TIMEOUT_MS));
  try {
    const first = await Promise.race([network, timeout]);
    if (first) {
      if (path === url.pathname) keep(event, path, first);
      return isolated(first);
    }
    const copy = path && (await cached(path));
    return copy ? isolated(canonical(copy)) : isolated(await network);
  } catch {
    const copy = path && (await cached(path));
    if (copy) return isolated(canonical(copy));
    const missing = await cached(BUILD.notFound);
    return missing ? isolated(missing) : Response.error();
  }
}

async function file(event, path) {
  const copy = await cached(path);
  if (copy) return isolated(copy);
  const response = await fetch(event.request);
  // Stored when first used: models, digits, WebAssembly, the search index, the worker's scripts.
  keep(event, path, response);
  return isolated(response);
}

/** Stores the pages open when the worker first took over: they loaded before it existed. */
async function keepOpenPages() {
  const open = await self.clients.matchAll({ type: "window" });
  const paths = open.map((client) => deployedPath(new URL(client.url).pathname)).filter(Boolean);
  const { reusable } = await previous();
  await store([...new Set(paths)], reusable, undefined, "no-cache").catch(() => undefined);
}

self.addEventListener("install", (event) => event.waitUntil(install()));

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(
        names.filter((name) => name.startsWith(PREFIX) && name !== CACHE).map((name) => caches.delete(name)),
      );
      await self.clients.claim();
      if (self.navigator.connection?.saveData !== true) await keepOpenPages();
    })(),
  );
});

self.addEventListener("message", (event) => {
  if (event.data?.type === "skip-waiting") self.skipWaiting();
  if (event.data?.type === "save-book") event.waitUntil(saveBook(event.source));
  if (event.data?.type === "book-status") {
    event.waitUntil(
      (async () => {
        const manifest = await cached(MANIFEST);
        const saved = manifest ? (await manifest.json()).saved === true : false;
        event.source?.postMessage({ type: "book-status", saved });
      })(),
    );
  }
});

self.addEventListener("fetch", (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin || !url.pathname.startsWith(BUILD.base)) return;
  if (request.mode === "navigate") event.respondWith(page(event, url));
  else if (Object.hasOwn(BUILD.files, url.pathname)) event.respondWith(file(event, url.pathname));
  else if (isolation !== "off") event.respondWith(fetch(request).then(isolated));
});
