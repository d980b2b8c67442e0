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

/**
 * The box the scatter is drawn in: its size as laid out (CSS pixels before any zoom, measured by the
 * element once per size) and the size of its labels as the theme sets them. The viewBox is this box,
 * so a label of 13 px is 13 px on screen however wide the plot is drawn.
 */
export interface PlotBox {
  readonly width: number;
  readonly height: number;
  readonly font: number;
}

/** Before the first measurement (and in tests): the plot as a 360 px column draws it. */
export const DEFAULT_BOX: PlotBox = { width: 360, height: 400, font: 13 };

/**
 * The box of `container` as laid out (CSS pixels before the embed page's zoom), with the size the
 * theme sets for `svg`'s labels; undefined while it is not shown (a hidden tab).
 */
export function measureBox(container: HTMLElement, svg: SVGSVGElement): PlotBox | undefined {
  const rect = container.getBoundingClientRect();
  if (rect.width < 1 || rect.height < 1) return undefined;
  // getBoundingClientRect includes the zoom of the element's ancestors (src/embed/embed-page.ts zooms <main>).
  const zoom = (container as HTMLElement & { currentCSSZoom?: number }).currentCSSZoom || 1;
  const probe = document.createElementNS("http://www.w3.org/2000/svg", "text");
  svg.append(probe);
  const font = Number.parseFloat(getComputedStyle(probe).fontSize) || DEFAULT_BOX.font;
  probe.remove();
  return { width: Math.round(rect.width / zoom), height: Math.round(rect.height / zoom), font };
}

/** The plot's square and its legend rows within `box`, all in viewBox units (CSS pixels). */
export interface PlaneLayout {
  readonly box: PlotBox;
  /** The square of the plane: its left and top edges and its side. */
  readonly left: number;
  readonly top: number;
  readonly side: number;
  /** Digits per legend row (10, or 5 in two rows where one row would not fit under the square). */
  readonly legendColumns: number;
  /** The widest tick label's estimated width. */
  readonly tickLabel: number;
  /** The top of the legend rows: under the square and its axis name. */
  readonly legendTop: number;
}

/** Width of a legend item (swatch, digit and the space to the next), in ems. */
const LEGEND_ITEM = 2.1;
/** Height of a legend row, in ems. */
const LEGEND_ROW = 1.8;

/**
 * Where the square goes in `box`: room on the left for tick labels of `tickChars` characters and the
 * rotated axis name, below for the tick labels and the axis name, half a label above and right (the
 * end ticks' labels are centred on the square's edges), and the legend rows under it all.
 */
export function planeLayout(box: PlotBox, tickChars = 2): PlaneLayout {
  const { width, height, font } = box;
  // d3's axes: 6 px ticks, 3 px padding; digits are about 0.62 em wide.
  const tickLabel = tickChars * 0.62 * font;
  const margin = {
    left: Math.ceil(9 + tickLabel + 0.5 * font + font),
    bottom: Math.ceil(9 + font + 0.4 * font + font),
    top: Math.ceil(0.6 * font),
    right: Math.ceil(Math.max(0.6 * font, tickLabel / 2)),
  };
  const oneRow = 10 * LEGEND_ITEM * font <= width;
  const legendColumns = oneRow ? 10 : 5;
  const legend = (oneRow ? 1 : 2) * LEGEND_ROW * font;
  const side = Math.max(
    40,
    Math.floor(Math.min(width - margin.left - margin.right, height - margin.top - margin.bottom - legend)),
  );
  // The square and its margins, centred across the box.
  const left = Math.max(margin.left, Math.floor((width - side - margin.left - margin.right) / 2) + margin.left);
  return { box, left, top: margin.top, side, legendColumns, tickLabel, legendTop: margin.top + side + margin.bottom };
}

