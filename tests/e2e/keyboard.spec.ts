import { expect, test, type Page } from "@playwright/test";
import { chapterSlugs } from "./layout";

/**
 * A reader with a keyboard alone: Tab from the top of a chapter, at first visit, reaches every control
 * of every widget in document order, model widgets given the time to load their model first. Controls
 * that wait in <Deferred> templates count too: their fallback holds their place in the Tab order.
 */

declare global {
  interface Window {
    controlKey(element: Element): string | undefined;
    focusedControls: string[];
    /** Set once focus enters the footer: the walk's end, after which nothing more is recorded. */
    reachedFooter: boolean;
  }
}

/** Names each widget control the same way while the Tab walk runs and after it. */
async function recordFocus(page: Page): Promise<void> {
  await page.evaluate(() => {
    window.controlKey = (element: Element) => {
      const widget = element.closest("[data-widget]");
      if (!widget || element.hasAttribute("data-deferred-fallback")) return undefined;
      const index = Array.from(document.querySelectorAll("[data-widget]")).indexOf(widget);
      const name =
        element.getAttribute("name") ??
        element.getAttribute("aria-label") ??
        element.getAttribute("data-role") ??
        element.textContent?.trim().slice(0, 40);
      return `${index} ${widget.getAttribute("data-widget")}: ${element.tagName.toLowerCase()} ${name ?? ""}`;
    };
    window.focusedControls = [];
    window.reachedFooter = false;
    document.addEventListener("focusin", (event) => {
      if (window.reachedFooter || !(event.target instanceof Element)) return;
      if (event.target.closest("footer")) window.reachedFooter = true;
      const key = window.controlKey(event.target);
      if (key) window.focusedControls.push(key);
    });
  });
}

/** Every control of every widget that Tab should stop at, in document order, as the page is now. */
function tabbableControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const candidates = document.querySelectorAll<HTMLElement>(
      "[data-widget] :is(input, select, textarea, button, a[href], summary, [tabindex])",
    );
    const keys: string[] = [];
    for (const element of candidates) {
      if (element.tabIndex < 0 || (element as HTMLInputElement).disabled) continue;
      if (element instanceof HTMLInputElement && element.type === "hidden") continue;
      if (!element.checkVisibility({ visibilityProperty: true }) || element.closest("[inert]")) continue;
      // A radio group is one Tab stop: its checked button.
      if (element instanceof HTMLInputElement && element.type === "radio" && !element.checked) continue;
      const key = window.controlKey(element);
      if (key) keys.push(key);
    }
    return keys;
  });
}

for (const slug of chapterSlugs) {
  test(`Tab from the top of chapters/${slug}/ reaches every widget control in document order`, async ({ page }) => {
    test.setTimeout(300_000);
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(`chapters/${slug}/`);
    // Model widgets load as they near the screen, their Train disabled meanwhile: load them first, as a
    // reader scrolling through does, so the walk meets each as it rests (a pretrained VAE after measuring).
    const models = await page.locator("[data-widget]:has(.training-status)").all();
    // The chapters with a model widget must find it, or the wait below would pass without waiting.
    if (slug === "vae" || slug === "autoencoders") expect(models.length, "model widgets").toBeGreaterThan(0);
    for (const model of models) {
      await model.evaluate((element) => element.scrollIntoView({ block: "center" }));
      // Defined, its controls out of their <Deferred> template and enabled, and a pretrained one loaded
      // ("Ready."; its held-out figures may still be being measured, which changes no control).
      const resting = () =>
        model.evaluate(
          (element) =>
            element.matches(":defined") &&
            element.querySelector<HTMLButtonElement>("button[data-role=train]")?.disabled === false &&
            (element.getAttribute("pretrained") !== "1" ||
              /^Ready\./.test(element.querySelector("[data-role=status]")?.textContent ?? "")),
        );
      await expect.poll(resting, { timeout: 120_000 }).toBe(true);
    }
    await page.evaluate(() => window.scrollTo(0, 0));
    await recordFocus(page);
    const widgets = await page.locator("[data-widget]").count();
    await tabToFooter(page);
    let focused = await page.evaluate(() => window.focusedControls);
    let expected = await tabbableControls(page);
    expect(new Set(focused.map((key) => key.split(":")[0])).size, "widgets reached at first visit").toBe(widgets);
    if (await modelsLoading(page)) {
      // A model's Train and Reset are disabled, and its plot's handles absent, until the model it
      // starts loading as the walk nears it has loaded: then a second walk must stop at all of them.
      await expect.poll(() => modelsLoading(page), { timeout: 90_000 }).toBe(false);
      await page.evaluate(() => {
        document.querySelector<HTMLElement>("a[href]")?.focus();
        window.focusedControls = [];
        window.reachedFooter = false;
      });
      await tabToFooter(page);
      focused = await page.evaluate(() => window.focusedControls);
      expected = await tabbableControls(page);
    }
    expect(new Set(expected.map((key) => key.split(":")[0])).size, "widgets with controls").toBe(widgets);
    expect(focused).toEqual(expected);
  });
}

/**
 * Presses Tab until focus reaches the footer: every stop of the chapter on the way. Presses come in
 * batches between checks (the page stops recording at the footer, so presses past it change nothing):
 * a round trip per press made the walk of a long chapter take tens of seconds.
 */
async function tabToFooter(page: Page): Promise<void> {
  const BATCH = 10;
  let presses = 0;
  while (!(await page.evaluate(() => window.reachedFooter))) {
    for (let i = 0; i < BATCH; i++) await page.keyboard.press("Tab");
    presses += BATCH;
    expect(presses, "Tab never reached the footer").toBeLessThan(1500);
  }
}

/** Whether a model widget is still loading its model (its Train button disabled meanwhile). */
function modelsLoading(page: Page): Promise<boolean> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLButtonElement>("[data-widget] button[data-role=train]")).some(
      (button) => button.disabled,
    ),
  );
}
