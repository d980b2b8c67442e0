/**
 * What an instructor puts in front of a room: every widget in the 800×500 frame of the snippet the
 * book hands out and on a 1280×720 projector slide (theme=projector&controls=0) fills its frame, its
 * text is large enough to read, no two labels overlap and no label is cut at a plot's edge; and the
 * frame looks as it did: a screenshot compared with the one kept in tests/e2e/__snapshots__/, so a
 * layout regression fails (`npm run test:snapshots:update` rewrites them after an intended change).
 * One page loads each widget in turn, so the whole check costs a few seconds per widget.
 */
import { expect, test, type Frame, type Page } from "@playwright/test";
import { cutLabels, describe, fitSettled, overlappingPairs, smallestText, textBoxes } from "./geometry";
import { builtPages, FIGURE_STATES } from "./site";

const widgetIds = builtPages()
  .map((page) => /^embed\/([a-z0-9-]+)\/$/.exec(page)?.[1])
  .filter((id): id is string => id !== undefined);

export interface FrameSize {
  readonly name: string;
  readonly width: number;
  readonly height: number;
  readonly query: string;
  /** The smallest text size a reader gets, in CSS pixels of the host page. */
  readonly minText: number;
}

export const FRAME_SIZES: readonly FrameSize[] = [
  { name: "the 800×500 snippet", width: 800, height: 500, query: "", minText: 12 },
  { name: "a 1280×720 projector slide", width: 1280, height: 720, query: "theme=projector&controls=0", minText: 18 },
];

/** Loads a widget's embed page into a fixed frame of the host page and waits until its fit has settled. */
export async function loadFramed(page: Page, id: string, size: FrameSize, extraQuery = ""): Promise<Frame> {
  const query = [size.query, extraQuery].filter(Boolean).join("&");
  const src = new URL(`embed/${id}/${query ? `?${query}` : ""}`, test.info().project.use.baseURL).href;
  await page.setViewportSize({ width: size.width + 40, height: size.height + 40 });
  await page.setContent(
    `<!doctype html><title>slide</title><body style="margin:20px"><iframe src="${src.replace(/&/g, "&amp;")}" width="${size.width}" height="${size.height}" style="border:0;display:block" data-fixed-height></iframe></body>`,
  );
  const frame = page.frames().find((candidate) => candidate !== page.mainFrame());
  if (!frame) throw new Error("no frame");
  // The pretrained VAE is ready once measured at rest (ELBO, log p(x), gaps): longest on a slow machine.
  await expect(frame.locator(`[data-widget="${id}"]`)).toHaveAttribute("data-ready", "", { timeout: 90_000 });
  await fitSettled(frame);
  return frame;
}

/**
 * The screenshot check: what a person sees of the frame, pixel for pixel but for a few pixels of
 * anti-aliasing (a label moved by a few pixels differs in some hundreds). Deterministic: the same
 * Chromium, the site's own fonts, seeded randomness, the VAE's pretrained weights on WASM (no speed
 * probe choosing a backend, so no last-digit differences), no caret, no animation.
 */
const SCREENSHOT = { maxDiffPixels: 40, threshold: 0.2, animations: "disabled", caret: "hide", scale: "css" } as const;

for (const size of FRAME_SIZES) {
  test(`every widget in ${size.name} fills the frame with legible, separate, uncut text, and looks as it did`, async ({
    page,
  }) => {
    test.setTimeout(60_000 + widgetIds.length * 25_000);
    // The backend override of src/ml/client.ts (BACKEND_OVERRIDE_KEY), set in every frame before its scripts run.
    await page.addInitScript((key) => {
      try {
        localStorage.setItem(key, "wasm");
      } catch {
        // The host page (about:blank) has no storage; the frames, on the site's origin, do.
      }
    }, "vae-backend");
    for (const id of widgetIds) {
      const frame = await loadFramed(page, id, size, FIGURE_STATES[id]);
      const boxes = await textBoxes(frame, `[data-widget="${id}"]`);
      const check = (found: unknown[] | boolean, message: string) =>
        expect.soft(found, `${id}: ${message}`).toEqual(Array.isArray(found) ? [] : false);
      const fill = await frame.evaluate(() => {
        const root = document.documentElement;
        const figures = Array.from(document.querySelectorAll("[data-widget] :is(svg, canvas)"));
        return {
          bottom: Math.max(...figures.map((figure) => figure.getBoundingClientRect().bottom)),
          zoom: Number(document.querySelector("main")?.style.zoom || 1),
          scroll: root.scrollHeight - root.clientHeight,
        };
      });
      // A field shows its whole value: a typed list or a chosen option cut short cannot be read or checked.
      const cutFields = await frame.evaluate((selector) => {
        const probe = document.createElement("canvas").getContext("2d");
        const fields = Array.from(document.querySelectorAll<HTMLInputElement | HTMLSelectElement>(selector));
        return fields
          .filter((field) => field.offsetParent !== null)
          .filter((field) => {
            if (field instanceof HTMLInputElement) return field.scrollWidth > field.clientWidth + 1;
            const style = getComputedStyle(field);
            if (!probe) return false;
            probe.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
            const text = field.selectedOptions[0]?.text ?? "";
            const room =
              field.clientWidth - Number.parseFloat(style.paddingLeft) - Number.parseFloat(style.paddingRight);
            // Chromium draws the select's arrow inside its right padding-box: about 1 em.
            return probe.measureText(text).width > room - Number.parseFloat(style.fontSize);
          })
          .map(
            (field) =>
              `${field.name}: "${field instanceof HTMLInputElement ? field.value : field.selectedOptions[0]?.text}"`,
          );
      }, `[data-widget="${id}"] :is(input[type="text"], select)`);
      check(cutFields, "fields that cut their value");
      const smallest = boxes.filter((box) => box.fontSize < size.minText - 0.25);
      check(smallest.map(describe), `text smaller than ${size.minText} px`);
      check(
        overlappingPairs(boxes).map(([a, b]) => `${describe(a)} × ${describe(b)}`),
        "overlapping labels",
      );
      // Text below the frame's bottom edge of a frame that scrolls is scrolled, not cut ("scroll" counts it).
      const reach = { width: size.width, height: size.height + Math.max(0, fill.scroll) };
      check(cutLabels(boxes, reach).map(describe), "labels cut at an edge");
      const contentBottom = Math.max(fill.bottom, ...boxes.map((box) => box.bottom));
      check(fill.scroll > 0, `the frame scrolls by ${fill.scroll} px`);
      // Filling the frame: the content reaches the lower part of the frame, unless the widget is at its largest.
      check(fill.zoom < 2.5 && contentBottom < 0.8 * size.height, `content ends at ${Math.round(contentBottom)} px`);
      test.info().annotations.push({
        type: "text",
        description: `${id} @ ${size.width}×${size.height}: smallest text ${smallestText(boxes).toFixed(1)} px, zoom ${fill.zoom}, content to ${Math.round(contentBottom)} px`,
      });
      await expect
        .soft(page.locator("iframe"), `${id}: the frame as it looked`)
        .toHaveScreenshot(`${id}-${size.width}x${size.height}.png`, SCREENSHOT);
    }
  });
}
