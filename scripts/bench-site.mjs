// Benchmark of the reader's experience (not a test; it prints figures): Lighthouse on every chapter,
// mobile and desktop, against the budgets (performance ≥ 95, accessibility 100, CLS < 0.02, total
// blocking time < 50 ms), and the first-load gzip JavaScript of every page next to its budget
// (15 KB without widgets, 80 KB with). Runs on the build in dist/ (npm run bench:site builds it under
// BASE_PATH=/vae-textbook/ first), serves it locally with gzip as GitHub Pages does and uses Debian's Chromium (CHROME_PATH);
// nothing is downloaded. Each page and form runs LIGHTHOUSE_RUNS times (default 3); the median counts.
// Extra arguments limit Lighthouse to those pages, e.g. `chapters/elbo/`.
// Exits with 1 when a figure misses its budget.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { chromium } from "@playwright/test";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { builtPages } from "./built-pages.mjs";
import { chromiumFlags, chromiumPath } from "./chromium.mjs";
import desktopConfig from "lighthouse/core/config/desktop-config.js";

const DIST = "dist";
const BASE_PATH = process.env.BASE_PATH ?? "/vae-textbook/";
const PORT = Number(process.env.PORT ?? 4399);
const CHROME_FLAGS = ["--headless=new", ...chromiumFlags];
const BUDGET = { performance: 95, accessibility: 100, cls: 0.02, tbtMs: 50 };
const JS_BUDGET_KB = { plain: 15, widgets: 80 };
const RUNS = Number(process.env.LIGHTHOUSE_RUNS ?? 3);

