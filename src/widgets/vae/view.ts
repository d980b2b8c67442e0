import { scaleLinear, type ScaleLinear } from "d3-scale";
import { schemeTableau10 } from "d3-scale-chromatic";
import { select } from "d3-selection";
import { axisBottom, axisLeft } from "d3-axis";
import { formatNumber } from "../../lib/format";
import type { VaeEvaluationMessage } from "../../ml/protocol";
import { drawLossChart } from "../training/loss-chart";

/** The latent-2 scatter shows z in [−4, 4]², the bulk of the prior N(0, I) and then some. */
const PLANE_RANGE = 4;
/** The scatter's viewBox side and its left/bottom margin for the axes, in SVG units. */
export const PLOT = 360;
const MARGIN = 28;

export interface PlaneScales {
  readonly x: ScaleLinear<number, number>;
  readonly y: ScaleLinear<number, number>;
}

/** The curves of one run: [training step, nats] pairs for the two terms of the loss. */
export interface VaeCurves {
  trainRecon: [number, number][];
  trainKl: [number, number][];
  heldRecon: [number, number][];
  heldKl: [number, number][];
}

export const emptyCurves = (): VaeCurves => ({ trainRecon: [], trainKl: [], heldRecon: [], heldKl: [] });

/** Class colour of digit `label` (0–9), as the scatter and its legend draw it. */
export const classColour = (label: number): string => schemeTableau10[label] ?? "gray";

/** The points of the latent view: the codes themselves for latent 2, else their PCA projection. */
export const scatterPoints = (evaluation: VaeEvaluationMessage): Float32Array =>
  evaluation.projection?.points ?? evaluation.codes;

/** Scales from z (or projection) units to viewBox units: [−4, 4]² for latent 2, else fitted to `projected`. */
export function planeScales(projected?: Float32Array): PlaneScales {
  let extent = PLANE_RANGE;
  if (projected) {
    extent = 0;
    for (const value of projected) extent = Math.max(extent, Math.abs(value));
    extent = Math.max(0.5, Math.ceil(extent * 1.05 * 2) / 2);
  }
  return {
    x: scaleLinear()
      .domain([-extent, extent])
      .range([MARGIN, PLOT - 8]),
    y: scaleLinear()
      .domain([-extent, extent])
      .range([PLOT - MARGIN, 8]),
  };
}

/** Draws the held-out codes on the canvas (class colours) and the axes in the SVG over it. */
export function drawScatter(
  canvas: HTMLCanvasElement,
  svg: SVGSVGElement,
  evaluation: VaeEvaluationMessage,
  { x, y }: PlaneScales,
): void {
  const points = scatterPoints(evaluation);
  const ratio = window.devicePixelRatio || 1;
  canvas.width = PLOT * ratio;
  canvas.height = PLOT * ratio;
  const context = canvas.getContext("2d");
  if (!context) return;
  context.scale(ratio, ratio);
  if (!evaluation.projection) drawPriorDensity(canvas, context, { x, y });
  context.globalAlpha = 0.7;
  for (let i = 0; i < evaluation.labels.length; i++) {
    // Both the latent-2 codes and the projection have two coordinates per digit.
    context.fillStyle = classColour(evaluation.labels[i]!);
    context.beginPath();
    context.arc(x(points[i * 2]!), y(points[i * 2 + 1]!), 2, 0, 2 * Math.PI);
    context.fill();
  }
  const root = select(svg).attr("viewBox", `0 0 ${PLOT} ${PLOT}`);
  root.selectAll("g.axis").remove();
  root
    .append("g")
    .attr("class", "axis")
    .attr("transform", `translate(0,${PLOT - MARGIN})`)
    .call(axisBottom(x).ticks(5));
  root.append("g").attr("class", "axis").attr("transform", `translate(${MARGIN},0)`).call(axisLeft(y).ticks(5));
}

/** Stops of the prior's shading, and its darkest opacity (at z = 0). */
const PRIOR_STOPS = 24;
const PRIOR_OPACITY = 0.28;

/**
 * Shades the latent plane by the prior's density p(z) = N(0, I), relative to its peak: exp(−‖z‖²/2)
 * at each of PRIOR_STOPS radii of a radial gradient (exact there, linear between), in the canvas's
 * CSS colour so it reads in both themes. Where it is dark and no code lies, the prior has a hole.
 */
function drawPriorDensity(canvas: HTMLCanvasElement, context: CanvasRenderingContext2D, { x, y }: PlaneScales): void {
  const match = /rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(getComputedStyle(canvas).color);
  const [r, g, b] = match ? [match[1], match[2], match[3]] : ["128", "128", "128"];
  const [, extent] = x.domain() as [number, number];
  const centre = [x(0), y(0)] as const;
  const radius = Math.hypot(x(extent) - x(0), y(extent) - y(0));
  const reach = Math.hypot(extent, extent);
  const gradient = context.createRadialGradient(centre[0], centre[1], 0, centre[0], centre[1], radius);
  for (let i = 0; i <= PRIOR_STOPS; i++) {
    const t = i / PRIOR_STOPS;
    const density = Math.exp(-((t * reach) ** 2) / 2);
    gradient.addColorStop(t, `rgba(${r}, ${g}, ${b}, ${(PRIOR_OPACITY * density).toFixed(4)})`);
  }
  context.fillStyle = gradient;
  context.fillRect(0, 0, PLOT, PLOT);
}

