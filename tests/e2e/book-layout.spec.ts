import { expect, test, type Page } from "@playwright/test";
import { chapterSlugs, intersection, schemes, viewports, type Box } from "./layout";

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

for (const slug of chapterSlugs) {
  for (const viewport of viewports) {
    test(`chapters/${slug}/ at ${viewport.name} px, light and dark: no sideways scroll, equation numbers clear of formulas`, async ({
      page,
    }) => {
      await page.setViewportSize(viewport);
      await openLaidOut(page, slug);
      for (const scheme of schemes) {
        await page.emulateMedia({ colorScheme: scheme });
        await settle(page);
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        expect(width, `${scheme}: page width`).toBeLessThanOrEqual(viewport.width);

        const found = await equations(page);
        expect(found.length).toBeGreaterThan(0);
        for (const equation of found) {
          const where = `${scheme}: equation ${equation.number}`;
          // The number is whole on the screen, beside or below the formula, never on it.
          expect(equation.number_box.right, where).toBeLessThanOrEqual(viewport.width);
          for (const ink of equation.ink) {
            const seen = intersection(ink, equation.formula_box);
            expect(seen && intersection(seen, equation.number_box), `${where} overprints its formula`).toBeUndefined();
          }
          if (equation.scrolls) {
            // A clipped formula says so: a shade at the side that scrolls, and a named region Tab reaches.
            expect(equation.cue.sides, where).toBe("right");
            expect(equation.cue.shade, where).toContain("gradient");
            expect(equation.cue.tabindex, where).toBe("0");
            expect(equation.cue.role, where).toBe("region");
            expect(equation.cue.label, where).toBe(`Equation ${equation.number}, scrolls sideways`);
          } else {
            expect(equation.cue.tabindex, where).toBeNull();
          }
        }
      }
    });
  }
}
