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
});