/** Fills the class-colour legend once: one swatch per digit class. */
export function fillLegend(legend: HTMLElement): void {
  if (legend.childElementCount) return;
  for (let digit = 0; digit < 10; digit++) {
    const item = document.createElement("span");
    item.style.setProperty("--swatch", classColour(digit));
    item.textContent = String(digit);
    legend.append(item);
  }
}

/** What the latent view shows, in words: the codes themselves (latent 2) or their projection. */
export function latentCaption(evaluation: VaeEvaluationMessage, latent: number): string {
  return evaluation.projection
    ? `Codes μ(x) of the ${evaluation.labels.length} held-out digits projected on their first two principal axes (the latent space has ${latent} dimensions), coloured by class. The sliders move the four most used dimensions (largest variance of μ over the held-out digits) of one digit's code; the decoded digit follows.`
    : `Codes μ(x) of the ${evaluation.labels.length} held-out digits, coloured by class, over the prior's density N(0, I) (grey, darkest at 0): where the grey is dark and no code lies, the prior puts mass that no digit does, a prior hole. Drag the ring (or focus it and use the arrow keys) to decode any point z of the plane.`;
}

/** The text of a latent-2 point, for the readout and the handle's aria-valuetext. */
export const pointText = (z1: number, z2: number): string => `z = (${formatNumber(z1, 3)}, ${formatNumber(z2, 3)})`;

/** Adds (latent 2) or removes (a projection) the ring that marks the decoded point z. */
export function ensureHandle(svg: SVGSVGElement, wanted: boolean): void {
  const handle = select(svg)
    .selectAll<SVGCircleElement, null>("circle.handle")
    .data(wanted ? [null] : []);
  handle.exit().remove();
  handle
    .enter()
    .append("circle")
    .attr("class", "handle")
    .attr("r", 8)
    .attr("tabindex", 0)
    .attr("role", "slider")
    .attr("aria-label", "Point z of the latent plane to decode");
}

/** Moves the ring to z = (z1, z2) and says where it is. */
export function placeHandle(svg: SVGSVGElement, { x, y }: PlaneScales, [z1 = 0, z2 = 0]: readonly number[]): void {
  const handle = svg.querySelector<SVGCircleElement>("circle.handle");
  if (!handle) return;
  handle.setAttribute("cx", String(x(z1)));
  handle.setAttribute("cy", String(y(z2)));
  handle.setAttribute("aria-valuetext", pointText(z1, z2));
}

/** The point z under a pointer at client coordinates, clamped to the plotted square. */
export function pointAt(svg: SVGSVGElement, { x, y }: PlaneScales, clientX: number, clientY: number): number[] {
  const box = svg.getBoundingClientRect();
  const px = ((clientX - box.left) / box.width) * PLOT;
  const py = ((clientY - box.top) / box.height) * PLOT;
  const [lo, hi] = x.domain() as [number, number];
  const clampToPlot = (value: number) => Math.min(hi, Math.max(lo, value));
  return [clampToPlot(x.invert(px)), clampToPlot(y.invert(py))];
}

/** The dimensions with the largest activity (variance of μ over held-out digits), most active first. */
export function mostActive(activity: readonly number[], count: number): number[] {
  return activity
    .map((value, dim) => ({ value, dim }))
    .sort((a, b) => b.value - a.value)
    .slice(0, count)
    .map(({ dim }) => dim);
}

/** One range input per dimension in `dims`, set from `code`; `onInput` gets the dimension and its new value. */
export function buildSliders(
  box: HTMLElement,
  dims: readonly number[],
  code: readonly number[],
  activity: readonly number[],
  onInput: (dim: number, value: number) => void,
  signal: AbortSignal,
): void {
  box.replaceChildren(
    ...dims.map((dim) => {
      const label = document.createElement("label");
      const name = document.createElement("span");
      name.textContent = `z${dim + 1}`;
      label.title = `Activity (variance of μ over held-out digits): ${formatNumber(activity[dim] ?? 0, 2)}`;
      const input = document.createElement("input");
      Object.assign(input, { type: "range", min: "-3", max: "3", step: "0.05", value: String(code[dim] ?? 0) });
      input.setAttribute("aria-label", `Latent dimension ${dim + 1}`);
      input.addEventListener("input", () => onInput(dim, Number(input.value)), { signal });
      label.append(name, input);
      return label;
    }),
  );
}

/** The two loss charts: reconstruction and KL, training lines and held-out dots. */
export function drawVaeCurves(recon: SVGSVGElement | null, kl: SVGSVGElement | null, curves: VaeCurves): void {
  const charts = [
    {
      svg: recon,
      train: curves.trainRecon,
      held: curves.heldRecon,
      colour: "var(--series-1)",
      label: "reconstruction −log p(x|z), nats",
    },
    {
      svg: kl,
      train: curves.trainKl,
      held: curves.heldKl,
      colour: "var(--series-3)",
      label: "KL(q(z|x) ‖ p(z)), nats",
    },
  ];
  for (const chart of charts) {
    if (!chart.svg) continue;
    const series = [
      { label: "training", colour: chart.colour, points: chart.train },
      { label: "held-out", colour: "var(--series-2)", points: chart.held, dots: true },
    ];
    drawLossChart(chart.svg, series, chart.label);
  }
}
