import { scaleLinear, type NumberValue, type ScaleLinear } from "d3-scale";
import { schemeTableau10 } from "d3-scale-chromatic";
import { select, type Selection } from "d3-selection";
import { axisBottom, axisLeft } from "d3-axis";
import { formatNumber } from "../../lib/format";
import type { VaeEvaluationMessage } from "../../ml/protocol";
import type { HistoryPoint, TrainingHistory } from "../../ml/weights-format";
import type { Grab } from "../handles/bind";
import { applySlider } from "../handles/slider";
import { drawLossChart } from "../training/loss-chart";

/** The latent-2 scatter shows z in [−4, 4]², the bulk of the prior N(0, I) and then some. */
const PLANE_RANGE = 4;
/** The scatter's viewBox (SVG units; the canvas under it matches): a square plot, then a legend row. */
export const PLOT = 360;
const LEGEND_ROW = 30;
export const PLOT_HEIGHT = PLOT + LEGEND_ROW;
/** Room for tick labels and the axis names: left and bottom; a little at the top and right. */
const MARGIN = { left: 58, bottom: 50, top: 10, right: 14 };

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

/** What the shell ships of each pretrained model (Vae.astro, from the weights' metadata): its steps and curves. */
export interface ShippedHistory {
  readonly steps: number;
  readonly history?: TrainingHistory;
}

/** The shipped history of the pretrained model with latent size `latent`, from the shell's JSON; undefined if none. */
export function pretrainedHistory(widget: HTMLElement, latent: number): ShippedHistory | undefined {
  const text = widget.querySelector("script[data-role=pretrained]")?.textContent;
  if (!text) return undefined;
  const shipped = (JSON.parse(text) as Record<string, ShippedHistory | undefined>)[String(latent)];
  return shipped && Number.isFinite(shipped.steps) ? shipped : undefined;
}

/** The curves of the pretraining run, as the widget draws its own runs. */
export function historyCurves({ history }: ShippedHistory): VaeCurves {
  const pairs = (points: readonly HistoryPoint[] | undefined, key: "recon" | "kl") =>
    (points ?? []).map((point): [number, number] => [point.step, point[key]]);
  return {
    trainRecon: pairs(history?.train, "recon"),
    trainKl: pairs(history?.train, "kl"),
    heldRecon: pairs(history?.heldOut, "recon"),
    heldKl: pairs(history?.heldOut, "kl"),
  };
}

/** Adds a held-out evaluation at `step`, replacing one already there (the shipped history's last, re-measured). */
export function addHeldOut(curves: VaeCurves, step: number, recon: number, kl: number): void {
  for (const [points, value] of [
    [curves.heldRecon, recon],
    [curves.heldKl, kl],
  ] as const) {
    if (points.at(-1)?.[0] === step) points.pop();
    points.push([step, value]);
  }
}

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
      .range([MARGIN.left, PLOT - MARGIN.right]),
    y: scaleLinear()
      .domain([-extent, extent])
      .range([PLOT - MARGIN.bottom, MARGIN.top]),
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
  canvas.height = PLOT_HEIGHT * ratio;
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
  const [first, second] = evaluation.projection ? ["principal axis 1", "principal axis 2"] : ["z₁", "z₂"];
  const root = select(svg).attr("viewBox", `0 0 ${PLOT} ${PLOT_HEIGHT}`);
  root.selectAll("g.axis, g.plane-legend").remove();
  const bottom = root
    .append("g")
    .attr("class", "axis")
    .attr("transform", `translate(0,${PLOT - MARGIN.bottom})`)
    .call(axisBottom(x).ticks(5));
  const left = root
    .append("g")
    .attr("class", "axis")
    .attr("transform", `translate(${MARGIN.left},0)`)
    .call(axisLeft(y).ticks(5));
  const middle = (range: number[]) => ((range[0] ?? 0) + (range[1] ?? 0)) / 2;
  nameAxes(bottom, left, [middle(x.range()), middle(y.range())], [first, second]);
  drawPlaneLegend(root.append("g").attr("class", "plane-legend"));
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

type AxisGroup = Selection<SVGGElement, unknown, null, undefined>;

/** Each axis's name (text sizes: Vae.astro, in viewBox units), centred on it: below the bottom axis, beside the left one. */
function nameAxes(bottom: AxisGroup, left: AxisGroup, [xMiddle, yMiddle]: number[], [first, second]: string[]): void {
  const name = (axis: AxisGroup, text = "") =>
    axis
      .append("text")
      .attr("class", "axis-name")
      .attr("fill", "currentColor")
      .attr("text-anchor", "middle")
      .text(text);
  // Below the tick labels (17 units tall from y = 9), clear of them, within the 50-unit margin.
  name(bottom, first)
    .attr("x", xMiddle ?? 0)
    .attr("y", 44);
  name(left, second).attr("transform", `translate(-36,${yMiddle ?? 0}) rotate(-90)`);
}

