// The VAE's Gaps view: for one digit of the fixed subset, the three numbers behind the inference
// gaps of Cremer, Li & Duvenaud (2018) side by side (the encoder's ELBO, the ELBO of q optimised for
// that digit alone, log p(x)) in a table, and on a number line with the two gaps between them.
import { formatNumber } from "../../lib/format";
import type { VaeGapFigures } from "../../ml/protocol";
import { drawDigits } from "../training/digit-canvas";

const SVG = "http://www.w3.org/2000/svg";
/** The number line's viewBox: width, height and side margins in SVG units. */
const WIDTH = 320;
const HEIGHT = 64;
const SIDE = 24;

/** The three numbers of digit `index` of the subset, nats. */
export function gapNumbers(gaps: VaeGapFigures, index: number) {
  const encoder = gaps.encoderElbo[index] ?? NaN;
  const optimum = gaps.optimisedElbo[index] ?? NaN;
  const logPx = gaps.logPx[index] ?? NaN;
  return { encoder, optimum, logPx, amortization: optimum - encoder, approximation: logPx - optimum };
}

function svgElement<K extends keyof SVGElementTagNameMap>(name: K, attributes: Record<string, string | number>) {
  const element = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
  return element;
}

/** Fills the Gaps panel `root` for digit `index` (wrapped into the subset) of `gaps`; returns the index shown. */
export function drawGaps(root: HTMLElement, gaps: VaeGapFigures, index: number): number {
  const count = gaps.digits.length;
  const shown = ((index % count) + count) % count;
  const n = gapNumbers(gaps, shown);
  const canvas = root.querySelector<HTMLCanvasElement>("canvas[data-role=gap-digit]");
  if (canvas) drawDigits(canvas, gaps.pixels.subarray(shown * 784, (shown + 1) * 784), 1, 1);
  const cells: [string, number][] = [
    ["encoder", n.encoder],
    ["optimum", n.optimum],
    ["log-px", n.logPx],
  ];
  for (const [role, value] of cells) {
    const cell = root.querySelector<HTMLElement>(`[data-role=gap-${role}]`);
    if (cell) cell.textContent = Number.isFinite(value) ? formatNumber(value, 4) : "—";
  }
  const caption = root.querySelector<HTMLElement>("[data-role=gap-caption]");
  if (caption)
    caption.textContent =
      `Held-out digit ${shown + 1} of ${count} (as the model sees it, black and white). Amortisation gap ` +
      `${formatNumber(n.amortization, 3)} nats, approximation gap ${formatNumber(n.approximation, 3)} nats; ` +
      `over all ${count} digits: ${formatNumber(gaps.amortization, 3)} and ${formatNumber(gaps.approximation, 3)}.`;
  const svg = root.querySelector<SVGSVGElement>("svg[data-role=gap-line]");
  if (svg) drawLine(svg, n);
  return shown;
}

/** The three numbers as marks on one axis of nats, the two gaps as brackets between them. */
function drawLine(svg: SVGSVGElement, n: ReturnType<typeof gapNumbers>): void {
  svg.setAttribute("viewBox", `0 0 ${WIDTH} ${HEIGHT}`);
  svg.replaceChildren();
  const values = [n.encoder, n.optimum, n.logPx];
  if (!values.every(Number.isFinite)) return;
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const pad = Math.max(0.5, (hi - lo) * 0.15);
  const x = (v: number) => SIDE + ((v - (lo - pad)) / (hi - lo + 2 * pad)) * (WIDTH - 2 * SIDE);
  const axisY = 40;
  svg.append(svgElement("line", { x1: SIDE, x2: WIDTH - SIDE, y1: axisY, y2: axisY, class: "gap-axis" }));
  const brackets: [number, number, string][] = [
    [n.encoder, n.optimum, "gap-amortization"],
    [n.optimum, n.logPx, "gap-approximation"],
  ];
  for (const [from, to, name] of brackets) {
    svg.append(
      svgElement("rect", { x: x(from), y: axisY - 14, width: Math.max(0, x(to) - x(from)), height: 10, class: name }),
    );
  }
  const labels: [number, string][] = [
    [n.encoder, "encoder"],
    [n.optimum, "optimum"],
    [n.logPx, "log p(x)"],
  ];
  labels.forEach(([value, label], i) => {
    svg.append(svgElement("circle", { cx: x(value), cy: axisY, r: 3.5, class: "gap-mark" }));
    const text = svgElement("text", {
      x: x(value),
      y: i === 1 ? axisY - 20 : axisY + 16,
      "text-anchor": "middle",
      class: "gap-label",
    });
    text.textContent = label;
    svg.append(text);
  });
  svg.setAttribute(
    "aria-label",
    `On an axis of nats: the encoder's ELBO ${formatNumber(n.encoder, 4)}, the per-digit optimum ` +
      `${formatNumber(n.optimum, 4)}, log p(x) ${formatNumber(n.logPx, 4)}.`,
  );
}
