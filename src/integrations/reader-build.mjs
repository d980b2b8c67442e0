// After `astro build`: Pagefind's search index over the chapters, notation and bibliography, then the
// service worker's manifest: every file of the build with its revision and size, and the "shell" a
// first visit stores (the home and 404 pages and what any page needs to render: styles, WOFF2 fonts,
// the page scripts and the modules they load, never the training worker's TensorFlow.js, .wasm,
// data, models or search index, which are cached when first used or when the reader saves the book),
// and the size of the whole book written into every page's "Save the book for offline" control.
// As an integration it runs with every build, whatever the output folder, so no npm script has to
// remember it.
import { createHash } from "node:crypto";
import { readdir, readFile, rm, writeFile } from "node:fs/promises";
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

/**
 * Left out of the search index. KaTeX's copies of a formula other than its TeX annotation (the HTML
 * glyphs and the MathML tree), and the widgets' controls, their group names, column headings and Embed
 * panels: Pagefind runs the words of buttons, tabs, legends and <th> cells together ("Add
 * hypothesisRemove the last"), and no reader looks for them.
 */
const NOT_INDEXED = [
  ".katex-html",
  ".katex-mathml semantics > mrow",
  ".katex-mathml semantics > mtable",
  "button",
  "[role=tablist]",
  "legend",
  "thead",
  ".embed-panel",
];

const shortHash = (data) => createHash("sha256").update(data).digest("hex").slice(0, 16);

async function buildSearchIndex(out, logger) {
  // KaTeX writes each formula three times: its glyphs (.katex-html), MathML, and the TeX source in
  // MathML's <annotation>. Index the TeX alone, so an excerpt reads "\KL(P \,\Vert\, Q)", not glyph soup.
  const { index, errors } = await pagefind.createIndex({ excludeSelectors: NOT_INDEXED });
  if (!index) throw new Error(`Pagefind could not start: ${errors.join("; ")}`);
  const indexed = await index.addDirectory({ path: out });
  if (indexed.errors.length > 0) throw new Error(`Pagefind: ${indexed.errors.join("; ")}`);
  const written = await index.writeFiles({ outputPath: join(out, "pagefind") });
  if (written.errors.length > 0) throw new Error(`Pagefind: ${written.errors.join("; ")}`);
  // Pagefind writes its prebuilt UIs beside the index; the book bundles @pagefind/component-ui
  // instead, so these ~430 KB would only weigh on "Save the book for offline".
  for (const name of await readdir(join(out, "pagefind"))) {
    if (/^pagefind-(ui|component-ui|modular-ui|highlight)\.(js|css)$/.test(name)) await rm(join(out, "pagefind", name));
  }
  await pagefind.close();
  logger.info(`Search index: ${indexed.page_count} pages`);
}

/** The URL path of a built file: folder/index.html is served as folder/. */
export function servedPath(base, out, file) {
  const path = relative(out, file).split(sep).join("/");
  return encodeURI(`${base}${path.replace(/(^|\/)index\.html$/, "$1")}`);
}

/** Browsers that run service workers all read WOFF2: KaTeX's .woff and .ttf fallbacks are never fetched. */
const FALLBACK_FONT = /\.(woff|ttf)$/;
/** Pages: the shell holds only these two of them; the others are stored as they are read. */
const SHELL_PAGES = ["", "404.html"];

