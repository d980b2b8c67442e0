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
 * A panel's margins in CSS pixels, and its size where the server draws it: the browser draws it at
 * the SVG's own width (labels keep their size on a phone) and a height in the same proportion,
 * within [minHeight, height].
 */
export const PANEL = { width: 320, height: 150, minHeight: 100, top: 8, bottom: 22, left: 36, right: 6 } as const;

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
  /** Converts a pointer's y (in viewBox units) to a probability, for dragging. */
  readonly valueAt: (y: number) => number;
}

export function faceRole(face: number, event: Faces, condition: Faces): FaceBar["role"] {
  if (!condition.includes(face)) return "excluded";
  return event.includes(face) ? "event" : "condition";
}

/**
 * Bars of a distribution over the six faces on a fixed 0–1 scale, so that conditioning visibly rescales,
 * in a panel `width` wide (CSS pixels) and heightFor(PANEL, width) high.
 */
export function panelLayout(
  values: readonly number[],
  event: Faces,
  condition: Faces,
  markers?: readonly number[],
  width: number = PANEL.width,
): PanelLayout {
  const height = heightFor(PANEL, width);
  const probability = scaleLinear()
    .domain([0, 1])
    .range([height - PANEL.bottom, PANEL.top]);
  const baseY = probability(0);
  const right = width - PANEL.right;
  const faceBand = scaleBand<number>()
    .domain([...FACES])
    .range([PANEL.left, right])
    .padding(0.22);
  return {
    width,
    height,
    left: PANEL.left,
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

/** The trace's margins and server size in CSS pixels, as PANEL's, with room below the ticks for the axis name. */
export const TRACE = { width: 420, height: 204, minHeight: 110, top: 10, bottom: 34, left: 36, right: 10 } as const;

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
}

/**
 * The running mean against the number of rolls (log axis), the exact expectation, and the band
 * expectation ± 2σ/√k in which the running mean after k rolls lies about 95 % of the time, in a
 * plot `width` wide (CSS pixels) and heightFor(TRACE, width) high.
 */
export function traceLayout(
  trace: readonly TracePoint[],
  expectation: number,
  sd: number,
  n: number,
  width: number = TRACE.width,
): TraceLayout {
  const x = scaleLog()
    .domain([1, Math.max(n, 10)])
    .range([TRACE.left, width - TRACE.right]);
  const height = heightFor(TRACE, width);
  const y = scaleLinear()
    .domain([1, 6])
    .range([height - TRACE.bottom, TRACE.top]);
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
    left: TRACE.left,
    right: width - TRACE.right,
    baseY: height - TRACE.bottom,
    topY: TRACE.top,
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
