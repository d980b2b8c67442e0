import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { builtPages, DIST, outputValue, watchPage } from "./site";

// The service worker is blocked in the other tests (playwright.config.ts); here it is the subject.
test.use({ serviceWorkers: "allow" });

interface Build {
  version: string;
  base: string;
  files: Record<string, string>;
  sizes: Record<string, number>;
  shell: string[];
}

/** The manifest the build wrote into sw.js: every file of the deploy with its revision. */
function builtServiceWorker(): { build: Build; source: string } {
  const source = readFileSync(join(DIST, "sw.js"), "utf8");
  const json = /^const BUILD = (.*);$/m.exec(source)?.[1];
  if (!json) throw new Error("sw.js has no BUILD line");
  return { build: JSON.parse(json) as Build, source };
}

/** Waits until the site's worker is active and controls the page. */
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

/** What Cache Storage holds: each stored path with its body's size in bytes. */
async function stored(page: Page): Promise<Record<string, number>> {
  return page.evaluate(async () => {
    const sizes: Record<string, number> = {};
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        const response = await cache.match(request);
        sizes[new URL(request.url).pathname] = (await response?.blob())?.size ?? 0;
      }
    }
    return sizes;
  });
}

const total = (sizes: Record<string, number>) => Object.values(sizes).reduce((sum, bytes) => sum + bytes, 0);
const HEAVY = /\.wasm$|\/data\/|\/models\/|\/pagefind\/|train\.worker/;
const FIRST_VISIT_BUDGET = 3 * 1024 * 1024;

test("a first visit stores at most 3 MB; read pages open offline from every form of their address", async ({
  page,
  context,
}) => {
  test.setTimeout(120_000);
  const { build } = builtServiceWorker();
  // The book's largest page, read first.
  const first = "chapters/kl-divergence/";
  await page.goto(first);
  await installed(page);
  const firstPath = `${build.base}${first}`;
  await expect.poll(async () => Object.keys(await stored(page))).toContain(firstPath);
  await page.goto("embed/dice/");
  await expect(page.locator('[data-widget="dice"]')).toHaveAttribute("data-ready", "");
  const sizes = await stored(page);
  console.log(`first visit: ${Object.keys(sizes).length} files, ${(total(sizes) / 1024 / 1024).toFixed(2)} MB stored`);
  expect(total(sizes)).toBeLessThanOrEqual(FIRST_VISIT_BUDGET);
  expect(Object.keys(sizes).filter((path) => HEAVY.test(path))).toEqual([]);
  // The shell, the page read first and the page read next, nothing else of the book's pages.
  for (const path of [...build.shell, firstPath, `${build.base}embed/dice/`])
    expect(sizes, path).toHaveProperty([path]);
  expect(sizes).not.toHaveProperty([`${build.base}chapters/elbo/`]);

  await context.setOffline(true);
  for (const address of [
    // Each differs from the one before in more than its fragment, so each is a navigation.
    "embed/dice?event=5,6",
    "embed/dice/index.html?event=5,6",
    "embed/dice/?event=5,6#top",
    "embed/dice/index.html?event=5,6#top",
    "embed/dice?event=5,6#top",
  ]) {
    const response = await page.goto(address);
    expect(response?.status(), address).toBe(200);
    await expect(page.locator('[data-widget="dice"]'), address).toHaveAttribute("data-ready", "");
    // The state in the query: the event {5, 6} on a fair die (the default event is {3}).
    await expect.poll(() => outputValue(page, "p_event"), address).toBeCloseTo(1 / 3, 12);
  }
  expect(new URL(page.url()).pathname).toBe(`${build.base}embed/dice/`);
  const response = await page.goto(first.replace(/\/$/, ""));
  expect(response?.status()).toBe(200);
  await expect(page.locator("h1").first()).toBeVisible();
  const missing = await page.goto("chapters/elbo/");
  expect(await missing?.text()).toContain("Page not found");
});

