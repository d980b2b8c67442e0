import { expect, test, type Page } from "@playwright/test";
import { cutLabels, describe, fitSettled, smallestText, textBoxes } from "./geometry";
import { watchPage } from "./site";

/**
 * The projector rule on a 1280×720 screen (docs/embedding.md): the theme=projector page keeps its text
 * at 18 px or more, reveal.js shows the 1280×720 slide at 0.98 of its size (its 2 % margin), and a
 * figure drawn to a viewBox may be a few per cent smaller than its box: about 18 px, never under 17.
 */
const SMALLEST_ON_SCREEN = 17;

/** The deck's current horizontal slide: reveal.js marks it `present`. */
async function slideIndex(page: Page): Promise<number> {
  return page
    .locator(".reveal .slides > section")
    .evaluateAll((sections) => sections.findIndex((section) => section.classList.contains("present")));
}

/** Moves the deck forward to a slide, one key press at a time, as a presenter would. */
async function goToSlide(page: Page, index: number): Promise<void> {
  while ((await slideIndex(page)) < index) {
    const before = await slideIndex(page);
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => slideIndex(page)).toBe(before + 1);
  }
}

async function widgetSlides(page: Page): Promise<{ index: number; id: string; src: string }[]> {
  return page.locator(".reveal .slides > section").evaluateAll((sections) =>
    sections.flatMap((section, index) => {
      const frame = section.querySelector("iframe");
      // reveal.js moves data-src to src as it loads a frame (and back when it unloads it).
      const src = frame?.getAttribute("data-src") ?? frame?.getAttribute("src");
      return src ? [{ index, id: section.getAttribute("data-widget-slide") ?? "", src }] : [];
    }),
  );
}

/** Moves the deck to a slide in either direction, one key press at a time. */
async function moveToSlide(page: Page, index: number): Promise<void> {
  while ((await slideIndex(page)) !== index) {
    const before = await slideIndex(page);
    await page.keyboard.press(before < index ? "ArrowRight" : "ArrowLeft");
    await expect.poll(() => slideIndex(page)).toBe(before < index ? before + 1 : before - 1);
  }
}

