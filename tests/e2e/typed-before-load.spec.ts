import { expect, test, type Page } from "@playwright/test";

/**
 * A reader on a slow line types into a widget before its element module has loaded: no listener
 * heard the typing, so the widget base class (src/widgets/widget-element.ts, changedBeforeLoad)
 * takes the fields' values as the state when it connects. Each case holds the module back, types,
 * then lets it load.
 */
/** Holds back the scripts whose path matches `pattern`: resolves once one is asked for, with the release. */
async function holdScripts(page: Page, pattern: RegExp): Promise<{ requested: Promise<void>; release: () => void }> {
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  let requestedNow = () => {};
  const requested = new Promise<void>((resolve) => (requestedNow = resolve));
  await page.route(pattern, async (route) => {
    requestedNow();
    await released;
    await route.continue();
  });
  return { requested, release };
}

async function openWithModuleHeld(page: Page, id: string): Promise<() => void> {
  const { requested, release } = await holdScripts(page, /\/_astro\/element\.[\w-]+\.js$/);
  await page.goto(`embed/${id}/`, { waitUntil: "domcontentloaded" });
  await requested;
  expect(await page.evaluate((tag) => customElements.get(tag) === undefined, `vae-${id}`)).toBe(true);
  return release;
}

test("bad input typed before the module loaded gets its alert and goes into the address", async ({ page }) => {
  const release = await openWithModuleHeld(page, "kl-std-normal");
  const root = page.locator('[data-widget="kl-std-normal"]');
  await root.locator('input[name="mu"]').fill("1, oops, 0");
  release();
  await expect(root).toHaveAttribute("data-ready", "");
  await expect(root.locator("[role=alert]")).toContainText("mu");
  await expect(root.locator('output[name="kl"]')).not.toHaveAttribute("data-value");
  expect(new URL(page.url()).searchParams.get("mu")).toBe("1, oops, 0");
});

test("a table column typed before the module loaded is the parameter (bayes)", async ({ page }) => {
  const release = await openWithModuleHeld(page, "bayes");
  const root = page.locator('[data-widget="bayes"]');
  await root.locator('input[name="likelihood-1"]').fill("2");
  release();
  await expect(root).toHaveAttribute("data-ready", "");
  await expect(root.locator("[role=alert]")).toContainText("likelihood");
  await expect(root.locator('input[name="likelihood-1"]')).toHaveValue("2");
  expect(new URL(page.url()).searchParams.get("likelihood")).toBe("0.9,2");
});

test("Copy link pressed before the Embed panel's module loaded is answered once it loads", async ({
  page,
  context,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const { requested, release } = await holdScripts(page, /\/_astro\/panel\.[\w-]+\.js$/);
  await page.goto("embed/dice/?n=3");
  const root = page.locator('[data-widget="dice"]');
  await expect(root).toHaveAttribute("data-ready", "");
  await root.locator("[data-role=embed] summary").click();
  await requested;
  await root.getByRole("button", { name: "Copy link" }).click();
  release();
  await expect(root.locator(".embed-status")).toHaveText("Copied the link.");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/\/embed\/dice\/\?n=3&theme=light$/); // the panel's default theme (SNIPPET_THEME)
});
