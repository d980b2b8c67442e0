import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { builtPages, DIST, scrollToReach, watchPage } from "./site";

const pages = builtPages();
const chapterPages = pages.filter((path) => path.startsWith("chapters/"));
const READING = "reading/";

/** The text a reader sees in a page's indexed body, without KaTeX's hidden copies. */
async function bodyText(page: Page, path: string): Promise<string> {
  await page.goto(path);
  return page.evaluate(() => {
    const body = document.querySelector("[data-pagefind-body]");
    if (!body) return "";
    // What the index leaves out (src/integrations/reader-build.mjs): formulas but their TeX, controls.
    const skipped = ".katex, [data-pagefind-ignore], .tip-source, button, [role=tablist], legend, thead, .embed-panel";
    const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    const words: string[] = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.parentElement?.closest(skipped)) words.push(node.textContent ?? "");
    }
    return words.join(" ");
  });
}

/** Opens a page of the book and waits until its reader features listen (they start when idle). */
async function open(page: Page, path: string) {
  await page.goto(path);
  await expect(page.locator("html")).toHaveAttribute("data-reader", "ready");
}

const wordsOf = (text: string) => new Set(text.toLowerCase().match(/[a-z]{7,}/g) ?? []);

/** Opens the book's search (Pagefind's component UI, loaded when first opened) and types a query. */
async function search(page: Page, query: string) {
  await page.getByRole("button", { name: "Search", exact: true }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("searchbox", { name: "Search this site" }).fill(query);
  return dialog;
}

test.describe("search", () => {
  test("finds a word of each chapter and jumps to its section", async ({ page }) => {
    const texts = new Map<string, Set<string>>();
    for (const path of chapterPages) texts.set(path, wordsOf(await bodyText(page, path)));
    await open(page, "");
    const dialog = await search(page, "");
    for (const path of chapterPages) {
      const others = chapterPages.filter((other) => other !== path).map((other) => texts.get(other) ?? new Set());
      // A word only this chapter has, so the chapter must be among the results.
      const word = [...(texts.get(path) ?? [])].find((candidate) => others.every((words) => !words.has(candidate)));
      expect(word, `a word that only /${path} uses`).toBeDefined();
      await dialog.getByRole("searchbox").fill(word ?? "");
      // This word's results, not the last word's still on screen until they come.
      await expect(dialog.locator("pagefind-summary")).toHaveText(new RegExp(` for ${word}$`));
      // Pagefind's UI fills in its results one by one as their fragments load: wait for this chapter's.
      const results = dialog.locator("pagefind-results");
      await expect
        .poll(
          () => results.locator("a").evaluateAll((links) => links.map((link) => (link as HTMLAnchorElement).href)),
          {
            message: `"${word}" finds /${path}`,
          },
        )
        .toContainEqual(expect.stringContaining(`/vae-textbook/${path}`));
    }
  });

  test("says so when the search UI cannot load, and loads it on the next try", async ({ page }) => {
    await open(page, "");
    await page.route("**/_astro/pagefind-component-ui.*.css", (route) => route.abort());
    const button = page.getByRole("button", { name: "Search", exact: true });
    await button.click();
    await expect(page.getByRole("alert")).toHaveText(/^Search could not load/);
    await page.unroute("**/_astro/pagefind-component-ui.*.css");
    await button.click();
    await expect(page.getByRole("dialog").getByRole("searchbox", { name: "Search this site" })).toBeFocused();
    await expect(page.locator("[data-search-failed]")).toBeHidden();
  });

  test("the index holds each formula as TeX, and no control's label, widget output or answer", () => {
    // Pagefind's fragments: gzip, a signature, then one page's JSON.
    const folder = join(DIST, "pagefind", "fragment");
    const indexed = readdirSync(folder).map((name) => {
      const text = gunzipSync(readFileSync(join(folder, name))).toString("utf8");
      return (JSON.parse(text.slice(text.indexOf("{"))) as { content: string }).content;
    });
    const all = indexed.join("\n");
    // In standard TeX, as a reader can paste it: the book's macros (\kldiv, \given) written out.
    expect(all).toContain("D_{\\text{KL}}(P \\,\\Vert\\, Q)");
    expect(all).not.toMatch(/∑|DKL\(|\\htmlData|\\kldiv|\\given/);
    // Widgets' live numbers and exercises' printed answers stay out of excerpts.
    expect(all).not.toMatch(/Answer: |samples \d/);
    // Buttons, tab names, legends and column headings run together in the index ("Add hypothesisRemove");
    // the widgets' Embed panels repeat on every widget.
    expect(all).not.toMatch(/Add hypothesis|SymbolMeaning|Event A: faces|Embed or download/);
    // Pagefind's prebuilt UIs are not shipped: the book bundles its component UI (src/scripts/search.ts).
    expect(readdirSync(join(DIST, "pagefind")).filter((name) => /-ui\.|highlight/.test(name))).toEqual([]);
  });

  test("results link to the matching section under the base path, by keyboard; Escape closes", async ({ page }) => {
    // In the dark theme, where the UI's colours are the book's (src/styles/reader.css) or nothing.
    await page.emulateMedia({ colorScheme: "dark" });
    await open(page, "notation/");
    // Opened from the keyboard: the shortcut, before the UI has loaded.
    await page.keyboard.press("Control+k");
    const dialog = page.getByRole("dialog");
    const box = dialog.getByRole("searchbox", { name: "Search this site" });
    await expect(box).toBeFocused();
    await box.fill("divergence");
    await expect(dialog.locator("pagefind-summary")).toHaveText(/^\d+ results? for divergence$/);
    // Formulas read as their TeX, never as KaTeX's glyphs run together ("DKL(P∥Q)=∑x: P(x)>0…").
    const excerpts = dialog.locator(".pf-result-excerpt, .pf-heading-excerpt");
    await expect(excerpts.filter({ hasText: "D_{\\text{KL}}" }).first()).toBeAttached();
    expect((await excerpts.allTextContents()).join(" ")).not.toMatch(/DKL\(|∑/);
    expect((await new AxeBuilder({ page }).include("dialog").analyze()).violations).toEqual([]);
    // The dialog is the header's colour (--bg-raised), dark, not the UI's own light default.
    const backgroundOf = (selector: string) =>
      page.locator(selector).evaluate((element) => getComputedStyle(element).backgroundColor);
    expect(await backgroundOf("dialog")).toBe(await backgroundOf(".site-header"));
    await box.press("Escape");
    await expect(dialog).toBeHidden();
    await expect(page.getByRole("button", { name: "Search", exact: true })).toBeFocused();

    await page.keyboard.press("Enter");
    await box.fill("evidence lower bound");
    // The results of the new query, not those of "divergence" still on screen until they come.
    await expect(dialog.locator("pagefind-summary")).toHaveText(/ for evidence lower bound$/);
    await expect(dialog.locator("a.pf-heading-link").first()).toHaveAttribute("href", /^\/vae-textbook\/.+#.+/);
    // Down from the box reaches the first result, then walks the links in order to a section's.
    await box.press("ArrowDown");
    await expect(dialog.locator("a.pf-result-link").first()).toBeFocused();
    let href = "";
    for (let step = 0; step < 12 && !href.includes("#"); step++) {
      await page.keyboard.press("ArrowDown");
      href = await page.evaluate(() => document.activeElement?.getAttribute("href") ?? "");
    }
    expect(href).toMatch(/^\/vae-textbook\/.+#.+/);
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(new RegExp(`${href.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`));
    const id = decodeURIComponent(href.split("#")[1] ?? "");
    await expect(page.locator(`[id="${id}"]`)).toBeVisible();
  });
});

test.describe("light and dark", () => {
  const background = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const isDark = (rgb: string) => {
    const [r = 0, g = 0, b = 0] = rgb.match(/\d+/g)?.map(Number) ?? [];
    return r + g + b < 3 * 128;
  };

  test("follows the system scheme", async ({ page }) => {
    await page.emulateMedia({ colorScheme: "dark" });
    await open(page, "");
    expect(isDark(await background(page))).toBe(true);
    await expect(page.locator("[data-theme-toggle]")).toHaveAttribute("aria-pressed", "true");
    await page.emulateMedia({ colorScheme: "light" });
    expect(isDark(await background(page))).toBe(false);
    await expect(page.locator("[data-theme-toggle]")).toHaveAttribute("aria-pressed", "false");
  });

  test("the toggle switches, is remembered with no flash, and choosing the system's scheme follows it again", async ({
    page,
  }) => {
    await page.emulateMedia({ colorScheme: "light" });
    await open(page, "");
    const toggle = page.getByRole("button", { name: "Dark" });
    await toggle.click();
    await expect(toggle).toHaveAttribute("aria-pressed", "true");
    expect(isDark(await background(page))).toBe(true);
    // Record the theme at the moment <body> is parsed, before anything is painted.
    await page.addInitScript(() => {
      new MutationObserver((_, observer) => {
        if (!document.body) return;
        (window as unknown as { themeAtBody: string }).themeAtBody = document.documentElement.dataset.theme ?? "";
        observer.disconnect();
      }).observe(document, { childList: true, subtree: true });
    });
    await open(page, "notation/");
    expect(await page.evaluate(() => (window as unknown as { themeAtBody: string }).themeAtBody)).toBe("dark");
    expect(isDark(await background(page))).toBe(true);
    await page.getByRole("button", { name: "Dark" }).click();
    expect(isDark(await background(page))).toBe(false);
    expect(await page.evaluate(() => localStorage.length)).toBe(0);
    await page.emulateMedia({ colorScheme: "dark" });
    expect(isDark(await background(page))).toBe(true);
  });
});

test("printing hides navigation and controls, unfolds solutions and keeps each widget's figure and values", async ({
  page,
}) => {
  await open(page, READING);
  const widget = page.locator('[data-widget="kl-std-normal"]');
  await scrollToReach(widget);
  await expect(widget).toHaveAttribute("data-ready", "");
  await page.evaluate(() => window.dispatchEvent(new Event("beforeprint")));
  await page.emulateMedia({ media: "print" });
  for (const selector of ["header.site-header", ".site-footer nav", "[data-search]", "[data-theme-toggle]"]) {
    await expect(page.locator(selector).first(), selector).toBeHidden();
  }
  await expect(widget.locator(".embed-panel")).toBeHidden();
  await expect(widget.locator("svg").first()).toBeVisible();
  await expect(widget.locator("output[name=kl]")).toHaveText(/\d/);
  await expect(widget.locator(".widget-controls")).toBeHidden();
  // The settings, written out in place of the controls.
  const settings = widget.locator(".print-state");
  await expect(settings).toBeVisible();
  await expect(settings.locator("dd").first()).toHaveText("1, -0.5");
  await expect(settings.locator("dt").first()).toContainText("Means");
  await expect(page.locator("details.solution")).toHaveAttribute("open", "");
  await expect(page.locator("details.solution .solution-body")).toBeVisible();
  await page.evaluate(() => window.dispatchEvent(new Event("afterprint")));
  await page.emulateMedia({ media: "screen" });
  await expect(page.locator("details.solution")).not.toHaveAttribute("open", "");
  await expect(page.locator(".print-state")).toHaveCount(0);
  await expect(page.locator("header.site-header")).toBeVisible();
});

test("printing a chapter lists the settings of widgets the reader has not reached yet", async ({ page }) => {
  await open(page, "chapters/kl-divergence/");
  const widget = page.locator('[data-widget="kl-gaussian"]');
  // Not reached: its controls are still an inert template (see Deferred.astro).
  await expect(widget.locator("input")).toHaveCount(0);
  await page.evaluate(() => window.dispatchEvent(new Event("beforeprint")));
  await page.emulateMedia({ media: "print" });
  const settings = widget.locator(".print-state");
  await expect(settings).toBeVisible();
  await expect(settings.locator("dd")).not.toHaveCount(0);
  await expect(settings.locator("dd").first()).toHaveText(/\d/);
  await expect(widget.locator("svg").first()).toBeVisible();
});

test.describe("hover definitions", () => {
  const popover = (page: Page) => page.locator(".tip-popover");

  async function tabTo(page: Page, selector: string) {
    for (let presses = 0; presses < 80; presses++) {
      await page.keyboard.press("Tab");
      if (await page.evaluate((wanted) => document.activeElement?.matches(wanted) ?? false, selector)) return;
    }
    throw new Error(`Tab never reached ${selector}`);
  }

  test("a symbol, an equation reference and a citation open by keyboard and close with Escape", async ({ page }) => {
    const watch = watchPage(page);
    await open(page, READING);
    await tabTo(page, "a.term");
    await expect(popover(page)).toBeVisible();
    await expect(popover(page)).toContainText("encoder (recognition) parameters");
    await page.keyboard.press("Escape");
    await expect(popover(page)).toBeHidden();

    await tabTo(page, "a.eqref");
    await expect(popover(page)).toBeVisible();
    await expect(popover(page)).toContainText("Equation (1)");
    await expect(popover(page).locator(".katex-display")).toBeVisible();
    expect(await popover(page).locator("[id]").count()).toBe(0);

    await tabTo(page, ".cite a");
    await expect(popover(page)).toContainText("Auto-Encoding Variational Bayes");
    expect(await popover(page).locator("a, button, input").count()).toBe(0);
    await page.keyboard.press("Escape");
    await expect(popover(page)).toBeHidden();
    expect(watch.problems).toEqual([]);
  });

  test("open on hover and stay while the pointer moves onto them", async ({ page }) => {
    await open(page, READING);
    await page.locator(".cite a").first().hover();
    await expect(popover(page)).toBeVisible();
    await popover(page).hover();
    await page.waitForTimeout(500);
    await expect(popover(page)).toBeVisible();
    await page.mouse.move(5, 5);
    await expect(popover(page)).toBeHidden();
  });

  test("every description and every citation target exists on its page", async ({ page }) => {
    for (const path of pages) {
      await page.goto(path);
      const missing = await page.evaluate(() =>
        Array.from(document.querySelectorAll("[aria-describedby]"))
          .flatMap((element) => (element.getAttribute("aria-describedby") ?? "").split(/\s+/))
          .filter((id) => id !== "" && !document.getElementById(id)),
      );
      expect(missing, `/${path}`).toEqual([]);
    }
  });
});

test.describe("on a touch screen", () => {
  test.use({ hasTouch: true, isMobile: true, viewport: { width: 360, height: 740 } });

  test("a first tap shows the meaning, a second follows the link", async ({ page }) => {
    await open(page, READING);
    const term = page.locator("a.term").first();
    await term.tap();
    await expect(page.locator(".tip-popover")).toBeVisible();
    await expect(page).toHaveURL(/\/reading\/$/);
    await term.tap();
    await expect(page).toHaveURL(/\/notation\/#sym-phi$/);
  });

  test("search opens with a tap and its results fill the screen, with nothing cut at the side", async ({ page }) => {
    await open(page, "");
    await page.getByRole("button", { name: "Search", exact: true }).tap();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("searchbox", { name: "Search this site" }).fill("divergence");
    const first = dialog.locator("a.pf-result-link").first();
    await expect(first).toBeVisible();
    expect(await dialog.boundingBox()).toMatchObject({ x: 0, width: 360 });
    const overflowing = await dialog.evaluate((element) =>
      Array.from(element.querySelectorAll<HTMLElement>("*"))
        .filter((child) => child.getBoundingClientRect().right > element.getBoundingClientRect().right + 0.5)
        .map((child) => child.className),
    );
    expect(overflowing).toEqual([]);
    await first.tap();
    await expect(page).toHaveURL(/\/vae-textbook\/.+\//);
  });
});

test("widgets: named controls, results in live regions, figures with a text alternative", async ({ page }) => {
  const pagesWithWidgets = pages.filter((path) => path.startsWith("embed/") && path !== "embed/").concat(READING);
  for (const path of pagesWithWidgets) {
    await page.goto(path);
    for (const widget of await page.locator("[data-widget]").all()) {
      await scrollToReach(widget);
      await expect(widget).toHaveAttribute("data-ready", "");
      const problems = await widget.evaluate((root) => {
        const found: string[] = [];
        const named = (element: Element) =>
          Boolean(
            element.getAttribute("aria-label") ||
            element.getAttribute("aria-labelledby") ||
            (element instanceof HTMLInputElement && element.labels?.length) ||
            (element instanceof HTMLSelectElement && element.labels?.length) ||
            (element instanceof HTMLTextAreaElement && element.labels?.length) ||
            element.querySelector(":scope > title") ||
            element.textContent?.trim(),
          );
        root.querySelectorAll("input:not([type=hidden]), select, textarea, button").forEach((control) => {
          if (!named(control)) found.push(`unnamed ${control.outerHTML.slice(0, 80)}`);
          // Tabs use a roving tabindex (WAI-ARIA tabs pattern): one tab is in the tab order, arrows move between them.
          const rovingTab =
            control.getAttribute("role") === "tab" &&
            Array.from(control.closest("[role=tablist]")?.querySelectorAll<HTMLElement>("[role=tab]") ?? []).some(
              (tab) => tab.tabIndex === 0,
            );
          if ((control as HTMLElement).tabIndex < 0 && !rovingTab)
            found.push(`not keyboard-reachable ${control.outerHTML.slice(0, 80)}`);
        });
        root.querySelectorAll("output").forEach((output) => {
          // <output> is a live region (role status); it must not be hidden from assistive technology.
          if (output.closest("[aria-hidden=true]")) found.push(`hidden result ${output.getAttribute("name")}`);
        });
        root.querySelectorAll("svg").forEach((svg) => {
          if (svg.closest("[aria-hidden=true]") || svg.closest("button")) return;
          const alternative = svg.getAttribute("role") === "img" && named(svg);
          const captioned = svg.closest("figure")?.querySelector("figcaption")?.textContent?.trim();
          if (!alternative && !captioned)
            found.push(`figure without a text alternative in ${root.getAttribute("data-widget")}`);
        });
        return found;
      });
      expect(problems, `/${path}`).toEqual([]);
    }
  }
});