export interface PlaneScales {
  readonly x: ScaleLinear<number, number>;
  readonly y: ScaleLinear<number, number>;
  readonly layout: PlaneLayout;
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

/**
 * Scales from z (or projection) units to viewBox units (CSS pixels of `box`): [−4, 4]² for latent 2,
 * else fitted to `projected`; the square leaves room for the widest tick label.
 */
export function planeScales(box: PlotBox = DEFAULT_BOX, projected?: Float32Array): PlaneScales {
  let extent = PLANE_RANGE;
  if (projected) {
    extent = 0;
    for (const value of projected) extent = Math.max(extent, Math.abs(value));
    extent = Math.max(0.5, Math.ceil(extent * 1.05 * 2) / 2);
  }
  const domain = scaleLinear().domain([-extent, extent]);
  const format = domain.tickFormat(5);
  const chars = Math.max(1, ...domain.ticks(5).map((tick) => format(tick).length));
  const layout = planeLayout(box, chars);
  const { left, top, side } = layout;
  return {
    x: domain.copy().range([left, left + side]),
    y: domain.copy().range([top + side, top]),
    layout,
  };
}

/** Draws the held-out codes on the canvas (class colours) and the axes in the SVG over it. */
export function drawScatter(
  canvas: HTMLCanvasElement,
  svg: SVGSVGElement,
  evaluation: VaeEvaluationMessage,
  scales: PlaneScales,
): void {
  const { x, y, layout } = scales;
  const { width, height } = layout.box;
  const points = scatterPoints(evaluation);
  const ratio = window.devicePixelRatio || 1;
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  const context = canvas.getContext("2d");
  if (!context) return;
  context.scale(ratio, ratio);
  if (!evaluation.projection) drawPriorDensity(canvas, context, scales);
  context.globalAlpha = 0.7;
  // Dots grow a little with the plot: 2 px at 360 px, so a projector's room sees them.
  const dot = Math.max(2, layout.side / 150);
  for (let i = 0; i < evaluation.labels.length; i++) {
    // Both the latent-2 codes and the projection have two coordinates per digit.
    context.fillStyle = classColour(evaluation.labels[i]!);
    context.beginPath();
    context.arc(x(points[i * 2]!), y(points[i * 2 + 1]!), dot, 0, 2 * Math.PI);
    context.fill();
  }
  const [first, second] = evaluation.projection ? ["principal axis 1", "principal axis 2"] : ["z₁", "z₂"];
  const root = select(svg).attr("viewBox", `0 0 ${width} ${height}`);
  root.selectAll("g.axis, g.plane-legend, .plot-empty").remove();
  const { left, top, side } = layout;
  const [min] = x.domain() as [number, number];
  const bottom = root
    .append("g")
    .attr("class", "axis")
    .attr("transform", `translate(0,${top + side})`)
    .call(axisBottom(x).ticks(5));
  // The left axis leaves out the corner's tick label: the bottom axis's one there reads for both.
  const leftTicks = y.ticks(5).filter((tick) => tick !== min);
  const leftAxis = root
    .append("g")
    .attr("class", "axis")
    .attr("transform", `translate(${left},0)`)
    .call(axisLeft(y).tickValues(leftTicks).tickFormat(y.tickFormat(5)));
  nameAxes(bottom, leftAxis, [left + side / 2, top + side / 2], [first, second], axisNamePlaces(layout));
  drawPlaneLegend(root.append("g").attr("class", "plane-legend"), layout);
}

/** Stops of the prior's shading, and its darkest opacity (at z = 0). */
const PRIOR_STOPS = 24;
const PRIOR_OPACITY = 0.28;

/**
 * Shades the latent plane by the prior's density p(z) = N(0, I), relative to its peak: exp(−‖z‖²/2)
 * at each of PRIOR_STOPS radii of a radial gradient (exact there, linear between), in the canvas's
 * CSS colour so it reads in both themes. Where it is dark and no code lies, the prior has a hole.
 */
function drawPriorDensity(
  canvas: HTMLCanvasElement,
  context: CanvasRenderingContext2D,
  { x, y, layout }: PlaneScales,
): void {
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
  context.fillRect(layout.left, layout.top, layout.side, layout.side);
}

/** Where the axis names go (nameAxes): below the bottom tick labels, and left of the left ones (a rotated name's baseline). */
const axisNamePlaces = ({ box, tickLabel }: PlaneLayout) => ({
  below: 9 + box.font * 1.3,
  beside: -(9 + tickLabel + 0.3 * box.font),
});

type AxisGroup = Selection<SVGGElement, unknown, null, undefined>;

/**
 * Each axis's name, centred on it: `below` the bottom axis (its baseline, clear of the tick labels)
 * and `beside` the left one (the rotated name's centre line, left of the tick labels), in viewBox units.
 */
function nameAxes(
  bottom: AxisGroup,
  left: AxisGroup,
  [xMiddle, yMiddle]: number[],
  [first, second]: string[],
  { below, beside }: { below: number; beside: number },
): void {
  const name = (axis: AxisGroup, text = "") =>
    axis
      .append("text")
      .attr("class", "axis-name")
      .attr("fill", "currentColor")
      .attr("text-anchor", "middle")
      .text(text);
  name(bottom, first)
    .attr("x", xMiddle ?? 0)
    .attr("y", below)
    .attr("dy", "0.71em");
  name(left, second).attr("transform", `translate(${beside},${yMiddle ?? 0}) rotate(-90)`);
}

/** The class colours, one swatch per digit, in one row (or two) under the plot (part of the figure and its image). */
function drawPlaneLegend(group: Selection<SVGGElement, unknown, null, undefined>, layout: PlaneLayout): void {
  const { box, left, side, legendColumns, legendTop } = layout;
  const { font } = box;
  const item = Math.max(LEGEND_ITEM * font, side / legendColumns);
  // Under the square where the rows fit its width, else from the box's left edge; each row centred on its line.
  const start = Math.max(0, Math.min(left, box.width - legendColumns * item));
  group.attr("transform", `translate(${start},${legendTop + (LEGEND_ROW * font) / 2})`);
  group.append("title").text("Digit classes");
  const radius = 0.36 * font;
  for (let digit = 0; digit < 10; digit++) {
    const column = digit % legendColumns;
    const row = Math.floor(digit / legendColumns);
    const entry = group.append("g").attr("transform", `translate(${column * item},${row * LEGEND_ROW * font})`);
    entry.append("circle").attr("cx", radius).attr("r", radius).attr("fill", classColour(digit));
    entry
      .append("text")
      .attr("x", 2 * radius + 0.25 * font)
      .attr("dy", "0.35em")
      .attr("fill", "currentColor")
      .text(String(digit));
  }
}

/**
 * Says in the plot what would fill it (`message`), before a model has codes to show: a blank box
 * reads as broken. Replaced by the codes once they arrive.
 */
export function showEmptyPlane(
  svg: SVGSVGElement,
  canvas: HTMLCanvasElement | null,
  box: PlotBox,
  message: string,
  shortMessage: string,
): void {
  const root = select(svg).attr("viewBox", `0 0 ${box.width} ${box.height}`);
  root.selectAll("g.axis, g.plane-legend, .plot-empty, circle.handle").remove();
  if (canvas) canvas.getContext("2d")?.clearRect(0, 0, canvas.width, canvas.height);
  // Lines of at most `width` (~0.55 em a character).
  const wrap = (words: string, width: number) => {
    const perLine = Math.max(8, Math.floor((width - box.font) / (0.55 * box.font)));
    const lines: string[] = [];
    for (const word of words.split(" ")) {
      const last = lines.at(-1);
      if (last !== undefined && (last + " " + word).length <= perLine) lines[lines.length - 1] = `${last} ${word}`;
      else lines.push(word);
    }
    return lines;
  };
  const fits = (lines: string[], height: number) => (lines.length + 1) * 1.2 * box.font <= height;
  // The plane's square, dashed, where the codes will be, with the message inside; a square too small for
  // it is left out, the message then spread over the plot (shortened when even that is too small).
  const { left, top, side } = planeLayout(box);
  let lines = wrap(message, side);
  let centre = { x: left + side / 2, y: top + side / 2 };
  if (fits(lines, side))
    root
      .append("rect")
      .attr("class", "plot-empty")
      .attr("x", left)
      .attr("y", top)
      .attr("width", side)
      .attr("height", side)
      .attr("fill", "none")
      .attr("stroke", "currentColor")
      .attr("stroke-dasharray", "4 4")
      .attr("opacity", 0.4);
  else {
    lines = wrap(message, box.width);
    if (!fits(lines, box.height)) lines = wrap(shortMessage, box.width);
    centre = { x: box.width / 2, y: box.height / 2 };
  }
  const text = root
    .append("text")
    .attr("class", "plot-empty")
    .attr("fill", "currentColor")
    .attr("text-anchor", "middle")
    .attr("x", centre.x)
    .attr("y", centre.y);
  lines.forEach((line, index) =>
    text
      .append("tspan")
      .attr("x", centre.x)
      .attr("dy", index === 0 ? `${-(lines.length - 1) * 0.6}em` : "1.2em")
      .text(line),
  );
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
export function ensureHandle(svg: SVGSVGElement, wanted: boolean, { font }: PlotBox = DEFAULT_BOX): void {
  const handle = select(svg)
    .selectAll<SVGCircleElement, null>("circle.handle")
    .data(wanted ? [null] : []);
  handle.exit().remove();
  // 8 px where labels are 13 px, larger with them (a projector's room, a finger on a phone).
  handle
    .enter()
    .append("circle")
    .attr("class", "handle")
    .merge(handle)
    .attr("r", Math.max(8, 0.62 * font));
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

/**
 * Axes for the grid of decoded digits, drawn in `box` (its viewBox is the box, as the scatter's):
 * cell (row, col) of a `side` × `side` grid shows z = (−range + 2·range·col/(side − 1), range −
 * 2·range·row/(side − 1)) (src/ml/session.ts), so each cell's centre sits at its z and the axes run
 * half a cell beyond ±range. Returns the square the digits' canvas covers (viewBox units = CSS pixels).
 */
export function drawGridAxes(
  svg: SVGSVGElement,
  side: number,
  range: number,
  box: PlotBox = DEFAULT_BOX,
): { left: number; top: number; side: number } {
  const half = side > 1 ? range / (side - 1) : range;
  // The grid's square and its margins; no legend rows (the square takes their room).
  const layout = planeLayout({ ...box, height: box.height + LEGEND_ROW * box.font }, 2);
  const { left, top, side: inner } = layout;
  const { width, height } = box;
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
  nameAxes(bottom, leftAxis, [left + inner / 2, top + inner / 2], ["z₁", "z₂"], axisNamePlaces(layout));
  return { left, top, side: inner };
}