/** The class colours, one swatch per digit, in a row under the plot (part of the figure and its image). */
function drawPlaneLegend(group: Selection<SVGGElement, unknown, null, undefined>): void {
  const width = (PLOT - MARGIN.left - MARGIN.right) / 10;
  group.attr("transform", `translate(${MARGIN.left},${PLOT + LEGEND_ROW / 2})`);
  group.append("title").text("Digit classes");
  for (let digit = 0; digit < 10; digit++) {
    const item = group.append("g").attr("transform", `translate(${digit * width},0)`);
    item.append("circle").attr("cx", 6).attr("r", 5).attr("fill", classColour(digit));
    item.append("text").attr("x", 14).attr("dy", "0.35em").attr("fill", "currentColor").text(String(digit));
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
  handle.enter().append("circle").attr("class", "handle").attr("r", 8);
}

const HANDLE_LABEL = "Point z of the latent plane to decode";

/** Moves the ring to z = (z1, z2) and says where it is (a 2-D slider, docs/widget-contract.md rule 8). */
export function placeHandle(svg: SVGSVGElement, { x, y }: PlaneScales, [z1 = 0, z2 = 0]: readonly number[]): void {
  const handle = svg.querySelector<SVGCircleElement>("circle.handle");
  if (!handle) return;
  handle.setAttribute("cx", String(x(z1)));
  handle.setAttribute("cy", String(y(z2)));
  const [min = -PLANE_RANGE, max = PLANE_RANGE] = x.domain();
  applySlider(handle, {
    label: HANDLE_LABEL,
    axes: [
      { value: z1, min, max },
      { value: z2, min, max },
    ],
    text: pointText(z1, z2),
  });
}

/**
 * The grab of the ring at z = `probe` with the plane's scales as they are now (they stay fixed for
 * the drag): arrows step z by 0.1, Shift+arrows by 0.5; `set` receives the new z, clamped to the plane.
 */
export function planeGrab(
  { x, y }: PlaneScales,
  [z1 = 0, z2 = 0]: readonly number[],
  set: (z: number[]) => void,
): Grab {
  const [min = -PLANE_RANGE, max = PLANE_RANGE] = x.domain();
  // Rounded to 1e-9: the grab offset's float noise must not turn a return to the start into 1e-16.
  const clamp = (value: number) => Math.round(Math.min(max, Math.max(min, value)) * 1e9) / 1e9;
  const axis = (value: number) => ({ value, min, max, step: 0.1, bigStep: 0.5 });
  return {
    axes: [axis(z1), axis(z2)],
    anchor: { x: x(z1), y: y(z2) },
    valuesAt: (px, py) => [clamp(x.invert(px)), clamp(y.invert(py))],
    set,
  };
}

/** The point z at a point of the viewBox (a click on the plane), clamped to the plotted square. */
export function pointAt({ x, y }: PlaneScales, px: number, py: number): number[] {
  const [min = -PLANE_RANGE, max = PLANE_RANGE] = x.domain();
  const clamp = (value: number) => Math.min(max, Math.max(min, value));
  return [clamp(x.invert(px)), clamp(y.invert(py))];
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
      const value = document.createElement("output");
      const show = () => (value.textContent = formatNumber(Number(input.value), 2));
      show();
      input.addEventListener(
        "input",
        () => {
          show();
          onInput(dim, Number(input.value));
        },
        { signal },
      );
      label.append(name, input, value);
      return label;
    }),
  );
}

/** The two loss charts: reconstruction and KL, training lines and held-out dots; an earlier run's faintly. */
export function drawVaeCurves(
  recon: SVGSVGElement | null,
  kl: SVGSVGElement | null,
  curves: VaeCurves,
  earlier?: VaeCurves,
): void {
  const charts = [
    { svg: recon, term: "Recon", colour: "var(--series-1)", label: "reconstruction −log p(x|z), nats" },
    { svg: kl, term: "Kl", colour: "var(--series-3)", label: "KL(q(z|x) ‖ p(z)), nats" },
  ] as const;
  for (const chart of charts) {
    if (!chart.svg) continue;
    const runs = earlier ? [{ run: earlier, faint: true }] : [];
    const series = [...runs, { run: curves, faint: false }].flatMap(({ run, faint }) => [
      { label: faint ? "earlier run" : "training", colour: chart.colour, points: run[`train${chart.term}`], faint },
      {
        label: faint ? "" : "held-out",
        colour: "var(--series-2)",
        points: run[`held${chart.term}`],
        dots: true,
        faint,
      },
    ]);
    drawLossChart(chart.svg, series, chart.label);
  }
}

/** The decoded-grid figure's viewBox: the square of digits, with room for the axes left and below. */
const GRID_BOX = { width: 360, height: 356, left: 54, top: 6, side: 300 };

/**
 * Axes for the grid of decoded digits: cell (row, col) of a `side` × `side` grid shows z = (−range +
 * 2·range·col/(side − 1), range − 2·range·row/(side − 1)) (src/ml/session.ts), so each cell's centre
 * sits at its z and the axes run half a cell beyond ±range.
 */
export function drawGridAxes(svg: SVGSVGElement, side: number, range: number): void {
  const half = side > 1 ? range / (side - 1) : range;
  const { width, height, left, top, side: inner } = GRID_BOX;
  const x = scaleLinear()
    .domain([-range - half, range + half])
    .range([left, left + inner]);
  const y = scaleLinear()
    .domain([-range - half, range + half])
    .range([top + inner, top]);
  const root = select(svg).attr("viewBox", `0 0 ${width} ${height}`);
  root.selectAll("*").remove();
  const ticks = Array.from({ length: 2 * Math.floor(range) + 1 }, (_, i) => i - Math.floor(range));
  // Whole numbers, with the typographic minus as d3's own format writes it.
  const label = (value: NumberValue) => String(value).replace("-", "−");
  const bottom = root
    .append("g")
    .attr("transform", `translate(0,${top + inner})`)
    .call(axisBottom(x).tickValues(ticks).tickFormat(label));
  const leftAxis = root
    .append("g")
    .attr("transform", `translate(${left},0)`)
    .call(axisLeft(y).tickValues(ticks).tickFormat(label));
  nameAxes(bottom, leftAxis, [left + inner / 2, top + inner / 2], ["z₁", "z₂"]);
}
