import { scaleBand, scaleLinear, scaleLog } from "d3-scale";
import { area, line } from "d3-shape";
import { analyseDice, FACES, simulateConditionalRolls, type Faces, type TracePoint } from "../../lib/dice";
import { formatNumber, probabilityFigure } from "../../lib/format";
import { createRandom } from "../../lib/random";
import { normaliseWeights } from "../../lib/weights";
import type { DiceState } from "./spec";

/**
 * Geometry of the dice figures with no DOM: the shell renders it as static SVG on the server and
 * the element redraws the same geometry with D3, so the fallback and the live figure are one picture.
 */
/**
 * A panel's size and label size where the server draws it (CSS pixels): the browser draws it at the
 * SVG's own width and its labels' computed size (element.ts), so labels keep their size on a phone and
 * grow on a projector, and a height in the same proportion, within [minHeight, height].
 */
export const PANEL = { width: 320, height: 150, minHeight: 100, fontSize: 12 } as const;

/**
 * Margins (CSS pixels) that hold labels `fontSize` px high: half a label above the top tick, a line
 * of face labels below the axis, the tick labels' column ("0.5", about 1.7 font sizes) on the left.
 */
function panelMargins(fontSize: number) {
  return {
    top: Math.round(fontSize * 0.6 + 3),
    bottom: Math.round(fontSize * 1.1 + 8),
    left: Math.round(fontSize * 1.8 + 8),
    right: 6,
  };
}

/** The height of a figure `width` wide in the proportion of its `size`, within [minHeight, size.height]. */
export function heightFor(
  size: { readonly width: number; readonly height: number; readonly minHeight: number },
  width: number,
): number {
  return Math.round(Math.min(size.height, Math.max(size.minHeight, (width * size.height) / size.width)));
}

export interface FaceBar {
  readonly face: number;
  readonly x: number;
  readonly width: number;
  readonly y: number;
  readonly height: number;
  /** "event" (in A and B), "condition" (in B only) or "excluded" (outside B). */
  readonly role: "event" | "condition" | "excluded";
  readonly value: number;
  /** A simulated frequency drawn as a tick over the bar, if any. */
  readonly markerY?: number;
}

export interface PanelLayout {
  /** The viewBox's size, in CSS pixels where the SVG is drawn at its real width. */
  readonly width: number;
  readonly height: number;
  readonly left: number;
  readonly right: number;
  readonly bars: readonly FaceBar[];
  readonly ticks: readonly { readonly y: number; readonly label: string }[];
  readonly baseY: number;
  readonly topY: number;
  /** The baseline of the faces' labels. */
  readonly faceLabelY: number;
  /** Converts a pointer's y (in viewBox units) to a probability, for dragging. */
  readonly valueAt: (y: number) => number;
}

export function faceRole(face: number, event: Faces, condition: Faces): FaceBar["role"] {
  if (!condition.includes(face)) return "excluded";
  return event.includes(face) ? "event" : "condition";
}

/**
 * Bars of a distribution over the six faces on a fixed 0–1 scale, so that conditioning visibly rescales,
 * in a panel `width` wide (CSS pixels) and heightFor(PANEL, width) high, with labels `fontSize` px high.
 */
export function panelLayout(
  values: readonly number[],
  event: Faces,
  condition: Faces,
  markers?: readonly number[],
  width: number = PANEL.width,
  fontSize: number = PANEL.fontSize,
): PanelLayout {
  const margin = panelMargins(fontSize);
  const height = heightFor(PANEL, width);
  const probability = scaleLinear()
    .domain([0, 1])
    .range([height - margin.bottom, margin.top]);
  const baseY = probability(0);
  const right = width - margin.right;
  const faceBand = scaleBand<number>()
    .domain([...FACES])
    .range([margin.left, right])
    .padding(0.22);
  return {
    width,
    height,
    faceLabelY: baseY + Math.round(fontSize * 1.1 + 2),
    left: margin.left,
    right,
    bars: FACES.map((face, i) => {
      const value = values[i] ?? 0;
      const marker = markers?.[i];
      return {
        face,
        x: faceBand(face) ?? 0,
        width: faceBand.bandwidth(),
        y: probability(value),
        height: baseY - probability(value),
        role: faceRole(face, event, condition),
        value,
        markerY: marker === undefined ? undefined : probability(marker),
      };
    }),
    ticks: [0, 0.5, 1].map((tick) => ({ y: probability(tick), label: formatNumber(tick) })),
    baseY,
    topY: probability(1),
    valueAt: (y) => Math.min(1, Math.max(0, probability.invert(y))),
  };
}

