import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { builtPages, DIST, watchPage } from "./site";

// The service worker is blocked in the other tests (playwright.config.ts); here it is the subject.
test.use({ serviceWorkers: "allow" });

interface Build {
  version: string;
  base: string;
  files: Record<string, string>;
}

/** The manifest the build wrote into sw.js: every file of the deploy with its revision. */
function builtServiceWorker(): { build: Build; source: string } {
  const source = readFileSync(join(DIST, "sw.js"), "utf8");
  const json = /^const BUILD = (.*);$/m.exec(source)?.[1];
  if (!json) throw new Error("sw.js has no BUILD line");
  return { build: JSON.parse(json) as Build, source };
}

/** Waits until the site's worker has precached everything and controls the page. */
async function installed(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) =>
        navigator.serviceWorker.addEventListener("controllerchange", resolve, { once: true }),
      );
    }
    return caches.keys();
  });
}

test("after one visit every page, search, data file and model works with no network", async ({ page, context }) => {
  test.setTimeout(120_000);
  const { build } = builtServiceWorker();
  await page.goto("");
  const cacheNames = await installed(page);
  expect(cacheNames).toEqual([`vae-book-${build.version}`]);
  const cachedCount = await page.evaluate(
    async (name) => (await (await caches.open(name)).keys()).length,
    cacheNames[0] ?? "",
  );
  // Every file of the build, plus the worker's own record of revisions.
  expect(cachedCount).toBe(Object.keys(build.files).length + 1);
  const paths = Object.keys(build.files);
  for (const kind of [/\.wasm$/, /\/data\/.+\.bin$/, /\/pagefind\/pagefind\.js$/]) {
    const wanted = paths.filter((path) => kind.test(path));
    const cached = await page.evaluate(
      async ({ name, wanted }) => {
        const cache = await caches.open(name);
        const hits = await Promise.all(wanted.map((path) => cache.match(path)));
        return hits.filter(Boolean).length;
      },
      { name: cacheNames[0] ?? "", wanted },
    );
    expect(cached, String(kind)).toBe(wanted.length);
  }

  await context.setOffline(true);
  for (const path of builtPages()) {
    const response = await page.goto(path);
    expect(response?.status(), `/${path} offline`).toBe(200);
    await expect(page.locator("h1").first()).toBeVisible();
  }
  await page.goto("embed/kl-std-normal/?mu=0.5&logvar=0");
  await expect(page.locator('[data-widget="kl-std-normal"]')).toHaveAttribute("data-ready", "");
  await page.goto("notation/");
  await expect(page.locator("html")).toHaveAttribute("data-reader", "ready");
  await page.getByRole("searchbox", { name: "Search the book" }).fill("divergence");
  await expect(page.locator("#site-search-results a").first()).toBeVisible();
  const missing = await page.goto("no/such/page/");
  expect(await missing?.text()).toContain("Page not found");
});

test("a new deploy installs beside the old one and replaces its cache when the reader reloads", async ({
  page,
  baseURL,
}) => {
  test.setTimeout(120_000);
  // A deploy of our own: a copy of the build on another port, changed in place like a new deploy.
  const folder = mkdtempSync(join(tmpdir(), "vae-deploy-"));
  cpSync(DIST, folder, { recursive: true });
  const port = Number(new URL(baseURL ?? "").port) + 100;
  const basePath = new URL(baseURL ?? "").pathname;
  const server = spawn(process.execPath, ["scripts/serve.mjs", folder], {
    env: { ...process.env, PORT: String(port), BASE_PATH: basePath },
    stdio: "ignore",
  });
  try {
    const site = `http://127.0.0.1:${port}${basePath}`;
    await expect
      .poll(() =>
        fetch(site).then(
          (response) => response.status,
          () => 0,
        ),
      )
      .toBe(200);
    const { build, source } = builtServiceWorker();
    await page.goto(site);
    await installed(page);

    const changedPage = `${build.base}notation/`;
    const next: Build = {
      ...build,
      version: `${build.version}-next`,
      files: { ...build.files, [changedPage]: "changed" },
    };
    writeFileSync(
      join(folder, "sw.js"),
      source.replace(/^const BUILD = .*;$/m, `const BUILD = ${JSON.stringify(next)};`),
    );
    await page.evaluate(async () => (await navigator.serviceWorker.ready).update());
    const notice = page.getByRole("status").filter({ hasText: "A new edition of the book is ready." });
    await expect(notice).toBeVisible({ timeout: 30_000 });
    // Until the reader says so, the old edition keeps serving the open page.
    expect(await page.evaluate(() => caches.keys())).toHaveLength(2);
    await Promise.all([page.waitForEvent("load"), notice.getByRole("button", { name: "Reload" }).click()]);
    await expect
      .poll(() => page.evaluate(() => caches.keys()), { timeout: 15_000 })
      .toEqual([`vae-book-${next.version}`]);
  } finally {
    server.kill();
    rmSync(folder, { recursive: true, force: true });
  }
});

test("cross-origin isolation: the switch isolates pages, and embeds framed by another site still work", async ({
  page,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const watch = watchPage(page);
  // The per-browser override of src/data/site.ts's switch (src/scripts/isolation.ts).
  await page.addInitScript(() => {
    // Framed by another site, storage may be refused: only the top page needs the setting.
    if (window === window.top) localStorage.setItem("vae-cross-origin-isolation", "credentialless");
  });
  await page.goto("");
  await installed(page);
  await expect
    .poll(async () => page.evaluate(async () => (await navigator.serviceWorker.ready).active?.scriptURL ?? ""))
    .toContain("isolation=credentialless");
  await page.goto("embed/kl-std-normal/?mu=1&logvar=0");
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  await expect(page.locator('[data-widget="kl-std-normal"]')).toHaveAttribute("data-ready", "");

  // Another origin (localhost instead of 127.0.0.1) frames the embed.
  const embedUrl = new URL("embed/kl-std-normal/?mu=1&logvar=0", baseURL).href;
  const otherOrigin = (baseURL ?? "").replace("127.0.0.1", "localhost");
  await page.goto(otherOrigin);
  await page.evaluate((src) => {
    const frame = document.createElement("iframe");
    frame.src = src;
    frame.title = "Embedded widget";
    frame.width = "800";
    frame.height = "500";
    document.body.prepend(frame);
  }, embedUrl);
  // The widget starts when it is in view (src/widgets/loader.ts).
  await page.locator('iframe[title="Embedded widget"]').scrollIntoViewIfNeeded();
  const framed = page.frameLocator('iframe[title="Embedded widget"]');
  await expect(framed.locator('[data-widget="kl-std-normal"]')).toHaveAttribute("data-ready", "");
  await expect(framed.locator('output[name="kl"]')).toHaveAttribute("data-value", "0.5");
  // Framed by another site, the embed is outside the site's worker (storage is partitioned, and
  // browsers may refuse third-party workers): it works as a plain page, not isolated.
  const frame = page.frames().find((candidate) => candidate.url() === embedUrl);
  expect(await frame?.evaluate(() => [navigator.serviceWorker?.controller ?? null, crossOriginIsolated])).toEqual([
    null,
    false,
  ]);
  expect(watch.problems).toEqual([]);
});