/** Same-origin references in HTML, CSS or a JS module: attributes, url(), static and dynamic imports, Vite's preload lists. */
function references(text) {
  const found = [];
  for (const match of text.matchAll(/\b(?:src|href)="([^"#?]+)/g)) found.push(match[1]);
  for (const match of text.matchAll(/url\(\s*["']?([^"')#?]+)/g)) found.push(match[1]);
  // `new URL(…)` (the training worker) is not among these: a worker is loaded when a model first trains.
  for (const match of text.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*["'`]([^"'`$]+)["'`]/g)) found.push(match[1]);
  for (const match of text.matchAll(/\((\w+)\.f\|\|\(\1\.f=\[([^\]]*)\]/g)) {
    for (const name of (match[2] ?? "").matchAll(/["'`]([^"'`]+)["'`]/g)) found.push(name[1]);
  }
  return found;
}

/**
 * The shell: the paths a first visit stores, the SHELL_PAGES and everything reachable from any page
 * through references() (styles, WOFF2 fonts, images, page scripts and the modules they import).
 * @param {string} base the site's base path, ending in "/"
 * @param {Map<string, string>} texts served path → text of each HTML, CSS and JS file
 * @param {Set<string>} files every served path of the manifest
 */
export function shellOf(base, texts, files) {
  const resolve = (from, reference) => {
    const absolute = reference.startsWith("/")
      ? reference
      : reference.startsWith("./") || reference.startsWith("../")
        ? new URL(reference, `http://site${from}`).pathname
        : `${base}${reference}`;
    return files.has(absolute) ? absolute : undefined;
  };
  const pages = [...texts.keys()].filter((path) => path.endsWith("/") || path.endsWith(".html"));
  const shell = new Set(SHELL_PAGES.map((page) => `${base}${page}`).filter((path) => files.has(path)));
  const queue = [...pages];
  const seen = new Set(queue);
  while (queue.length > 0) {
    const from = queue.pop() ?? "";
    for (const reference of references(texts.get(from) ?? "")) {
      const path = resolve(from, reference);
      if (!path || seen.has(path) || pages.includes(path)) continue;
      seen.add(path);
      shell.add(path);
      queue.push(path);
    }
  }
  return [...shell].sort();
}

/** Megabytes with one decimal, as the control shows them. */
export const megabytes = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export async function writeServiceWorker(out, base, logger) {
  const paths = new Map();
  for await (const file of filesUnder(out)) {
    const path = relative(out, file);
    if (path === SERVICE_WORKER || path.endsWith(".map") || FALLBACK_FONT.test(path)) continue;
    paths.set(servedPath(base, out, file), file);
  }
  // The whole book's size, written into each page first: it counts the pages as they are served.
  const contents = new Map();
  for (const [path, file] of paths) contents.set(path, await readFile(file));
  const total = () => [...contents.values()].reduce((sum, content) => sum + content.length, 0);
  for (let round = 0; round < 2; round++) {
    const bytes = total();
    for (const [path, content] of contents) {
      if (!/\.html$|\/$/.test(path)) continue;
      const html = content.toString("utf8");
      const written = html.replace(/data-book-bytes="\d+"/g, `data-book-bytes="${bytes}"`);
      if (written !== html) {
        contents.set(path, Buffer.from(written));
        await writeFile(paths.get(path), written);
      }
    }
  }
  const files = {};
  const sizes = {};
  const texts = new Map();
  for (const [path, content] of [...contents].sort(([a], [b]) => a.localeCompare(b))) {
    files[path] = shortHash(content);
    sizes[path] = content.length;
    if (/\.(html|css|js|mjs)$|\/$/.test(path)) texts.set(path, content.toString("utf8"));
  }
  const shell = shellOf(base, texts, new Set(Object.keys(files)));
  const source = await readFile(SERVICE_WORKER_SOURCE, "utf8");
  const build = {
    version: shortHash(JSON.stringify(files) + JSON.stringify(shell) + source),
    base,
    notFound: `${base}404.html`,
    files,
    sizes,
    shell,
  };
  await writeFile(join(out, SERVICE_WORKER), `const BUILD = ${JSON.stringify(build)};\n${source}`);
  const shellBytes = shell.reduce((sum, path) => sum + (sizes[path] ?? 0), 0);
  logger.info(
    `Service worker ${build.version}: a first visit stores ${shell.length} files, ${megabytes(shellBytes)}; ` +
      `the whole book is ${Object.keys(files).length} files, ${megabytes(total())}`,
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
