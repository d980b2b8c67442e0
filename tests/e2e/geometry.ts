/**
 * What a person sees of a page's text, measured in the browser: every visible piece of text with its
 * box and its rendered size (CSS zoom and SVG viewBox scaling included), pairs that overlap, and
 * labels cut at the edge of their plot. Shared by the embed, deck and chapter layout tests.
 */
import { expect, type Frame, type Page } from "@playwright/test";

export interface TextBox {
  /** The text, whitespace collapsed. */
  readonly text: string;
  /** "svg" for a label drawn in a figure, "math" for a typeset formula, "html" for other text. */
  readonly kind: "svg" | "math" | "html";
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
  /** The size the text is drawn at on screen, in CSS pixels of the top-level page. */
  readonly fontSize: number;
  /** For SVG labels: how far (px) the text runs past its own <svg>'s box (0 when inside). */
  readonly outsideSvg: number;
}

/**
 * Every visible piece of text inside `root` (a selector in `scope`), in the coordinates of `scope`'s
 * viewport. HTML text is measured line by line (Range rects); each KaTeX formula counts as one box at
 * its base size; SVG labels are measured with their rendered scale.
 */
export async function textBoxes(scope: Page | Frame, root = "body"): Promise<TextBox[]> {
  return scope
    .locator(root)
    .first()
    .evaluate((container) => {
      const boxes: TextBox[] = [];
      const visible = (element: Element) =>
        element.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true }) &&
        getComputedStyle(element).visibility !== "hidden";
      const zoomOf = (element: Element) => (element as Element & { currentCSSZoom?: number }).currentCSSZoom ?? 1;
      const push = (text: string, kind: TextBox["kind"], rect: DOMRect, fontSize: number, outsideSvg = 0) => {
        if (!text.trim() || rect.width < 0.5 || rect.height < 0.5) return;
        boxes.push({
          text: text.replace(/\s+/g, " ").trim(),
          kind,
          left: rect.left,
          top: rect.top,
          right: rect.right,
          bottom: rect.bottom,
          fontSize,
          outsideSvg,
        });
      };
      // Text of a visually hidden element (clipped to a pixel) is for screen readers only.
      const clippedAway = (element: Element) => {
        for (let node: Element | null = element; node && node !== container.parentElement; node = node.parentElement) {
          if (getComputedStyle(node).clipPath !== "none" && node.getBoundingClientRect().width <= 2) return true;
        }
        return false;
      };
      for (const math of Array.from(container.querySelectorAll(".katex"))) {
        if (!visible(math) || math.parentElement?.closest(".katex") || clippedAway(math)) continue;
        const size = parseFloat(getComputedStyle(math).fontSize) * zoomOf(math);
        // An inline formula may break across lines: each of its pieces (.base) is a box of its own.
        const pieces = Array.from(math.querySelectorAll(".katex-html > .base"));
        for (const piece of pieces.length > 0 ? pieces : [math])
          push(piece.textContent ?? "", "math", piece.getBoundingClientRect(), size);
      }
      for (const text of Array.from(container.querySelectorAll<SVGTextElement>("svg text"))) {
        if (!visible(text) || !text.textContent?.trim()) continue;
        const rect = text.getBoundingClientRect();
        const bbox = text.getBBox();
        // The ratio of areas: a name rotated a quarter turn (a y axis's) swaps its box's width and height.
        const scale =
          bbox.height > 0 && bbox.width > 0 ? Math.sqrt((rect.width * rect.height) / (bbox.width * bbox.height)) : 1;
        const svg = text.ownerSVGElement;
        let outside = 0;
        if (svg) {
          const frame = svg.getBoundingClientRect();
          outside = Math.max(
            0,
            frame.left - rect.left,
            rect.right - frame.right,
            frame.top - rect.top,
            rect.bottom - frame.bottom,
          );
        }
        push(text.textContent, "svg", rect, parseFloat(getComputedStyle(text).fontSize) * scale, outside);
      }
      const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement;
        if (!parent || !node.textContent?.trim()) continue;
        if (parent.closest(".katex, svg, script, style, noscript, textarea, select, [hidden]") || !visible(parent))
          continue;
        if (clippedAway(parent)) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        const size = parseFloat(getComputedStyle(parent).fontSize) * zoomOf(parent);
        for (const rect of Array.from(range.getClientRects())) push(node.textContent, "html", rect, size);
      }
      return boxes;
    });
}

/** Pairs of text boxes that overlap by more than `tolerance` pixels both ways (lines of one text node never pair). */
export function overlappingPairs(boxes: readonly TextBox[], tolerance = 1.5): [TextBox, TextBox][] {
  const pairs: [TextBox, TextBox][] = [];
  boxes.forEach((a, i) => {
    for (const b of boxes.slice(i + 1)) {
      const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (x > tolerance && y > tolerance && !(a.kind === "html" && b.kind === "html" && a.text === b.text)) {
        pairs.push([a, b]);
      }
    }
  });
  return pairs;
}

/** Labels cut at an edge: SVG text running past its own plot, or any text outside `viewport`. */
export function cutLabels(
  boxes: readonly TextBox[],
  viewport: { readonly width: number; readonly height: number },
  tolerance = 1,
): TextBox[] {
  return boxes.filter(
    (box) =>
      box.outsideSvg > tolerance ||
      box.left < -tolerance ||
      box.top < -tolerance ||
      box.right > viewport.width + tolerance ||
      box.bottom > viewport.height + tolerance,
  );
}

/** The smallest rendered text size among `boxes` (Infinity when there is none). */
export function smallestText(boxes: readonly TextBox[]): number {
  return Math.min(...boxes.map((box) => box.fontSize));
}

/** A short description of a box for test messages. */
export function describe(box: TextBox): string {
  return `"${box.text.slice(0, 40)}" (${box.kind}, ${box.fontSize.toFixed(1)} px at ${Math.round(box.left)},${Math.round(box.top)})`;
}

/**
 * Waits until an embed page's fit to its frame has settled (src/embed/embed-page.ts refits as its charts redraw
 * at the zoom it picked): two reads, 300 ms apart, of its zoom, layout and height agree.
 */
export async function fitSettled(frame: Frame): Promise<void> {
  await frame.evaluate(() => document.fonts.ready.then(() => undefined));
  let last = "";
  await expect
    .poll(
      async () => {
        const now = await frame.evaluate(
          () =>
            `${document.querySelector("main")?.style.zoom}:${document.documentElement.hasAttribute("data-embed-columns")}:${document.body.scrollHeight}`,
        );
        const settled = now === last;
        last = now;
        return settled;
      },
      { intervals: [300], timeout: 15_000 },
    )
    .toBe(true);
}
