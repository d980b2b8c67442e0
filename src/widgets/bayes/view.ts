import { scaleLinear } from "d3-scale";
import { formatNumber } from "../../lib/format";

/**
 * Geometry of the Bayes area diagram with no DOM, shared by the server's static SVG and the
 * element's D3 redraw. The unit square: column i is as wide as P(H_i) and shaded up to P(E | H_i),
 * so its shaded area is the joint P(E, H_i). Below it, the shaded pieces side by side (their total
 * length is P(E)) and the same pieces stretched to full width (each one's share is P(H_i | E)).
 */
// 250 units wide: on a 320 px phone the diagram is about 214 px wide, so 15-unit labels stay >= 12 px.
export const AREA = { width: 250, height: 236, left: 26, right: 4, top: 8, squareBottom: 140 } as const;
const EVIDENCE_Y = 176;
const POSTERIOR_Y = 216;
const ROW_HEIGHT = 16;
const MIN_HANDLE_WIDTH = 12;

export interface Column {
  readonly index: number;
  readonly label: string;
  readonly x: number;
  readonly width: number;
  /** Top of the shaded part (the likelihood). */
  readonly shadedY: number;
  readonly shadedHeight: number;
  readonly likelihood: number;
  readonly prior: number;
  readonly evidenceX: number;
  readonly evidenceWidth: number;
  readonly posteriorX: number;
  readonly posteriorWidth: number;
  /** Show the column label only where it fits. */
  readonly showLabel: boolean;
  /** The likelihood handle's span: the column, widened to stay grabbable when the prior is tiny. */
  readonly handleX: number;
  readonly handleWidth: number;
}

export interface BorderHandle {
  readonly index: number;
  readonly x: number;
  /** Cumulative prior up to this border, and the range it may move in. */
  readonly value: number;
  readonly min: number;
  readonly max: number;
}

export interface AreaLayout {
  readonly columns: readonly Column[];
  readonly borders: readonly BorderHandle[];
  readonly ticks: readonly { readonly y: number; readonly label: string }[];
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly squareBottom: number;
  readonly evidenceY: number;
  readonly posteriorY: number;
  readonly rowHeight: number;
  readonly evidenceEnd: number;
}

const x = scaleLinear()
  .domain([0, 1])
  .range([AREA.left, AREA.width - AREA.right]);
const y = scaleLinear().domain([0, 1]).range([AREA.squareBottom, AREA.top]);

/** Pointer coordinates (viewBox units) to the unit square's axes, clamped to [0, 1], for dragging. */
export const fractionAtX = (px: number) => Math.min(1, Math.max(0, x.invert(px)));
export const fractionAtY = (py: number) => Math.min(1, Math.max(0, y.invert(py)));
/** Where a fraction of the unit square's axes is drawn (viewBox units). */
export const xOfFraction = (fraction: number) => x(fraction);
export const yOfFraction = (fraction: number) => y(fraction);

/** Hypotheses are numbered from 1 for readers, as in the notes' y_1 … y_N; outputs count from 0. */
export const hypothesisLabel = (index: number) => `H${index + 1}`;

export function areaLayout(
  prior: readonly number[],
  likelihood: readonly number[],
  joint: readonly number[],
  posterior: readonly number[],
): AreaLayout {
  let cumulative = 0;
  let jointCumulative = 0;
  let posteriorCumulative = 0;
  const columns = prior.map((p, index) => {
    const start = cumulative;
    cumulative += p;
    const l = likelihood[index] ?? 0;
    const j = joint[index] ?? 0;
    const evidenceStart = jointCumulative;
    jointCumulative += j;
    const posteriorStart = posteriorCumulative;
    posteriorCumulative += posterior[index] ?? 0;
    const width = x(cumulative) - x(start);
    return {
      index,
      label: hypothesisLabel(index),
      x: x(start),
      width,
      shadedY: y(l),
      shadedHeight: y(0) - y(l),
      likelihood: l,
      prior: p,
      evidenceX: x(evidenceStart),
      evidenceWidth: x(jointCumulative) - x(evidenceStart),
      posteriorX: x(posteriorStart),
      posteriorWidth: x(posteriorCumulative) - x(posteriorStart),
      showLabel: width >= 22,
      handleX: x(start) + Math.min(0, width - MIN_HANDLE_WIDTH) / 2,
      handleWidth: Math.max(width, MIN_HANDLE_WIDTH),
    };
  });
  const cumulatives = prior.reduce<number[]>((acc, p) => [...acc, (acc.at(-1) ?? 0) + p], []);
  const borders = cumulatives.slice(0, -1).map((value, index) => ({
    index,
    x: x(value),
    value,
    min: index === 0 ? 0 : (cumulatives[index - 1] ?? 0),
    max: cumulatives[index + 1] ?? 1,
  }));
  return {
    columns,
    borders,
    ticks: [0, 0.5, 1].map((tick) => ({ y: y(tick), label: formatNumber(tick) })),
    left: x(0),
    right: x(1),
    top: y(1),
    squareBottom: y(0),
    evidenceY: EVIDENCE_Y,
    posteriorY: POSTERIOR_Y,
    rowHeight: ROW_HEIGHT,
    evidenceEnd: x(jointCumulative),
  };
}