/** The trace's server size and label size in CSS pixels, as PANEL's. */
export const TRACE = { width: 420, height: 204, minHeight: 110, fontSize: 13 } as const;

/** The trace's margins for labels `fontSize` px high: a line of ticks and one for the axis name below, half of "1k" right. */
function traceMargins(fontSize: number) {
  return {
    top: Math.round(fontSize * 0.6 + 4),
    bottom: Math.round(fontSize * 2.4 + 8),
    left: Math.round(fontSize * 0.8 + 10),
    right: Math.round(fontSize * 0.7 + 4),
  };
}

export interface TraceLayout {
  /** The viewBox's size, as PanelLayout's. */
  readonly width: number;
  readonly height: number;
  readonly meanPath: string;
  readonly bandPath: string;
  readonly expectationY: number;
  readonly xTicks: readonly { readonly x: number; readonly label: string }[];
  readonly yTicks: readonly { readonly y: number; readonly label: string }[];
  readonly left: number;
  readonly right: number;
  readonly baseY: number;
  readonly topY: number;
  /** The baselines of the x ticks' labels and of the axis name. */
  readonly xTickY: number;
  readonly axisLabelY: number;
}

/**
 * The running mean against the number of rolls (log axis), the exact expectation, and the band
 * expectation ± 2σ/√k in which the running mean after k rolls lies about 95 % of the time, in a
 * plot `width` wide (CSS pixels) and heightFor(TRACE, width) high, with labels `fontSize` px high.
 */
export function traceLayout(
  trace: readonly TracePoint[],
  expectation: number,
  sd: number,
  n: number,
  width: number = TRACE.width,
  fontSize: number = TRACE.fontSize,
): TraceLayout {
  const margin = traceMargins(fontSize);
  const x = scaleLog()
    .domain([1, Math.max(n, 10)])
    .range([margin.left, width - margin.right]);
  const height = heightFor(TRACE, width);
  const y = scaleLinear()
    .domain([1, 6])
    .range([height - margin.bottom, margin.top]);
  const clampFace = (value: number) => Math.min(6, Math.max(1, value));
  const bandRolls = traceRolls(trace, n);
  const band = area<number>()
    .x((k) => x(k))
    .y0((k) => y(clampFace(expectation - (2 * sd) / Math.sqrt(k))))
    .y1((k) => y(clampFace(expectation + (2 * sd) / Math.sqrt(k))));
  const mean = line<TracePoint>()
    .x((point) => x(point.rolls))
    .y((point) => y(point.mean));
  const decades = x.ticks().filter((tick) => Number.isInteger(Math.log10(tick)));
  return {
    width,
    height,
    meanPath: mean(trace as TracePoint[]) ?? "",
    bandPath: band(bandRolls) ?? "",
    expectationY: y(expectation),
    xTicks: decades.map((tick) => ({
      x: x(tick),
      label: tick >= 1000 ? `${formatNumber(tick / 1000)}k` : String(tick),
    })),
    yTicks: FACES.map((face) => ({ y: y(face), label: String(face) })),
    left: margin.left,
    right: width - margin.right,
    baseY: height - margin.bottom,
    topY: margin.top,
    xTickY: height - margin.bottom + Math.round(fontSize * 1.1 + 2),
    axisLabelY: height - 4,
  };
}

/** Roll counts at which to draw the band: the trace's, or 1 and n when there is no trace yet. */
function traceRolls(trace: readonly TracePoint[], n: number): number[] {
  const rolls = trace.map((point) => point.rolls);
  return rolls.length > 1 ? rolls : [1, Math.max(n, 10)];
}

/**
 * The exact figures for a state, from src/lib: shared by the shell and the element. P(B) and
 * P(A ∩ B) below the doubles' range read as decimal text ("1e-330"), never 0.
 */
export function diceResults(state: DiceState) {
  const normalised = normaliseWeights(state.weights);
  const exact = analyseDice(state.weights, state.event, state.condition);
  if (!normalised || !exact) throw new Error("condition: P(B) = 0, so P(A | B) is not defined.");
  return {
    normalised,
    p: normalised.probabilities,
    exact,
    pCondition: probabilityFigure(exact.pCondition, exact.logPCondition),
    pJoint: probabilityFigure(exact.pJoint, exact.logPJoint),
  };
}

/** The seeded rolls for a state (the element defers them for large n). */
export function diceSimulation(state: DiceState) {
  const simulation = simulateConditionalRolls(
    state.weights,
    state.event,
    state.condition,
    state.n,
    createRandom(state.seed),
  );
  if (!simulation) throw new Error("condition: P(B) = 0, so no roll can meet it.");
  return { simulation, frequencies: simulation.counts.map((count) => count / state.n) };
}
