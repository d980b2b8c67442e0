// After `astro build`: Pagefind's search index over the chapters, notation and bibliography, then the
// service worker that precaches every file of the build (pages, scripts, styles, .wasm, data/*.bin,
// models and the search index itself). As an integration it runs with every build, whatever the
// output folder, so no npm script has to remember it.
import { createHash } from "node:crypto";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import * as pagefind from "pagefind";

const SERVICE_WORKER = "sw.js";
const SERVICE_WORKER_SOURCE = new URL("../service-worker/sw.js", import.meta.url);

async function* filesUnder(folder) {
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) yield* filesUnder(path);
    else yield path;
  }
}

const shortHash = (data) => createHash("sha256").update(data).digest("hex").slice(0, 16);

async function buildSearchIndex(out, logger) {
  // KaTeX writes each formula three times: index the MathML text once, not its visual copy or TeX source.
  const { index, errors } = await pagefind.createIndex({ excludeSelectors: [".katex-html", "annotation"] });
  if (!index) throw new Error(`Pagefind could not start: ${errors.join("; ")}`);
  const indexed = await index.addDirectory({ path: out });
  if (indexed.errors.length > 0) throw new Error(`Pagefind: ${indexed.errors.join("; ")}`);
  const written = await index.writeFiles({ outputPath: join(out, "pagefind") });
  if (written.errors.length > 0) throw new Error(`Pagefind: ${written.errors.join("; ")}`);
  await pagefind.close();
  logger.info(`Search index: ${indexed.page_count} pages`);
}

/** The URL path of a built file: folder/index.html is served as folder/. */
export function servedPath(base, out, file) {
  const path = relative(out, file).split(sep).join("/");
  return encodeURI(`${base}${path.replace(/(^|\/)index\.html$/, "$1")}`);
}

export async function writeServiceWorker(out, base, logger) {
  const files = {};
  let bytes = 0;
  for await (const file of filesUnder(out)) {
    const path = relative(out, file);
    if (path === SERVICE_WORKER || path.endsWith(".map")) continue;
    const content = await readFile(file);
    bytes += content.length;
    files[servedPath(base, out, file)] = shortHash(content);
  }
  const sorted = Object.fromEntries(Object.entries(files).sort(([a], [b]) => a.localeCompare(b)));
  const source = await readFile(SERVICE_WORKER_SOURCE, "utf8");
  const build = {
    version: shortHash(JSON.stringify(sorted) + source),
    base,
    notFound: `${base}404.html`,
    files: sorted,
  };
  await writeFile(join(out, SERVICE_WORKER), `const BUILD = ${JSON.stringify(build)};\n${source}`);
  logger.info(
    `Service worker ${build.version}: precaches ${Object.keys(sorted).length} files, ${(bytes / 1024 / 1024).toFixed(1)} MB`,
  );
}

export default function readerBuild() {
  let base = "/";
  return {
    name: "vae-reader-build",
    hooks: {
      "astro:config:done": ({ config }) => {
        base = config.base.endsWith("/") ? config.base : `${config.base}/`;
      },
      "astro:build:done": async ({ dir, logger }) => {
        const out = fileURLToPath(dir);
        await buildSearchIndex(out, logger);
        await writeServiceWorker(out, base, logger);
      },
    },
  };
}
