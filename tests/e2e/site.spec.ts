import { gzipSync } from "node:zlib";
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { chapterSlugs } from "./layout";
import { builtHtml, builtPages, watchPage } from "./site";

const pages = builtPages();

test("the build has the chapters, notation, gallery and an embed page per widget", () => {
  for (const slug of chapterSlugs) expect(pages).toContain(`chapters/${slug}/`);
  expect(pages).toContain("notation/");
  expect(pages).toContain("embed/");
  expect(pages).toContain("");
});

test("the built HTML has no unrendered or broken math", () => {
  for (const page of pages) {
    const html = builtHtml(page);
    expect(html, page).not.toContain("$$");
    expect(html, page).not.toContain("language-math");
    expect(html, page).not.toContain("katex-error");
  }
});

test("chapters ship their form controls as templates, so the sections off screen are not laid out at load", () => {
  // Chrome lays out a content-visibility: auto section that holds an input, select or textarea at
  // load (Lighthouse measured 100–180 ms of blocking time on a phone for it): see Deferred.astro.
  for (const slug of chapterSlugs) {
    const html = builtHtml(`chapters/${slug}/`);
    const sections =
      html.match(/<section class="chapter-section">[\s\S]*?(?=<section class="chapter-section">|<\/article>)/g) ?? [];
    expect(sections.length, slug).toBeGreaterThan(1);
    for (const section of sections) {
      const live = section.replace(/<template data-deferred>[\s\S]*?<\/template>/g, "");
      expect(live.match(/<(input|select|textarea)\b[^>]*>/g) ?? [], slug).toEqual([]);
    }
  }
});

/**
 * One load of each built page checks what a reader meets there first: its JavaScript weight on first
 * load (and no TensorFlow.js), every same-site link, script, stylesheet and image resolving, every
 * fragment link reaching an id, axe's rules, and no sideways scroll on a 320 px phone. One load, not
 * five: in a fresh browser context each costs one to three seconds of CPU on CI's two cores.
 */
for (const path of pages) {
  test(`page /${path} loads cleanly within its JavaScript budget, its links resolve, it passes axe and fits 320 px`, async ({
    page,
    request,
  }) => {
    // axe walks every node; a chapter with hundreds of formulas takes tens of seconds on two cores.
    test.setTimeout(180_000);
    const watch = watchPage(page);
    const scripts: { url: string; body: Buffer }[] = [];
    page.on("response", async (response) => {
      if (response.request().resourceType() === "script") {
        scripts.push({ url: response.url(), body: await response.body().catch(() => Buffer.alloc(0)) });
      }
    });
    const response = await page.goto(path);
    expect(response?.status()).toBe(200);
    await page.waitForLoadState("networkidle");

    // The JavaScript of the first load, weighed before anything below lays out more of the page.
    const inline = await page.evaluate(() =>
      Array.from(document.querySelectorAll("script:not([src])"), (script) => script.textContent ?? "").join("\n"),
    );
    // A script shared by several frames (the gallery's cards) is fetched and weighed once.
    const distinct = [...new Map(scripts.map((script) => [script.url, script])).values()];
    const gzipBytes =
      distinct.reduce((sum, script) => sum + gzipSync(script.body).length, 0) + gzipSync(Buffer.from(inline)).length;
    // A page that embeds widget pages in frames (the slides) is a page with widgets too.
    const hasWidgets =
      (await page.locator('[data-widget], iframe[src*="/embed/"], iframe[data-src*="/embed/"]').count()) > 0;
    const budget = hasWidgets ? 80 * 1024 : 15 * 1024;
    console.log(`/${path}: ${(gzipBytes / 1024).toFixed(1)} KB gzip JavaScript (budget ${budget / 1024} KB)`);
    expect(gzipBytes, "gzip bytes of JavaScript on first load").toBeLessThanOrEqual(budget);
    for (const script of scripts) {
      expect(script.body.toString("utf8"), script.url).not.toMatch(/@tensorflow\/tfjs|tensorflow\.org/);
    }

    // Every same-site link, script, stylesheet and image resolves; every fragment link reaches an id.
    const { targets, missing } = await page.evaluate(() => ({
      targets: [
        ...Array.from(document.querySelectorAll<HTMLAnchorElement>("a[href]"), (a) => a.href),
        ...Array.from(document.querySelectorAll<HTMLLinkElement>("link[href]"), (link) => link.href),
        ...Array.from(document.querySelectorAll<HTMLScriptElement>("script[src]"), (script) => script.src),
        ...Array.from(document.querySelectorAll<HTMLImageElement>("img[src]"), (img) => img.src),
      ].filter((href) => href.startsWith(location.origin)),
      missing: Array.from(document.querySelectorAll<HTMLAnchorElement>('a[href^="#"]'))
        .map((a) => decodeURIComponent(a.getAttribute("href")?.slice(1) ?? ""))
        .filter((id) => id !== "" && !document.getElementById(id)),
    }));
    expect(missing, "fragment links with no id on the page").toEqual([]);
    const urls = new Set(targets.map((target) => target.split("#")[0] ?? target));
    // Every page links at least its stylesheet and the book's home.
    expect(urls.size).toBeGreaterThan(1);
    for (const url of urls) {
      expect((await request.get(url)).status(), `${url} linked from /${path}`).toBe(200);
    }

    // Lay out every chapter section, as a reader's scrolling does, and give the page the frames its
    // ResizeObservers need (src/scripts/equations.ts makes each wide formula a focusable region then).
    await page.addStyleTag({ content: ".chapter-section { content-visibility: visible !important; }" });
    const twoFrames = () =>
      page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    await twoFrames();
    // KaTeX's visual HTML is aria-hidden (readers get its MathML, which axe does check); skipping it
    // saves most of the walk on math-heavy chapters.
    const results = await new AxeBuilder({ page })
      .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
      .exclude(".katex-html")
      .analyze();
    const serious = results.violations
      .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
      .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
    expect(serious).toEqual([]);

    // The narrowest phone: nothing scrolls sideways (book-layout.spec.ts looks closer at the chapters).
    await page.setViewportSize({ width: 320, height: 640 });
    await twoFrames();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width, `/${path} is ${width}px wide on a 320 px phone`).toBeLessThanOrEqual(320);
    expect(watch.problems).toEqual([]);
    expect(watch.foreign).toEqual([]);
  });
}