// One deck for every check (each frame that loads boots a widget page: tens of seconds in all on a
// slow machine): its first look at the title slide, a walk through every slide, then back to a widget.
test.describe.serial("the deck", () => {
  let page: Page;
  let watch: ReturnType<typeof watchPage>;
  /** The deck's widget slides. */
  let slides: Awaited<ReturnType<typeof widgetSlides>>;
  const sections = () => page.locator(".reveal .slides > section");

  test.beforeAll(async ({ browser }) => {
    // A reader in dark mode: the frames still take the deck's light look, not the reader's.
    page = await browser.newPage({ viewport: { width: 1280, height: 720 }, colorScheme: "dark" });
    watch = watchPage(page);
    await page.goto("slides/");
    await expect(page.locator(".reveal.ready")).toHaveCount(1);
    slides = await widgetSlides(page);
  });

  test.afterAll(async () => {
    await page.close();
  });

  test("the deck embeds at least four different widgets of the book (passes once they have landed)", async () => {
    const ids = new Set(slides.map((slide) => slide.id));
    expect(ids.size).toBeGreaterThanOrEqual(4);
  });

  test("the reveal.js deck loads its widgets lazily, frames ahead of their slide, each ready with the state of its URL", async () => {
    test.setTimeout(180_000);
    expect(slides.length).toBeGreaterThanOrEqual(4);
    // Frames far from the first slide are not loaded yet.
    const last = slides[slides.length - 1]!;
    await expect(sections().nth(last.index).locator("iframe")).not.toHaveAttribute("src", /.+/);
    // data-preload: the next slide's frame is loading while the title slide is shown (viewDistance 2).
    for (const slide of slides.filter((candidate) => candidate.index === 1)) {
      await expect(sections().nth(slide.index).locator("iframe"), `slide ${slide.index}`).toHaveAttribute(
        "src",
        /embed\//,
      );
    }
    for (const slide of slides) {
      await goToSlide(page, slide.index);
      const section = sections().nth(slide.index);
      await expect(section).toHaveClass(/present/);
      // One line of title on every slide: a wrapped one pushes the frame down and off the slide.
      const title = await section.locator("h2").evaluate((heading: HTMLElement) => ({
        height: heading.offsetHeight,
        line:
          Number.parseFloat(getComputedStyle(heading).lineHeight) ||
          1.2 * Number.parseFloat(getComputedStyle(heading).fontSize),
      }));
      expect(title.height, `slide ${slide.index}: its title wraps`).toBeLessThan(1.5 * title.line);
      const frame = section.frameLocator("iframe");
      const root = frame.locator(`[data-widget="${slide.id}"]`);
      await expect(root).toHaveAttribute("data-ready", "", { timeout: 30_000 });
      await expect(frame.locator("[role=alert]:visible")).toHaveCount(0);
      await expect(frame.locator("nav, .site-header")).toHaveCount(0);
      // Text as the room sees it: the frame's own size times reveal.js's scale of the slide.
      const iframe = section.locator("iframe");
      const scale = await iframe.evaluate((element: HTMLIFrameElement) => {
        return element.getBoundingClientRect().width / element.offsetWidth;
      });
      const content = await (await iframe.elementHandle())?.contentFrame();
      if (!content) throw new Error(`slide ${slide.index}: no frame`);
      await fitSettled(content);
      const boxes = await textBoxes(content, `[data-widget="${slide.id}"]`);
      const smallest = boxes.filter((box) => box.fontSize * scale < SMALLEST_ON_SCREEN);
      expect(
        smallest.map(describe),
        `slide ${slide.index} (${slide.id}): text under ${SMALLEST_ON_SCREEN} px at scale ${scale.toFixed(2)}; smallest ${(smallestText(boxes) * scale).toFixed(1)} px`,
      ).toEqual([]);
      // The widget fits the frame it is given, controls and all (docs/embedding.md): its page does not scroll in
      // the frame, and no label is cut at the frame's edge.
      const view = await content.evaluate(() => {
        const root = document.documentElement;
        return { scroll: root.scrollHeight - root.clientHeight, width: root.clientWidth, height: root.clientHeight };
      });
      expect.soft(view.scroll, `slide ${slide.index} (${slide.id}): the frame scrolls by ${view.scroll} px`).toBe(0);
      expect
        .soft(
          cutLabels(boxes, view).map(describe),
          `slide ${slide.index} (${slide.id}): labels cut at the frame's edge`,
        )
        .toEqual([]);
      // So does each of its tabs (src/embed/frame-tabs.ts), clicked from script so that the deck keeps the keys.
      const tabs = content.locator(".frame-tabs:not([hidden]) button");
      const names = await tabs.allTextContents();
      for (const [index, name] of [...names.entries()].slice(1)) {
        await tabs.nth(index).evaluate((button: HTMLElement) => button.click());
        await fitSettled(content);
        const scroll = await content.evaluate(
          () => document.documentElement.scrollHeight - document.documentElement.clientHeight,
        );
        expect
          .soft(scroll, `slide ${slide.index} (${slide.id}), tab ${name}: the frame scrolls by ${scroll} px`)
          .toBe(0);
      }
      if (names.length > 0) await tabs.first().evaluate((button: HTMLElement) => button.click());
      // The frame is light on a light slide and dark on a dark one, whatever the reader's setting.
      const dark = await section.evaluate((element) => element.classList.contains("has-dark-background"));
      const frameDark = await frame.locator("body").evaluate((body) => {
        const [r = 255, g = 255, b = 255] = (getComputedStyle(body).backgroundColor.match(/[\d.]+/g) ?? []).map(Number);
        return 0.2126 * r + 0.7152 * g + 0.0722 * b < 128;
      });
      expect(frameDark, `slide ${slide.index} (${slide.id}): the frame's theme does not match its slide`).toBe(dark);
      const query = new URL(slide.src, page.url()).searchParams;
      if (slide.id === "kl-std-normal" && query.get("mu") === "0,0" && query.get("logvar") === "0,0") {
        await expect(frame.locator("output[name=kl]")).toHaveAttribute("data-value", "0");
      }
    }
    expect(watch.problems).toEqual([]);
    expect(watch.foreign).toEqual([]);
  });

  test("arrow keys move the deck until the reader clicks into a widget; Esc gives the keys back", async () => {
    // Frames load ahead of their slides (data-preload): on a slow machine, moving through the deck takes time.
    test.setTimeout(150_000);
    const slide = slides.find((candidate) => candidate.id === "kl-std-normal");
    expect(slide).toBeDefined();
    await moveToSlide(page, slide!.index);
    expect(await slideIndex(page)).toBe(slide!.index);
    const frame = sections().nth(slide!.index).frameLocator("iframe");
    await expect(frame.locator("[data-widget]")).toHaveAttribute("data-ready", "", { timeout: 30_000 });

    // The frame has not taken focus by itself: the deck's keys still work.
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => slideIndex(page)).toBe(slide!.index + 1);
    await page.keyboard.press("ArrowLeft");
    await expect.poll(() => slideIndex(page)).toBe(slide!.index);

    const input = frame.locator('input[name="mu"]');
    await input.click();
    await page.keyboard.press("End");
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.press("Space");
    await page.waitForTimeout(300);
    expect(await slideIndex(page)).toBe(slide!.index);
    await expect(input).toBeFocused();

    await page.keyboard.press("Escape");
    await expect(input).not.toBeFocused();
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => slideIndex(page)).toBe(slide!.index + 1);
  });

  test("a widget comes back as the presenter left it", async () => {
    test.setTimeout(120_000);
    const slide = slides.find((candidate) => candidate.id === "kl-std-normal");
    expect(slide).toBeDefined();
    await moveToSlide(page, slide!.index);
    const frame = sections().nth(slide!.index).frameLocator("iframe");
    await expect(frame.locator("[data-widget]")).toHaveAttribute("data-ready", "");
    const input = frame.locator('input[name="mu"]');
    // One change, one event (src/widgets/events.ts), one new permalink for the deck.
    await page.evaluate(() => {
      (window as unknown as { stateMessages: number }).stateMessages = 0;
      window.addEventListener("message", (event: MessageEvent<{ type?: string }>) => {
        if (event.data?.type === "vae-widget:state")
          (window as unknown as { stateMessages: number }).stateMessages += 1;
      });
    });
    const widget = frame.locator("[data-widget]");
    await widget.evaluate((element) => {
      const counts: Record<string, number> = {};
      for (const name of ["widget-change", "widget-url"])
        element.ownerDocument.addEventListener(name, () => (counts[name] = (counts[name] ?? 0) + 1));
      (element as unknown as { eventCounts: Record<string, number> }).eventCounts = counts;
    });
    await input.fill("0.5,0,0,0");
    await page.keyboard.press("Escape");
    const kl = frame.locator("output[name=kl]");
    await expect(widget).toHaveAttribute("data-ready", "");
    expect(await widget.evaluate((element) => (element as unknown as { eventCounts: object }).eventCounts)).toEqual({
      "widget-change": 1,
    });
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { stateMessages: number }).stateMessages))
      .toBe(1);
    // ½ Σ (exp(logvar) + μ² − 1 − logvar) with μ = (0.5, 0, 0, 0), logvar = (0, −3, 0, 0).
    const expected = 0.5 * (0.25 + Math.exp(-3) + 2);
    await expect.poll(async () => Number(await kl.getAttribute("data-value"))).toBeCloseTo(expected, 10);
    const before = await kl.getAttribute("data-value");

    // Far enough on that reveal.js unloads the frame, and back.
    const far = Math.min(slide!.index + 3, (await sections().count()) - 1);
    await moveToSlide(page, far);
    await expect(sections().nth(slide!.index).locator("iframe")).not.toHaveAttribute("src", /.+/);
    await moveToSlide(page, slide!.index);
    await expect(frame.locator("[data-widget]")).toHaveAttribute("data-ready", "", { timeout: 30_000 });
    // The field shows the restored vector in the book's format (src/lib/format.ts: "0.5, 0, 0, 0").
    await expect(input).toHaveValue(/^0\.5,\s*0,\s*0,\s*0$/);
    await expect(kl).toHaveAttribute("data-value", before ?? "");
  });
});
