import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, type Locator, type Page, type Request } from "@playwright/test";
import { ORIGIN } from "../../playwright.config";
import { builtPages as listBuiltPages } from "../../scripts/built-pages.mjs";

export const DIST = "dist";

/**
 * For `test.use` in tests of a model widget that are not about choosing its backend: the context
 * starts with the backend override of src/ml/client.ts (BACKEND_OVERRIDE_KEY) set to WASM, the
 * backend the speed probe picks here, so no page spends a second or two of CPU probing.
 */
export const WITHOUT_SPEED_PROBE = {
  storageState: { cookies: [], origins: [{ origin: ORIGIN, localStorage: [{ name: "vae-backend", value: "wasm" }] }] },
};
/** For `test.use` in the tests of the speed probe itself, inside a file that skips it: nothing stored. */
export const WITH_SPEED_PROBE = { storageState: { cookies: [], origins: [] } };

/**
 * Scrolls to an element of a chapter as a reader's scrolling reaches it. The browser's own
 * scrollIntoView renders the element's `content-visibility: auto` section on the way; Playwright's
 * scrolling (scrollIntoViewIfNeeded, and before a click) measures the section laid out, scrolls, and
 * leaves it skipped, so its widgets never see the screen.
 */
export async function scrollToReach(locator: Locator): Promise<void> {
  await locator.evaluate((element) => element.scrollIntoView({ block: "center" }));
}

/** Every page of the built site, as a path relative to the base (e.g. "chapters/elbo/"). */
export const builtPages = (): string[] => listBuiltPages(DIST);

export function builtHtml(page: string): string {
  return readFileSync(join(DIST, page, "index.html"), "utf8");
}

/** Collects console errors, page errors and requests to any other host while a page is used. */
export function watchPage(page: Page): { problems: string[]; foreign: string[] } {
  const problems: string[] = [];
  const foreign: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console: ${message.text()} (${message.location().url})`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("request", (request: Request) => {
    const url = new URL(request.url());
    if (!["127.0.0.1", "localhost"].includes(url.hostname) && !["data:", "blob:"].includes(url.protocol)) {
      foreign.push(request.url());
    }
  });
  return { problems, foreign };
}

/**
 * The state each widget's figures are shown and checked in by the layout, snapshot and image tests
 * (others at their defaults): the VAE pretrained, its log p(x) with k = 1 so the measurement at rest is short.
 */
export const FIGURE_STATES: Readonly<Record<string, string>> = { vae: "pretrained=1&k=1" };

/** Opens a widget's embed page with a query string and waits (`timeout` ms, or expect's) until its outputs match the state. */
export async function openWidget(page: Page, id: string, query = "", timeout?: number) {
  await page.goto(`embed/${id}/${query ? `?${query}` : ""}`);
  const root = page.locator(`[data-widget="${id}"]`);
  await expect(root).toHaveAttribute("data-ready", "", { timeout });
  return root;
}

/** The full-precision value of an output, as a number (or undefined when it is empty). */
export async function outputValue(page: Page, name: string): Promise<number | undefined> {
  const value = await page.locator(`output[name="${name}"]`).getAttribute("data-value");
  return value === null ? undefined : Number(value);
}

/** Bad input: an alert that names the parameter, emptied outputs, and nothing reading NaN. */
export async function expectBadInput(page: Page, id: string, query: string, parameter: string) {
  const root = await openWidget(page, id, query);
  const alert = root.locator("[role=alert]");
  await expect(alert).toBeVisible();
  await expect(alert).toContainText(parameter);
  // The figures and notes still show the last valid state: marked stale; a control named after the parameter says why.
  await expect(root).toHaveAttribute("data-stale", "");
  const control = root.locator(`input[name="${parameter}"]`).first();
  if ((await control.count()) > 0 && (await control.isVisible())) {
    await expect(control).toHaveAttribute("aria-invalid", "true");
    const message = root.locator(
      `#${await control.getAttribute("aria-describedby").then((ids) => ids?.split(" ").at(-1))}`,
    );
    await expect(message).toBeVisible();
    await expect(message).toContainText(`${parameter}`);
  }
  for (const output of await root.locator("output[name]").all()) {
    await expect(output).not.toHaveAttribute("data-value");
  }
  const text = await root.innerText();
  expect(text).not.toMatch(/\bNaN\b|undefined/);
}

/**
 * Opens a page of another origin (localhost, while the site is on 127.0.0.1, as a course page is on
 * another site) holding one frame of `path`, with `sandbox` when given; returns the frame.
 */
export async function frameOnOtherSite(
  page: Page,
  baseURL: string | undefined,
  path: string,
  sandbox?: string,
  size = { width: 900, height: 700 },
) {
  await page.goto((baseURL ?? "").replace("127.0.0.1", "localhost"));
  await page.evaluate(
    ({ src, sandbox, size }) => {
      const frame = document.createElement("iframe");
      frame.src = src;
      frame.title = "Framed page";
      frame.width = String(size.width);
      frame.height = String(size.height);
      if (sandbox !== undefined) frame.setAttribute("sandbox", sandbox);
      document.body.replaceChildren(frame);
    },
    { src: new URL(path, baseURL).href, sandbox, size },
  );
  return page.frameLocator('iframe[title="Framed page"]');
}
