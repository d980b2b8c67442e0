import { expect, test, type Page } from "@playwright/test";
import { chapterSlugs, intersection, schemes, viewports, type Box } from "./layout";
import { builtHtml } from "./site";

/**
 * Every chapter as a reader sees it on a 320 px and a 375 px phone and on a laptop, light and dark:
 * nothing scrolls sideways, and every equation number is clear of its formula.
 */

/** Lays out every section (the browser skips those off screen) and waits for the reader features. */
async function openLaidOut(page: Page, slug: string): Promise<void> {
  await page.goto(`chapters/${slug}/`);
  await page.addStyleTag({ content: ".chapter-section { content-visibility: visible !important; }" });
  await expect(page.locator("html")).toHaveAttribute("data-reader", "ready");
  await settle(page);
}

/** Waits for the fonts the laid-out sections asked for, and two frames (ResizeObservers fire in them). */
async function settle(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await document.fonts.ready;
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  });
}

interface EquationReport {
  number: string;
  number_box: Box;
  formula_box: Box;
  ink: Box[];
  scrolls: boolean;
  cue: { tabindex: string | null; role: string | null; label: string | null; shade: string; sides: string | null };
}

function equations(page: Page): Promise<EquationReport[]> {
  return page.evaluate(() => {
    const plain = (rect: DOMRect) => ({ left: rect.left, top: rect.top, right: rect.right, bottom: rect.bottom });
    return Array.from(document.querySelectorAll<HTMLElement>(".equation")).map((equation) => {
      const scroller = equation.querySelector<HTMLElement>(".katex-display")!;
      const tag = equation.querySelector<HTMLElement>(".katex-html > .tag")!;
      return {
        number: tag.textContent ?? "",
        number_box: plain(tag.getBoundingClientRect()),
        formula_box: plain(scroller.getBoundingClientRect()),
        ink: Array.from(equation.querySelectorAll(".katex-html > .base"), (base) =>
          plain(base.getBoundingClientRect()),
        ),
        scrolls: scroller.scrollWidth > scroller.clientWidth + 1,
        cue: {
          tabindex: scroller.getAttribute("tabindex"),
          role: scroller.getAttribute("role"),
          label: scroller.getAttribute("aria-label"),
          shade: getComputedStyle(scroller).backgroundImage,
          sides: scroller.getAttribute("data-scrolls"),
        },
      };
    });
  });
}

interface WidgetProblems {
  small_text: string[];
  overlapping_labels: string[];
  clipped: string[];
}

/**
 * What a reader cannot read in the widgets as they stand: text under 12 px on screen (an SVG's text
 * scaled with its figure; a formula counted by its own size, not its sub- and superscripts), SVG
 * labels that overlap, and boxes that cut their content off (a table whose last column scrolls away).
 */
function widgetProblems(page: Page): Promise<WidgetProblems> {
  return page.evaluate(() => {
    const problems: WidgetProblems = { small_text: [], overlapping_labels: [], clipped: [] };
    const shown = (element: Element) =>
      element.checkVisibility({ visibilityProperty: true, opacityProperty: true }) &&
      element.getBoundingClientRect().width > 1;
    for (const widget of document.querySelectorAll<HTMLElement>("[data-widget]")) {
      const id = widget.dataset.widget ?? "";
      const walker = document.createTreeWalker(widget, NodeFilter.SHOW_TEXT);
      const measured = new Set<Element>();
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement;
        if (!node.textContent?.trim() || !parent || parent.closest(".katex-mathml, .embed-panel")) continue;
        const element = parent.closest(".katex") ?? parent;
        if (measured.has(element) || !shown(element)) continue;
        measured.add(element);
        let size = parseFloat(getComputedStyle(element).fontSize);
        if (element instanceof SVGGraphicsElement) {
          const matrix = element.getScreenCTM();
          if (matrix) size *= Math.hypot(matrix.b, matrix.d);
        }
        if (size < 11.9)
          problems.small_text.push(`${id}: "${element.textContent?.trim().slice(0, 30)}" ${size.toFixed(1)} px`);
      }
      for (const svg of widget.querySelectorAll("svg")) {
        const labels = Array.from(svg.querySelectorAll("text")).filter(shown);
        const boxes = labels.map((label) => label.getBoundingClientRect());
        for (let i = 0; i < labels.length; i++) {
          for (let j = i + 1; j < labels.length; j++) {
            const [a, b] = [boxes[i]!, boxes[j]!];
            const overlap = Math.min(a.right, b.right) - Math.max(a.left, b.left);
            const lap = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
            if (overlap > 1 && lap > 1) {
              problems.overlapping_labels.push(`${id}: "${labels[i]!.textContent}" on "${labels[j]!.textContent}"`);
            }
          }
        }
      }
      for (const box of widget.querySelectorAll<HTMLElement>("*")) {
        if (box.matches("input, select, textarea, .katex-display, .katex-display *") || !shown(box)) continue;
        // A box that scrolls on purpose says so: a named region Tab reaches (arrow keys scroll it).
        if (box.tabIndex === 0 && box.getAttribute("role") === "region" && box.hasAttribute("aria-label")) continue;
        if (box.closest(".embed-panel")) continue;
        const overflow = getComputedStyle(box).overflowX;
        if (overflow !== "visible" && box.scrollWidth > box.clientWidth + 1) {
          problems.clipped.push(
            `${id}: ${box.tagName.toLowerCase()}.${box.className} ${box.clientWidth} of ${box.scrollWidth} px`,
          );
        }
      }
    }
    return problems;
  });
}

