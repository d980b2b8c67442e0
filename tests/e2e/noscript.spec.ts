import { expect, test } from "@playwright/test";
import { spec as klDiscrete } from "../../src/widgets/kl-discrete/spec";
import { frameOnOtherSite } from "./site";

// Without scripts a page shows the state it was built with; it must say so, never silently show
// the default example for an address that asks for another state.
const defaults = Object.entries(klDiscrete.params as Record<string, { fallback: string }>)
  .map(([key, param]) => `${key}=${param.fallback}`)
  .join("&");

test.describe("JavaScript off", () => {
  test.use({ javaScriptEnabled: false });

  test("an embed page says it is not live and which state it shows", async ({ page }) => {
    await page.goto("embed/kl-discrete/?p=1,1&q=1,3");
    const notice = page.locator('[data-widget="kl-discrete"] .widget-noscript');
    await expect(notice).toBeVisible();
    await expect(notice).toContainText("Not live");
    await expect(notice).toContainText(`its default example, ${defaults}.`);
    await expect(notice).toContainText("Values in the page's address are not applied.");
  });

  test("a chapter says it above every widget", async ({ page }) => {
    await page.goto("chapters/kl-divergence/");
    const widgets = page.locator("[data-widget]");
    expect(await widgets.count()).toBeGreaterThan(1);
    await expect(page.locator("[data-widget] .widget-noscript")).toHaveCount(await widgets.count());
    const first = page.locator("[data-widget] .widget-noscript").first();
    await first.scrollIntoViewIfNeeded();
    await expect(first).toBeVisible();
    await expect(first).toContainText("Other values need JavaScript.");
  });
});

test('in a frame with sandbox="" on another site, the notice shows', async ({ page, baseURL }) => {
  const framed = await frameOnOtherSite(page, baseURL, "embed/kl-discrete/?p=1,1&q=1,3", "", {
    width: 800,
    height: 500,
  });
  const notice = framed.locator(".widget-noscript");
  await expect(notice).toBeVisible();
  await expect(notice).toContainText(defaults);
});
