import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { servedPath, writeServiceWorker } from "../../../src/integrations/reader-build.mjs";

const folders: string[] = [];
afterEach(() => folders.splice(0).forEach((folder) => rmSync(folder, { recursive: true, force: true })));

function site(files: Record<string, string>): string {
  const out = mkdtempSync(join(tmpdir(), "reader-build-"));
  folders.push(out);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(out, path, ".."), { recursive: true });
    writeFileSync(join(out, path), content);
  }
  return out;
}

const quiet = { info: () => undefined };

function manifest(out: string) {
  const source = readFileSync(join(out, "sw.js"), "utf8");
  return JSON.parse(/^const BUILD = (.*);$/m.exec(source)?.[1] ?? "{}") as {
    version: string;
    base: string;
    notFound: string;
    files: Record<string, string>;
    sizes: Record<string, number>;
    shell: string[];
  };
}

describe("service worker manifest", () => {
  it("serves folder/index.html as folder/, under the base path", () => {
    const out = "/site";
    expect(servedPath("/vae/", out, "/site/index.html")).toBe("/vae/");
    expect(servedPath("/vae/", out, "/site/chapters/elbo/index.html")).toBe("/vae/chapters/elbo/");
    expect(servedPath("/", out, "/site/data/digits.bin")).toBe("/data/digits.bin");
    expect(servedPath("/vae/", out, "/site/a b.wasm")).toBe("/vae/a%20b.wasm");
  });

  it("lists every file with a content hash, skips source maps and itself, and versions the whole", async () => {
    const files = {
      "index.html": "<h1>Home</h1>",
      "404.html": "not found",
      "chapters/elbo/index.html": "<h1>ELBO</h1>",
      "_astro/tfjs-backend-wasm-simd.wasm": "wasm",
      "data/digits.bin": "bytes",
      "models/vae/model.json": "{}",
      "_astro/page.js.map": "{}",
    };
    const out = site(files);
    await writeServiceWorker(out, "/vae/", quiet);
    const first = manifest(out);
    expect(Object.keys(first.files).sort()).toEqual(
      [
        "/vae/",
        "/vae/404.html",
        "/vae/chapters/elbo/",
        "/vae/_astro/tfjs-backend-wasm-simd.wasm",
        "/vae/data/digits.bin",
        "/vae/models/vae/model.json",
      ].sort(),
    );
    expect(first.notFound).toBe("/vae/404.html");
    // Running again over the same build (sw.js now present) changes nothing.
    await writeServiceWorker(out, "/vae/", quiet);
    expect(manifest(out)).toEqual(first);
    writeFileSync(join(out, "data/digits.bin"), "other bytes");
    await writeServiceWorker(out, "/vae/", quiet);
    const second = manifest(out);
    expect(second.version).not.toBe(first.version);
    expect(second.files["/vae/data/digits.bin"]).not.toBe(first.files["/vae/data/digits.bin"]);
    expect(second.files["/vae/"]).toBe(first.files["/vae/"]);
  });

  it("a first visit's shell: home, 404 and what pages need to render, never the worker, models, data or fallback fonts", async () => {
    const out = site({
      "index.html":
        '<link rel="stylesheet" href="/vae/_astro/site.css"><script type="module" src="/vae/_astro/page.js"></script>',
      "404.html": "<h1>Page not found</h1>",
      "chapters/elbo/index.html": '<a href="/vae/">Home</a><button data-book-bytes="0">Save</button>',
      "_astro/site.css":
        "@font-face{src:url(/vae/_astro/Main.woff2) format(woff2),url(/vae/_astro/Main.woff) format(woff)}",
      "_astro/Main.woff2": "font",
      "_astro/Main.woff": "old font",
      "_astro/page.js":
        'import{a}from"./shared.js";const m=(i,m=m,d=(m.f||(m.f=["_astro/widget.js"])))=>i;import("./lazy.js");',
      "_astro/shared.js": "export const a=1;",
      "_astro/widget.js": "const w=new Worker(new URL(`/vae/_astro/train.worker.js`,import.meta.url));",
      "_astro/lazy.js": "export {}",
      "_astro/train.worker.js": 'import"./tf.js";',
      "_astro/tf.js": "tf",
      "_astro/backend.wasm": "wasm",
      "data/digits.bin": "bytes",
      "models/vae.bin": "weights",
    });
    await writeServiceWorker(out, "/vae/", quiet);
    const built = manifest(out);
    expect(built.shell).toEqual(
      [
        "/vae/",
        "/vae/404.html",
        "/vae/_astro/site.css",
        "/vae/_astro/Main.woff2",
        "/vae/_astro/page.js",
        "/vae/_astro/shared.js",
        "/vae/_astro/widget.js",
        "/vae/_astro/lazy.js",
      ].sort(),
    );
    expect(built.files).not.toHaveProperty(["/vae/_astro/Main.woff"]);
    // The page's control says how big the whole book is, counting the pages as written.
    const page = readFileSync(join(out, "chapters/elbo/index.html"), "utf8");
    const bytes = Number(/data-book-bytes="(\d+)"/.exec(page)?.[1]);
    expect(bytes).toBe(Object.values(built.sizes).reduce((sum, size) => sum + size, 0));
  });
});
