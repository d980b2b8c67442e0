// Serves the built site (dist/) under its base path, as GitHub Pages would, and prints the address.
// Like Pages, every response carries `Access-Control-Allow-Origin: *`: a frame sandboxed without
// allow-same-origin has the origin "null", and its module scripts, fetches and fonts are CORS requests.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";
import { gzipSync } from "node:zlib";

const root = resolve(process.argv[2] ?? "dist");
const port = Number(process.env.PORT ?? 4321);
const host = process.env.HOST ?? "127.0.0.1";
const trimmed = (process.env.BASE_PATH ?? "/").trim().replace(/^\/+|\/+$/g, "");
const base = trimmed === "" ? "/" : `/${trimmed}/`;

// GZIP=1 compresses text as GitHub Pages does, so that page-weight figures (Lighthouse) match the host.
const compress = process.env.GZIP === "1";
const CORS = { "access-control-allow-origin": "*" };
const compressible = /^(text\/|application\/(json|javascript|manifest\+json|xml)|image\/svg\+xml)/;

const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".wasm": "application/wasm",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".ttf": "font/ttf",
  ".bin": "application/octet-stream",
  ".txt": "text/plain; charset=utf-8",
  ".xml": "application/xml",
  ".webmanifest": "application/manifest+json",
  ".pf_meta": "application/octet-stream",
  ".pf_fragment": "application/octet-stream",
  ".pf_index": "application/octet-stream",
};

async function fileFor(pathname) {
  const relative = normalize(decodeURIComponent(pathname.slice(base.length))).replace(/^(\.\.[/\\])+/, "");
  const candidate = join(root, relative);
  if (!candidate.startsWith(root)) return undefined;
  try {
    const info = await stat(candidate);
    if (info.isDirectory()) return { path: join(candidate, "index.html"), directory: true };
    return { path: candidate, directory: false };
  } catch {
    return undefined;
  }
}

const server = createServer(async (request, response) => {
  const url = new URL(request.url ?? "/", `http://${request.headers.host ?? "localhost"}`);
  if (!url.pathname.startsWith(base)) {
    if (url.pathname === "/" || `${url.pathname}/` === base) {
      response.writeHead(302, { location: base, ...CORS }).end();
    } else {
      response.writeHead(404, { "content-type": "text/plain", ...CORS }).end("Not found: outside the base path");
    }
    return;
  }
  const found = await fileFor(url.pathname);
  if (found?.directory && !url.pathname.endsWith("/")) {
    response.writeHead(301, { location: `${url.pathname}/${url.search}`, ...CORS }).end();
    return;
  }
  try {
    const body = await readFile(found?.path ?? "");
    const type = types[extname(found?.path ?? "")] ?? "application/octet-stream";
    if (compress && compressible.test(type) && /\bgzip\b/.test(String(request.headers["accept-encoding"] ?? ""))) {
      const headers = {
        "content-type": type,
        "cache-control": "no-cache",
        "content-encoding": "gzip",
        vary: "Accept-Encoding",
        ...CORS,
      };
      response.writeHead(200, headers).end(gzipSync(body));
      return;
    }
    response.writeHead(200, { "content-type": type, "cache-control": "no-cache", ...CORS }).end(body);
  } catch {
    const notFound = await readFile(join(root, "404.html")).catch(() => Buffer.from("Not found"));
    response.writeHead(404, { "content-type": "text/html; charset=utf-8", ...CORS }).end(notFound);
  }
});

server.listen(port, host, () => {
  console.log(`Serving ${root} at http://${host === "0.0.0.0" ? "localhost" : host}:${port}${base}`);
});
