// The build's hover definitions (src/markdown/notation-links.mjs) in a chapter: a symbol inside a
// formula and a term in the prose show their notation entry's meaning on hover, keyboard focus and
// tap; Escape closes the card; nothing scrolls sideways on a 320 px phone; screen readers reach the
// links inside KaTeX's HTML (which the site-wide axe run skips), with their name and description.
import { expect, test, type Page } from "@playwright/test";
import { notationEntry } from "../../src/data/notation";
import { builtHtml, builtPages, scrollToReach } from "./site";

const ELBO = "chapters/elbo/";
const popover = (page: Page) => page.locator(".tip-popover");
const inFormula = (key: string) => `.katex-html a.term[data-tip="notation-tip-${key}"]`;

async function open(page: Page, path: string) {
  await page.goto(path);
  await expect(page.locator("html")).toHaveAttribute("data-reader", "ready");
}

test("a symbol in a formula shows its meaning on hover, a term on keyboard focus; Escape closes", async ({ page }) => {
  await open(page, ELBO);
  const likelihood = page.locator(inFormula("likelihood")).first();
  await scrollToReach(likelihood);
  await likelihood.hover();
  await expect(popover(page)).toBeVisible();
  await expect(popover(page)).toContainText(notationEntry("likelihood").meaning);
  await page.keyboard.press("Escape");
  await expect(popover(page)).toBeHidden();

  // Keyboard: Tab from the element just before the first link of the chapter's text reaches it.
  const first = page.locator("article a.term").first();
  await first.evaluate((link) => {
    const focusable = Array.from(document.querySelectorAll<HTMLElement>("a[href], button, input, [tabindex]"));
    focusable[focusable.indexOf(link as HTMLElement) - 1]?.focus();
  });
  await page.keyboard.press("Tab");
  await expect(first).toBeFocused();
  const key = ((await first.getAttribute("data-tip")) ?? "").replace("notation-tip-", "");
  await expect(popover(page)).toContainText(notationEntry(key).meaning);
  await page.keyboard.press("Escape");
  await expect(popover(page)).toBeHidden();

  // The site-wide axe run skips KaTeX's HTML, where these links are: check what it would, directly.
  // Screen readers find the link (no aria-hidden ancestor), named by the symbol, described by its meaning.
  const named = page.locator("article").getByRole("link", { name: "p(z)", exact: true }).first();
  await expect(named).toHaveAttribute("data-tip", "notation-tip-prior");
  await expect(named).toHaveAccessibleDescription(notationEntry("prior").meaning);
});

test.describe("on a 320 px touch screen", () => {
  test.use({ hasTouch: true, isMobile: true, viewport: { width: 320, height: 640 } });

  test("a tap on a symbol in a formula shows its meaning inside the screen", async ({ page }) => {
    await open(page, ELBO);
    const link = page.locator(inFormula("prior")).first();
    await scrollToReach(link);
    await link.tap();
    await expect(popover(page)).toBeVisible();
    await expect(popover(page)).toContainText(notationEntry("prior").meaning);
    await expect(page).toHaveURL(/\/chapters\/elbo\/$/);
    const box = await popover(page).boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 320).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  });
});

test("every marker the build put in a formula became a link", () => {
  for (const path of builtPages().filter((page) => page.startsWith("chapters/"))) {
    const html = builtHtml(path);
    expect(html.match(/data-notation(?:-whole)?=/g) ?? [], path).toEqual([]);
    expect(html, path).toContain('class="enclosing term term-in-math"');
  }
});
