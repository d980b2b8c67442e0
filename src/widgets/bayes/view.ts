import { scaleLinear } from "d3-scale";
import { formatNumber } from "../../lib/format";

/**
 * Geometry of the Bayes area diagram with no DOM, shared by the server's static SVG and the
 * element's D3 redraw. The unit square: column i is as wide as P(H_i) and shaded up to P(E | H_i),
 * so its shaded area is the joint P(E, H_i). Below it, the shaded pieces side by side (their total
 * length is P(E)) and the same pieces stretched to full width (each one's share is P(H_i | E)).
 */
/**
 * The size the server draws the diagram at (CSS pixels): the browser lays it out again at the SVG's
 * real width and its labels' computed font size (element.ts), so labels keep their size in a frame,
 * on a phone and on a projector. 15 px labels; a 320 px phone gives the diagram about 214 px.
 */
export const AREA = { width: 250, fontSize: 15 } as const;
const ROW_HEIGHT = 16;
const MIN_HANDLE_WIDTH = 12;
/** The unit square's height as a share of its width, and its largest height in font sizes (wide slides). */
const SQUARE_ASPECT = 0.6;
const SQUARE_MAX_EMS = 14;

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
  /** The viewBox's size, in CSS pixels where the SVG is drawn at its real width. */
  readonly width: number;
  readonly height: number;
  /** The baselines of the columns' labels and of the two rows' titles. */
  readonly columnLabelY: number;
  readonly evidenceLabelY: number;
  readonly posteriorLabelY: number;
  /** Pointer coordinates (viewBox units) to the unit square's axes, clamped to [0, 1], for dragging. */
  readonly fractionAtX: (px: number) => number;
  readonly fractionAtY: (py: number) => number;
  /** Where a fraction of the unit square's axes is drawn (viewBox units). */
  readonly xOfFraction: (fraction: number) => number;
  readonly yOfFraction: (fraction: number) => number;
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

/** Hypotheses are numbered from 1 for readers, as in the notes' y_1 … y_N; outputs count from 0. */
export const hypothesisLabel = (index: number) => `H${index + 1}`;

/**
 * The diagram `width` CSS pixels wide with labels `fontSize` px high: the tick labels' column, the
 * square (SQUARE_ASPECT of its width, at most SQUARE_MAX_EMS font sizes high), a line of column
 * labels, then each row under its own title line, so no label runs into another at any size.
 */
export function areaLayout(
  prior: readonly number[],
  likelihood: readonly number[],
  joint: readonly number[],
  posterior: readonly number[],
  width: number = AREA.width,
  fontSize: number = AREA.fontSize,
): AreaLayout {
  // "0.5" is about 1.6 font sizes wide; half a font size of room above the top tick's label.
  const left = Math.round(1.8 * fontSize + 4);
  const right = width - 4;
  const top = Math.round(fontSize / 2 + 2);
  const squareBottom = top + Math.round(Math.min((right - left) * SQUARE_ASPECT, SQUARE_MAX_EMS * fontSize));
  const line = Math.round(fontSize * 1.3);
  const columnLabelY = squareBottom + line;
  const evidenceLabelY = columnLabelY + line + 2;
  const evidenceY = evidenceLabelY + Math.round(fontSize * 0.35);
  const posteriorLabelY = evidenceY + ROW_HEIGHT + line;
  const posteriorY = posteriorLabelY + Math.round(fontSize * 0.35);
  const x = scaleLinear().domain([0, 1]).range([left, right]);
  const y = scaleLinear().domain([0, 1]).range([squareBottom, top]);
  const minLabelWidth = 1.5 * fontSize;
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
      showLabel: width >= minLabelWidth,
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
    width,
    height: posteriorY + ROW_HEIGHT + 2,
    columnLabelY,
    evidenceLabelY,
    posteriorLabelY,
    fractionAtX: (px) => Math.min(1, Math.max(0, x.invert(px))),
    fractionAtY: (py) => Math.min(1, Math.max(0, y.invert(py))),
    xOfFraction: (fraction) => x(fraction),
    yOfFraction: (fraction) => y(fraction),
    columns,
    borders,
    ticks: [0, 0.5, 1].map((tick) => ({ y: y(tick), label: formatNumber(tick) })),
    left: x(0),
    right: x(1),
    top: y(1),
    squareBottom: y(0),
    evidenceY,
    posteriorY,
    rowHeight: ROW_HEIGHT,
    evidenceEnd: x(jointCumulative),
  };
}

/** Each row's title, and the short form drawn where the long one does not fit the diagram's width. */
export const ROW_TITLES = {
  evidence: ["P(E): pieces side by side", "P(E)"],
  posterior: ["P(Hᵢ | E): each one's share", "P(Hᵢ | E)"],
} as const;
