/**
 * "Download image" gives what the reader sees: for every widget the downloaded SVG, drawn by the
 * browser, matches a screenshot of the widget (pixels, with a tolerance for anti-aliasing), holds the
 * same legends, formulas and marks, ends with every parameter and the permalink, and makes a PNG.
 */
import { readFileSync } from "node:fs";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { builtPages, FIGURE_STATES, openWidget } from "./site";

const widgetIds = builtPages()
  .map((page) => /^embed\/([a-z0-9-]+)\/$/.exec(page)?.[1])
  .filter((id): id is string => id !== undefined);

async function download(root: Locator, page: Page, format: "svg" | "png"): Promise<Buffer> {
  const [file] = await Promise.all([
    page.waitForEvent("download"),
    root.locator(`[data-role=download][data-format="${format}"]`).click(),
  ]);
  return readFileSync((await file.path()) ?? "");
}

/** What the screen shows of a widget, counted: legends, formulas and figure marks (the share panel and whatever is not rendered left out). */
async function screenParts(scope: Locator) {
  return scope.evaluate((element) => {
    const shown = (node: Element) => {
      for (let at: Element | null = node; at && at !== element; at = at.parentElement) {
        if (at.matches("[data-role=embed]") || getComputedStyle(at).display === "none") return false;
      }
      return true;
    };
    const all = (selector: string) => Array.from(element.querySelectorAll(selector)).filter(shown);
    // The figures as src/embed/snapshot.ts picks them: top-level SVGs and canvases outside math, controls and panel.
    const figures = all("svg, canvas")
      .filter((node) => !node.closest(".katex, .widget-controls") && !node.parentElement?.closest("svg"))
      .map((node) => {
        const rect = node.getBoundingClientRect();
        const origin = element.getBoundingClientRect();
        return { left: rect.left - origin.left, top: rect.top - origin.top, width: rect.width, height: rect.height };
      })
      .filter((rect) => rect.width > 0 && rect.height > 0);
    return {
      figures,
      legends: all(".chart-legend li, .plane-legend text").map((node) => node.textContent?.trim() ?? ""),
      formulas: all(".katex-html").length,
      marks: all("svg :is(path, rect, circle, line)").filter((node) => !node.closest(".katex")).length,
      outputs: all("output[name]").map((node) => node.textContent?.trim() ?? ""),
    };
  });
}