test("Save the book for offline: says its size, then every page, search and model widget works offline", async ({
  page,
  context,
}) => {
  test.setTimeout(120_000);
  const { build } = builtServiceWorker();
  const bookBytes = Object.values(build.sizes).reduce((sum, bytes) => sum + bytes, 0);
  await page.goto("");
  await installed(page);
  const save = page.getByRole("button", { name: /^Save the book for offline/ });
  await expect(save).toHaveText(`Save the book for offline (${(bookBytes / 1024 / 1024).toFixed(1)} MB)`);
  await save.click();
  await expect(page.locator("[data-offline-status]")).toHaveText(/^Saved for offline/, { timeout: 60_000 });
  const sizes = await stored(page);
  for (const path of Object.keys(build.files)) expect(sizes, path).toHaveProperty([path]);

  await context.setOffline(true);
  for (const path of builtPages()) {
    const response = await page.goto(path);
    expect(response?.status(), `/${path} offline`).toBe(200);
    await expect(page.locator("h1").first()).toBeVisible();
  }
  await page.goto("embed/kl-std-normal/?mu=0.5&logvar=0");
  await expect(page.locator('[data-widget="kl-std-normal"]')).toHaveAttribute("data-ready", "");
  // The model works offline once its held-out figures show (TensorFlow.js, its WASM, the weights and
  // the digits all came from the cache); what it measures at rest next fetches nothing.
  await page.goto("embed/vae/?pretrained=1");
  const vae = page.locator('[data-widget="vae"]');
  await expect(vae.locator('output[name="elbo_test"]')).toHaveAttribute("data-value", /\d/, { timeout: 60_000 });
  await expect(vae.locator("span[data-role=status]")).toHaveText(/^Ready\./);
  await expect(vae.locator("[role=alert]")).toBeHidden();
  await page.goto("notation/");
  await expect(page.locator("html")).toHaveAttribute("data-reader", "ready");
  // Saved stays saved: the control says so on every page.
  await expect(page.locator("[data-offline-status]")).toHaveText(/^Saved for offline/);
  // Pagefind's UI, then its index, both loaded for the first time offline.
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await page.getByRole("dialog").getByRole("searchbox").fill("divergence");
  await expect(page.getByRole("dialog").locator("pagefind-results a").first()).toBeVisible();
});

test("Save-Data: nothing is stored until the reader saves the book", async ({ page }) => {
  test.setTimeout(90_000);
  const client = await page.context().newCDPSession(page);
  // Chromium's own Save-Data switch: navigator.connection.saveData and the Save-Data request header.
  await client.send("Emulation.setDataSaverOverride", { dataSaverEnabled: true });
  let header = "";
  page.on("request", (request) => {
    header ||= request.headers()["save-data"] ?? "";
  });
  await page.goto("chapters/probability/");
  await expect(page.locator("html")).toHaveAttribute("data-reader", "ready");
  expect(await page.evaluate(() => (navigator as { connection?: { saveData?: boolean } }).connection?.saveData)).toBe(
    true,
  );
  await expect(page.locator("[data-offline-note]")).toContainText("Your browser asks to save data");
  // Longer than the idle registration's 5 s limit (src/scripts/offline.ts): still no worker, no cache.
  await page.waitForTimeout(6000);
  expect(
    await page.evaluate(async () => [(await navigator.serviceWorker.getRegistration()) ?? "none", await caches.keys()]),
  ).toEqual(["none", []]);
  await page.getByRole("button", { name: /^Save the book for offline/ }).click();
  await expect(page.locator("[data-offline-status]")).toHaveText(/^Saved for offline/, { timeout: 60_000 });
  console.log(`Save-Data header sent: ${header || "(no)"}`);
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

test("cross-origin isolation: the worker isolates pages from the second load on, and embeds framed by another site still work", async ({
  page,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const watch = watchPage(page);
  // A first visit is not isolated (no worker yet), and nothing reloads it.
  await page.goto("");
  await page.evaluate(() => Object.assign(window, { firstLoad: true }));
  await installed(page);
  // The switch of src/data/site.ts as shipped.
  await expect
    .poll(async () => page.evaluate(async () => (await navigator.serviceWorker.ready).active?.scriptURL ?? ""))
    .toContain("isolation=require-corp");
  // The same document (a reload would have dropped the mark), still not isolated.
  expect(await page.evaluate(() => [(window as { firstLoad?: boolean }).firstLoad, crossOriginIsolated])).toEqual([
    true,
    false,
  ]);
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