async function startServer() {
  const server = spawn(process.execPath, ["scripts/serve.mjs", DIST], {
    env: { ...process.env, PORT: String(PORT), BASE_PATH, GZIP: "1" },
    stdio: "ignore",
  });
  const site = `http://127.0.0.1:${PORT}${BASE_PATH}`;
  for (let attempt = 0; attempt < 50; attempt++) {
    const ok = await fetch(site).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return { server, site };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  server.kill();
  throw new Error(`The site did not start at ${site}`);
}

const pad = (value, width) => String(value).padStart(width);
const mark = (ok) => (ok ? "ok" : "MISS");

function summarise(path, form, lhr) {
  const { categories, audits } = lhr;
  const accessibilityIds = new Set(categories.accessibility.auditRefs.map((ref) => ref.id));
  return {
    path,
    form,
    performance: Math.round((categories.performance.score ?? 0) * 100),
    accessibility: Math.round((categories.accessibility.score ?? 0) * 100),
    cls: audits["cumulative-layout-shift"].numericValue ?? NaN,
    tbtMs: audits["total-blocking-time"].numericValue ?? NaN,
    lcpMs: audits["largest-contentful-paint"].numericValue ?? NaN,
    fcpMs: audits["first-contentful-paint"].numericValue ?? NaN,
    failedA11y: Object.values(audits)
      .filter((audit) => audit.score === 0 && accessibilityIds.has(audit.id))
      .map((audit) => audit.id),
    // What moved, when the layout shifted: the elements Lighthouse blames.
    shifted: (audits["layout-shift-elements"]?.details?.items ?? [])
      .map((item) => `${item.node?.selector ?? "?"} (${(item.score ?? 0).toFixed(3)})`)
      .slice(0, 3),
  };
}

async function lighthouseRows(site, paths) {
  const chrome = await chromeLauncher.launch({ chromePath: chromiumPath, chromeFlags: CHROME_FLAGS });
  const rows = [];
  try {
    for (const path of paths) {
      for (const [form, config] of [
        ["mobile", undefined],
        ["desktop", desktopConfig],
      ]) {
        // Lighthouse varies from run to run on a shared machine: the median run (by performance) counts.
        const runs = [];
        for (let run = 0; run < RUNS; run++) {
          const result = await lighthouse(
            `${site}${path}`,
            { port: chrome.port, output: "json", logLevel: "error", onlyCategories: ["performance", "accessibility"] },
            config,
          );
          runs.push(summarise(path, form, result.lhr));
        }
        runs.sort((a, b) => a.performance - b.performance);
        const row = runs[Math.floor(runs.length / 2)];
        const range = `${runs[0].performance}–${runs[runs.length - 1].performance}`;
        row.ok =
          row.performance >= BUDGET.performance &&
          row.accessibility >= BUDGET.accessibility &&
          row.cls < BUDGET.cls &&
          row.tbtMs < BUDGET.tbtMs;
        rows.push(row);
        console.log(
          `${path.padEnd(26)} ${form.padEnd(7)} perf ${pad(row.performance, 3)} (${range.padStart(7)})  a11y ${pad(row.accessibility, 3)}  ` +
            `CLS ${row.cls.toFixed(3)}  TBT ${pad(Math.round(row.tbtMs), 4)} ms  LCP ${pad(Math.round(row.lcpMs), 5)} ms  ` +
            `FCP ${pad(Math.round(row.fcpMs), 5)} ms  ${mark(row.ok)}` +
            (row.failedA11y.length ? `  a11y: ${row.failedA11y.join(", ")}` : "") +
            (row.cls >= BUDGET.cls ? `  shifted: ${row.shifted.join(", ")}` : ""),
        );
      }
    }
  } finally {
    chrome.kill();
  }
  return rows;
}

/** First-load JavaScript: every script the page fetches until the network is idle, plus inline scripts. */
async function javascriptRows(site, paths) {
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumFlags });
  const rows = [];
  try {
    for (const path of paths) {
      const page = await browser.newPage({ serviceWorkers: "block" });
      const bodies = [];
      page.on("response", (response) => {
        if (response.request().resourceType() === "script") bodies.push(response.body().catch(() => Buffer.alloc(0)));
      });
      await page.goto(`${site}${path}`, { waitUntil: "networkidle" });
      const inline = await page.evaluate(() =>
        Array.from(document.querySelectorAll("script:not([src])"), (script) => script.textContent ?? "").join("\n"),
      );
      // A page that embeds widget pages in frames (the slides) is a page with widgets too, as in site.spec.ts.
      const hasWidgets =
        (await page.locator('[data-widget], iframe[src*="/embed/"], iframe[data-src*="/embed/"]').count()) > 0;
      const external = (await Promise.all(bodies)).reduce((sum, body) => sum + gzipSync(body).length, 0);
      const kb = (external + gzipSync(Buffer.from(inline)).length) / 1024;
      const budget = hasWidgets ? JS_BUDGET_KB.widgets : JS_BUDGET_KB.plain;
      rows.push({ path, kb, budget, ok: kb <= budget });
      console.log(
        `/${path.padEnd(26)} ${kb.toFixed(1).padStart(5)} KB gzip JavaScript   budget ${pad(budget, 2)} KB   ${mark(kb <= budget)}`,
      );
      await page.close();
    }
  } finally {
    await browser.close();
  }
  return rows;
}

const pages = builtPages(DIST);
if (pages.length === 0) throw new Error(`No built pages in ${DIST}/: run npm run build:test first`);
const requested = process.argv.slice(2);
const chapters = requested.length > 0 ? requested : pages.filter((path) => path.startsWith("chapters/"));
const { server, site } = await startServer();
try {
  console.log(
    `Lighthouse ${JSON.parse(readFileSync("node_modules/lighthouse/package.json", "utf8")).version}, ${site}`,
  );
  console.log(
    `Budgets: performance ≥ ${BUDGET.performance}, accessibility ${BUDGET.accessibility}, CLS < ${BUDGET.cls}, TBT < ${BUDGET.tbtMs} ms\n`,
  );
  const lighthouseResults = await lighthouseRows(site, chapters);
  console.log("\nFirst-load JavaScript per page");
  const javascriptResults = await javascriptRows(site, pages);
  const misses = [...lighthouseResults, ...javascriptResults].filter((row) => !row.ok).length;
  console.log(misses === 0 ? "\nEvery figure is within its budget." : `\n${misses} figure(s) over budget.`);
  process.exitCode = misses === 0 ? 0 : 1;
} finally {
  server.kill();
}