test("every widget's downloaded SVG and PNG are the widget as seen on screen, with parameters and permalink", async ({
  page,
}) => {
  test.setTimeout(60_000 + widgetIds.length * 25_000);
  for (const id of widgetIds) {
    const root = await openWidget(page, id, FIGURE_STATES[id] ?? "", 90_000);
    await root.locator("[data-role=embed] summary").click();
    // First the image as on screen: the page's own theme, with the controls.
    await root.locator("[data-role=theme]").selectOption("");
    await root.locator("[data-role=image-controls]").check();
    const panelTop = await root.evaluate(
      (element) =>
        (element.querySelector("[data-role=embed]")?.getBoundingClientRect().top ?? 0) -
        element.getBoundingClientRect().top,
    );
    const screen = await screenParts(root);
    const screenshot = (await root.screenshot()).toString("base64");
    const svg = (await download(root, page, "svg")).toString("utf8");
    expect(svg, id).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    // Outside the inlined fonts' base64 (where any letters may meet), no value a reader should never see.
    expect(svg.replace(/base64,[A-Za-z0-9+/=]+/g, ""), id).not.toMatch(/\bNaN\b|\bundefined\b/);
    // The image links to the permalink the panel shows (src/embed/panel.ts), whichever way commas are escaped.
    const permalink = await root.locator("input[data-role=permalink]").inputValue();
    const link = /<a href="([^"]+)">/.exec(svg)?.[1]?.replace(/&#38;/g, "&") ?? "";
    expect(decodeURIComponent(link), id).toBe(decodeURIComponent(permalink));

    const result = await page.evaluate(
      async ({ markup, shot, panel, figures }) => {
        const parsed = new DOMParser().parseFromString(markup, "image/svg+xml");
        const region = parsed.querySelector("foreignObject");
        const inRegion = (selector: string) => Array.from(region?.querySelectorAll(selector) ?? []);
        const fallback = parsed.querySelector("switch > svg");
        const load = async (src: string) => {
          const image = new Image();
          image.src = src;
          await image.decode();
          return image;
        };
        const drawn = await load(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(markup)}`);
        const seen = await load(`data:image/png;base64,${shot}`);
        const x = Number(region?.getAttribute("x") ?? 0);
        const width = seen.naturalWidth;
        const height = Math.min(Math.floor(panel), seen.naturalHeight);
        const pixels = (image: HTMLImageElement, left: number) => {
          const canvas = document.createElement("canvas");
          canvas.width = width;
          canvas.height = height;
          const context = canvas.getContext("2d")!;
          context.drawImage(image, -left, 0);
          return context.getImageData(0, 0, width, height).data;
        };
        const a = pixels(drawn, x);
        const b = pixels(seen, 0);
        const unlike = (i: number) =>
          Math.max(Math.abs(a[i]! - b[i]!), Math.abs(a[i + 1]! - b[i + 1]!), Math.abs(a[i + 2]! - b[i + 2]!)) > 64;
        let differing = 0;
        for (let i = 0; i < a.length; i += 4) if (unlike(i)) differing += 1;
        // Each figure on its own: a canvas's points and the axes drawn over it are where the screen has them.
        const figureDiffering = figures
          .filter((box) => box.top + box.height <= height)
          .map((box) => {
            let count = 0;
            let total = 0;
            for (let row = Math.max(0, Math.floor(box.top)); row < Math.min(height, box.top + box.height); row += 1) {
              for (
                let column = Math.max(0, Math.floor(box.left));
                column < Math.min(width, box.left + box.width);
                column += 1
              ) {
                total += 1;
                if (unlike(4 * (row * width + column))) count += 1;
              }
            }
            return total ? count / total : 0;
          });
        // The plain version (for viewers without HTML in SVG) keeps the figures' places relative to each other.
        const plainFigures = Array.from(fallback?.children ?? [])
          .filter((node) => node.localName === "image" || node.localName === "svg")
          .map((node) => ["x", "y", "width", "height"].map((name) => Number(node.getAttribute(name))));
        return {
          size: [drawn.naturalWidth, drawn.naturalHeight],
          differing: differing / (width * height),
          figureDiffering,
          plainFigures,
          legends: inRegion(".chart-legend li, .plane-legend text").map((node) => node.textContent?.trim() ?? ""),
          formulas: inRegion(".katex-html").length,
          marks: inRegion("svg :is(path, rect, circle, line)").filter((node) => !node.closest(".katex")).length,
          outputs: inRegion("output[name]").map((node) => node.textContent?.trim() ?? ""),
          fallbackText: fallback?.textContent ?? "",
          requiredExtensions: region?.getAttribute("requiredExtensions"),
        };
      },
      { markup: svg, shot: screenshot, panel: panelTop, figures: screen.figures },
    );
    expect(result.requiredExtensions, id).toBe("http://www.w3.org/1999/xhtml");
    expect(result.legends, `${id}: legends`).toEqual(screen.legends);
    expect(result.formulas, `${id}: typeset formulas`).toBe(screen.formulas);
    expect(result.marks, `${id}: figure marks`).toBe(screen.marks);
    expect(result.outputs, `${id}: results`).toEqual(screen.outputs);
    // No box cuts in the image what it shows whole on screen (reparam's table lost its last row): the
    // image's HTML laid out in the page as the image lays it out (its styles are inline), box by box.
    const clipping = await root.evaluate((widget, markup) => {
      const cutting = (elements: Element[]) =>
        elements
          .filter((node): node is HTMLElement => node instanceof HTMLElement && !node.closest("[data-role=embed]"))
          .filter((node) => {
            const style = getComputedStyle(node);
            if (!/auto|scroll|hidden/.test(`${style.overflowX} ${style.overflowY}`)) return false;
            return node.scrollHeight > node.clientHeight + 1 || node.scrollWidth > node.clientWidth + 1;
          })
          .map((node) => `${node.localName}.${node.className}`);
      const region = new DOMParser().parseFromString(markup, "image/svg+xml").querySelector("foreignObject");
      const host = document.createElement("div");
      host.style.cssText = `position:absolute;left:0;top:0;width:${region?.getAttribute("width") ?? 0}px;visibility:hidden`;
      for (const node of Array.from(region?.childNodes ?? [])) host.append(document.importNode(node, true));
      document.body.append(host);
      const image = cutting(Array.from(host.querySelectorAll("*")));
      host.remove();
      return { image, screen: cutting(Array.from(widget.querySelectorAll("*"))) };
    }, svg);
    expect(clipping.image, `${id}: boxes that cut their content in the image`).toEqual(clipping.screen);
    // Drawn by the browser, the image is the screenshot but for anti-aliasing at edges and glyphs a
    // fraction of a pixel off (html-to-image rounds font sizes down by up to 1 px); a missing legend,
    // figure or colour changes far more.
    expect.soft(result.differing, `${id}: share of pixels unlike the screen`).toBeLessThan(0.06);
    for (const [index, share] of result.figureDiffering.entries()) {
      expect.soft(share, `${id}: share of figure ${index}'s pixels unlike the screen`).toBeLessThan(0.05);
    }
    // The plain fallback writes formulas as TeX, never as flattened glyphs such as "log|Σ1||Σ2|".
    expect(result.fallbackText, id).not.toMatch(/\|Σ\d\|\|Σ\d\||Σ\d−1Σ\d/);
    // It holds every figure once, in one piece: each where the screen has it relative to the first, at
    // one scale (not stacked: the VAE's points and their axes overlap as on screen), and the legends.
    expect(result.plainFigures.length, `${id}: figures in the plain version`).toBe(screen.figures.length);
    const [first, ...rest] = screen.figures;
    const [plainFirst] = result.plainFigures;
    if (first && plainFirst) {
      const scale = plainFirst[2]! / first.width;
      rest.forEach((box, index) => {
        const [px, py, pw] = result.plainFigures[index + 1]!;
        const where = `${id}: plain figure ${index + 1}`;
        expect.soft(Math.abs((px! - plainFirst[0]!) / scale - (box.left - first.left)), where).toBeLessThan(2);
        expect.soft(Math.abs((py! - plainFirst[1]!) / scale - (box.top - first.top)), where).toBeLessThan(2);
        expect.soft(Math.abs(pw! / scale - box.width), where).toBeLessThan(2);
      });
    }
    for (const legend of screen.legends) expect.soft(result.fallbackText, `${id}: plain legend`).toContain(legend);
    test.info().annotations.push({
      type: "image",
      description: `${id}: ${(result.differing * 100).toFixed(2)} % of pixels differ (figures: ${result.figureDiffering.map((share) => (share * 100).toFixed(1)).join(", ")} %); SVG ${Math.round(svg.length / 1024)} kB`,
    });

    const png = await download(root, page, "png");
    expect(png.subarray(0, 8).toString("hex"), id).toBe("89504e470d0a1a0a");
    expect(png.readUInt32BE(16), `${id}: PNG width at 2×`).toBe(2 * result.size[0]!);

    // Then what an instructor puts on a slide (the panel's default): the figure and its results in the
    // theme the panel names; projector for every widget, dark on a light page for two.
    await root.locator("[data-role=image-controls]").uncheck();
    const screenType = await root.evaluate(typeScale);
    for (const theme of ["projector", ...(id === "vae" || id === "kl-gaussian" ? ["dark"] : [])]) {
      await root.locator("[data-role=theme]").selectOption(theme);
      const themed = (await download(root, page, "svg")).toString("utf8");
      const where = `${id}, ${theme}`;
      const image = await root.evaluate((widget, markup) => {
        const region = new DOMParser().parseFromString(markup, "image/svg+xml").querySelector("foreignObject");
        const width = Number(region?.getAttribute("width") ?? 0);
        const height = Number(region?.getAttribute("height") ?? 0);
        // The image's HTML laid out in the page as the image lays it out: by its inline styles alone (in a
        // shadow root, which the page's style sheets do not reach).
        const host = document.createElement("div");
        host.style.cssText = `position:absolute;left:0;top:0;width:${width}px;visibility:hidden`;
        const shadow = host.attachShadow({ mode: "open" });
        for (const node of Array.from(region?.childNodes ?? [])) shadow.append(document.importNode(node, true));
        document.body.append(host);
        const clone = shadow.querySelector<HTMLElement>("[data-widget]")!;
        const look = getComputedStyle(clone);
        // As typeScale measures the screen: the results' largest type per pixel of the widget's width.
        const sizes = Array.from(clone.querySelectorAll("output[name]")).map((output) =>
          Number.parseFloat(getComputedStyle(output).fontSize),
        );
        // Text for screen readers only is cut on purpose (1 px boxes).
        const cut = Array.from(shadow.querySelectorAll<HTMLElement>("*:not(.visually-hidden)"))
          .filter((node) => {
            const style = getComputedStyle(node);
            if (!/auto|scroll|hidden/.test(`${style.overflowX} ${style.overflowY}`)) return false;
            return node.scrollHeight > node.clientHeight + 1 || node.scrollWidth > node.clientWidth + 1;
          })
          .map((node) => `${node.localName}.${node.className}`);
        const found = {
          // A toggle's pressed state is the figure's (dice's faces); an action's button is not.
          controls: clone.querySelectorAll(
            "input, select, textarea, button:not([aria-pressed]), [role=tablist], .widget-controls",
          ).length,
          background: look.backgroundColor,
          color: look.color,
          type: Math.max(0, ...sizes) / width,
          cut,
          overflow: [clone.scrollWidth - width, clone.scrollHeight - height],
          staged: widget.matches("[data-image-theme], [data-image-figure]") || widget.style.zoom !== "",
        };
        host.remove();
        return found;
      }, themed);
      expect(image.staged, `${where}: the widget on screen is back as it was`).toBe(false);
      expect(image.controls, `${where}: controls in a figure-only image`).toBe(0);
      expect(image.cut, `${where}: boxes that cut their content`).toEqual([]);
      expect(image.overflow[0], `${where}: content past the image's right edge`).toBeLessThanOrEqual(1);
      expect(image.overflow[1], `${where}: content past the image's bottom`).toBeLessThanOrEqual(1);
      if (theme === "projector") {
        // Black on white, and type larger for the figure's size than on screen (the snippet's projector type).
        expect([image.background, image.color], where).toEqual(["rgb(255, 255, 255)", "rgb(0, 0, 0)"]);
        expect(image.type, `${where}: results' type per pixel of width`).toBeGreaterThan(1.25 * screenType);
      } else {
        expect([image.background, image.color], where).toEqual(["rgb(29, 32, 36)", "rgb(232, 230, 227)"]);
      }
      test.info().annotations.push({
        type: "image",
        description: `${where}: results' type ${(image.type / screenType).toFixed(2)}× the screen's per pixel of width`,
      });
    }
  }
});

/** The size of a widget's results (their largest figure) per pixel of the widget's width. */
function typeScale(widget: HTMLElement): number {
  const sizes = Array.from(widget.querySelectorAll("output[name]")).map((output) =>
    Number.parseFloat(getComputedStyle(output).fontSize),
  );
  return Math.max(0, ...sizes) / widget.getBoundingClientRect().width;
}