/** Brings every widget to the screen, as a reader scrolling through does, and waits until each has drawn. */
async function reachWidgets(page: Page): Promise<void> {
  for (const widget of await page.locator("[data-widget]").all()) {
    await widget.evaluate((element) => element.scrollIntoView({ block: "center" }));
    // A pretrained VAE is ready once it has measured itself (log p(x) and the gaps): ~20 s idle, more beside another worker.
    await expect(widget).toHaveAttribute("data-ready", "", { timeout: 120_000 });
  }
  await page.evaluate(() => window.scrollTo(0, 0));
}

for (const slug of chapterSlugs) {
  test(`chapters/${slug}/ at 320 px, 375 px and a laptop, light and dark: no sideways scroll, widgets legible, equation numbers clear of formulas`, async ({
    page,
  }) => {
    test.setTimeout(240_000);
    await page.setViewportSize(viewports[0]);
    await openLaidOut(page, slug);
    await reachWidgets(page);
    for (const viewport of viewports) {
      await page.setViewportSize(viewport);
      for (const scheme of schemes) {
        await page.emulateMedia({ colorScheme: scheme });
        await settle(page);
        await expect(page.locator("[data-widget]:not([data-ready])")).toHaveCount(0, { timeout: 30_000 });
        const at = `${viewport.name} px, ${scheme}`;
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        expect(width, `${at}: page width`).toBeLessThanOrEqual(viewport.width);
        // The first screen: a one-row header, and on a phone the contents folded, so the title and the
        // start of the first paragraph show before any scrolling.
        const first = await page.evaluate(() => {
          window.scrollTo(0, 0);
          const box = (selector: string) => document.querySelector(selector)?.getBoundingClientRect();
          return {
            header: box("header.site-header")?.height ?? Infinity,
            title: box("article.chapter h1")?.bottom ?? Infinity,
            lede: box("article.chapter .lede")?.top ?? Infinity,
            contentsOpen: document.querySelector<HTMLDetailsElement>("nav.toc details")?.open,
          };
        });
        expect(first.header, `${at}: header height`).toBeLessThanOrEqual(64);
        expect(first.title, `${at}: the chapter's title below the first screen`).toBeLessThanOrEqual(viewport.height);
        expect(first.lede + 40, `${at}: the first paragraph below the first screen`).toBeLessThanOrEqual(
          viewport.height,
        );
        expect(first.contentsOpen, `${at}: "On this page" open`).toBe(viewport.width >= 1024);
        expect(await widgetProblems(page), at).toEqual({ small_text: [], overlapping_labels: [], clipped: [] });

        const found = await equations(page);
        expect(found.length).toBeGreaterThan(0);
        for (const equation of found) {
          const where = `${at}: equation ${equation.number}`;
          // The number is whole on the screen, beside or below the formula, never on it.
          expect(equation.number_box.right, where).toBeLessThanOrEqual(viewport.width);
          for (const ink of equation.ink) {
            const seen = intersection(ink, equation.formula_box);
            expect(seen && intersection(seen, equation.number_box), `${where} overprints its formula`).toBeUndefined();
          }
          if (equation.scrolls) {
            // A clipped formula says so: a shade at the side that scrolls, and a named region Tab reaches.
            expect(equation.cue.sides, where).toMatch(/right/);
            expect(equation.cue.shade, where).toContain("gradient");
            expect(equation.cue.tabindex, where).toBe("0");
            expect(equation.cue.role, where).toBe("region");
            expect(equation.cue.label, where).toBe(`Equation ${equation.number}, scrolls sideways`);
          } else {
            expect(equation.cue.tabindex, where).toBeNull();
          }
        }
      }
    }
  });
}

test("citations: one style, each work a link with its hover card, a group one parenthetical", () => {
  for (const slug of chapterSlugs) {
    const html = builtHtml(`chapters/${slug}/`);
    const article = html.slice(html.indexOf("<article"), html.indexOf('<ol class="references"'));
    // Two citations side by side read "(A, 2013)(B, 2014)"; a group reads "(A, 2013; B, 2014)".
    expect(article, slug).not.toMatch(/<\/a>\)?<\/span>\s*<span class="cite">/);
    for (const cite of article.match(/<span class="cite">[\s\S]*?<\/span>/g) ?? []) {
      const links = cite.match(/<a href="#ref-[^"]+" data-tip="ref-[^"]+" aria-describedby="ref-[^"]+">/g) ?? [];
      expect(links.length, cite).toBeGreaterThan(0);
      expect(cite.replace(/<[^>]+>/g, ""), cite).toMatch(/^(\([^()]*\)|[^()]*)$/);
    }
    // A work named in plain text, "(Kingma & Ba, 2015)", has no link and no hover card: cite it.
    const prose = article
      .replace(/<span class="cite">[\s\S]*?<\/span>/g, "")
      .replace(/<[^>]+>/g, "")
      .replace(/&amp;/g, "&");
    expect(prose.match(/\b[A-Z][a-z]+(?: et al\.| & [A-Z][a-z]+)?,? (?:19|20)\d\d\b/g) ?? [], slug).toEqual([]);
    // Every reference is written from the bibliography, in one style: authors (year). title. venue.
    const references = html.slice(
      html.indexOf('<ol class="references"'),
      html.indexOf("</ol>", html.indexOf('<ol class="references"')),
    );
    for (const item of references.match(/<li id="ref-[^"]+">[\s\S]*?<\/li>/g) ?? []) {
      expect(item, slug).toMatch(/^<li id="ref-[^"]+">[^<]+ \(\d{4}\)\. (<a href="[^"]+">)?<cite>/);
    }
  }
});
