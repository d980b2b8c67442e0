/**
 * Keeps a drawn chart's labels apart by measuring them as the reader sees them (font, size and zoom
 * included): the layouts are pure geometry and cannot know how wide "−0.12" is in the projector theme.
 */

/** Space kept between two labels, in screen pixels. */
const GAP = 3;

interface Box {
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

function boxOf(element: Element): Box | undefined {
  const rect = element.getBoundingClientRect();
  if (rect.width === 0 && rect.height === 0) return undefined;
  return { left: rect.left, right: rect.right, top: rect.top, bottom: rect.bottom };
}

function overlap(a: Box, b: Box, gap = GAP): boolean {
  return a.left < b.right + gap && b.left < a.right + gap && a.top < b.bottom + gap && b.top < a.bottom + gap;
}

/**
 * Shows every k-th tick label (the smallest k ≥ 1 at which no two shown labels touch) and hides the
 * rest, so "−5−4−3−2−1 0" becomes "−4 −2 0". The first label is always kept. Labels must be in axis
 * order; a label that is not rendered (zero size: e.g. a chart off screen) is left as it is.
 */
export function thinTickLabels(labels: readonly SVGTextElement[]): void {
  for (const label of labels) label.removeAttribute("visibility");
  const boxes = labels.map(boxOf);
  if (boxes.some((box) => box === undefined)) return;
  const measured = boxes as Box[];
  for (let stride = 1; stride <= labels.length; stride += 1) {
    const kept = measured.filter((_, index) => index % stride === 0);
    if (kept.every((box, index) => index === 0 || !overlap(kept[index - 1]!, box))) {
      labels.forEach((label, index) => {
        if (index % stride !== 0) label.setAttribute("visibility", "hidden");
      });
      return;
    }
  }
}

/** The tick labels of every axis group in a chart (`g.ticks`, `g.x-ticks`, `g.y-ticks`), thinned. */
export function thinAxes(svg: SVGSVGElement): void {
  for (const axis of Array.from(svg.querySelectorAll<SVGGElement>("g.ticks, g.x-ticks, g.y-ticks"))) {
    thinTickLabels(Array.from(axis.querySelectorAll<SVGTextElement>(":scope > g > text, :scope > text")));
  }
}

/**
 * Lifts each label (in order) by whole steps of its own height until it touches no label placed
 * before it nor any of `obstacles`, so value labels of neighbouring bars stack instead of overprinting.
 */
export function liftApart(labels: readonly SVGTextElement[], obstacles: readonly Element[] = []): void {
  const placed: Box[] = obstacles.flatMap((element) => boxOf(element) ?? []);
  for (const label of labels) {
    label.removeAttribute("transform");
    if (!label.textContent) continue;
    const box = boxOf(label);
    if (!box) continue;
    // Screen pixels per SVG unit: the chart may be scaled by its viewBox and by the page's zoom.
    const bbox = label.getBBox();
    const scale = bbox.height > 0 ? (box.bottom - box.top) / bbox.height : 1;
    let shift = 0;
    let moved = box;
    for (let step = 0; step < 8 && placed.some((other) => overlap(other, moved, 1)); step += 1) {
      shift += box.bottom - box.top;
      moved = { ...box, top: box.top - shift, bottom: box.bottom - shift };
    }
    if (shift > 0) label.setAttribute("transform", `translate(0,${-shift / scale})`);
    placed.push(moved);
  }
}

/** The bottom of the lowest of `labels`, in their SVG's user units (0 when none is rendered). */
function lowestBottom(labels: readonly SVGTextElement[]): number {
  return Math.max(
    0,
    ...labels.map((label) => {
      const box = label.getBBox();
      return box.height > 0 ? box.y + box.height : 0;
    }),
  );
}

/**
 * Puts an axis title under its tick labels, one line below the lowest (the layouts' fixed margins
 * assume the smallest type; in the projector theme the labels are half as tall again).
 */
export function placeAxisTitle(title: SVGTextElement | null, ticks: readonly SVGTextElement[]): void {
  if (!title?.textContent) return;
  const bottom = lowestBottom(ticks);
  const height = title.getBBox().height;
  if (bottom > 0 && height > 0) title.setAttribute("y", String(bottom + 0.8 * height));
}

/**
 * Widens a chart's viewBox (laid out as `width`×`height`) to take in everything drawn, so no label
 * is cut at the plot's edge or runs into what follows the figure: the chart grows by the overhang.
 */
export function fitViewBox(svg: SVGSVGElement, width: number, height: number): void {
  const box = svg.getBBox();
  if (box.width === 0 && box.height === 0) return;
  const left = Math.min(0, Math.floor(box.x));
  const top = Math.min(0, Math.floor(box.y));
  const right = Math.max(width, Math.ceil(box.x + box.width));
  const bottom = Math.max(height, Math.ceil(box.y + box.height));
  svg.setAttribute("viewBox", `${left} ${top} ${right - left} ${bottom - top}`);
}
