import { scaleLinear } from "d3-scale";
import { line } from "d3-shape";
import type { ElboTerms, Normal1D } from "../../lib/elbo";
import { formatNumber } from "../../lib/format";
import type { MeanEstimate } from "../../lib/running-mean";

/**
 * Geometry of the elbo widget's two figures with no DOM: the shell renders it as static SVG on the
 * server, the element redraws the same geometry with D3 (draw.ts), so the fallback is the figure.
 */
export const DEFAULT_WIDTH = 640;

/** Row labels need room; on a phone the bars get less of it rather than the text getting smaller. */
const labelColumn = (width: number): number => (width < 480 ? 112 : 150);

export interface Tick {
  readonly x: number;
  readonly label: string;
}

export interface Curve {
  readonly key: "prior" | "posterior" | "q";
  readonly label: string;
  readonly path: string;
  /** Where the curve's label sits: above its peak. */
  readonly labelX: number;
  readonly labelY: number;
}

export interface DensityLayout {
  readonly width: number;
  readonly height: number;
  readonly curves: readonly Curve[];
  readonly ticks: readonly Tick[];
  readonly axisY: number;
  readonly left: number;
  readonly right: number;
}

const DENSITY_MARGIN = { top: 22, right: 12, bottom: 28, left: 12 };
const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

function density(z: number, normal: Normal1D): number {
  const t = (z - normal.mean) / normal.sd;
  return Math.exp(-HALF_LOG_TWO_PI - Math.log(normal.sd) - 0.5 * t * t);
}

/** Grid points on the shared axis plus dense points around each curve, so a narrow q is never missed. */
function gridFor(normal: Normal1D, lo: number, hi: number, shared: readonly number[]): number[] {
  const own = Array.from({ length: 161 }, (_, i) => normal.mean + normal.sd * (-5 + (10 * i) / 160));
  return [...shared, ...own].filter((z) => z >= lo && z <= hi).sort((a, b) => a - b);
}

/** Lifts a label that would overprint an earlier one (e.g. when q is the prior, both peaks coincide). */
function separateLabels(curves: Curve[]): Curve[] {
  const placed: Curve[] = [];
  for (const curve of curves) {
    let labelY = curve.labelY;
    while (
      placed.some((other) => Math.abs(other.labelX - curve.labelX) < 110 && Math.abs(other.labelY - labelY) < 15)
    ) {
      labelY -= 16;
    }
    placed.push({ ...curve, labelY });
  }
  return placed;
}

export function densityLayout(prior: Normal1D, posterior: Normal1D, q: Normal1D, width = DEFAULT_WIDTH): DensityLayout {
  const height = 230;
  const all = [prior, posterior, q];
  const lo = Math.min(...all.map((d) => d.mean - 4 * d.sd));
  const hi = Math.max(...all.map((d) => d.mean + 4 * d.sd));
  const peak = Math.max(...all.map((d) => density(d.mean, d)));
  const x = scaleLinear()
    .domain([lo, hi])
    .range([DENSITY_MARGIN.left, width - DENSITY_MARGIN.right]);
  const y = scaleLinear()
    .domain([0, peak * 1.05])
    .range([height - DENSITY_MARGIN.bottom, DENSITY_MARGIN.top]);
  const shared = x.ticks(60);
  const path = line<[number, number]>();
  const curve = (key: Curve["key"], label: string, normal: Normal1D): Curve => {
    const points = gridFor(normal, lo, hi, shared).map((z): [number, number] => [x(z), y(density(z, normal))]);
    return {
      key,
      label,
      path: path(points) ?? "",
      labelX: x(normal.mean),
      labelY: y(density(normal.mean, normal)) - 6,
    };
  };
  return {
    width,
    height,
    // The dashed prior is drawn last, so it stays visible when q lies on it.
    curves: separateLabels([
      curve("posterior", "posterior p(z | x)", posterior),
      curve("q", "q(z | x)", q),
      curve("prior", "prior p(z)", prior),
    ]),
    ticks: x.ticks(width < 480 ? 5 : 8).map((value) => ({ x: x(value), label: formatNumber(value, 3) })),
    axisY: height - DENSITY_MARGIN.bottom,
    left: DENSITY_MARGIN.left,
    right: width - DENSITY_MARGIN.right,
  };
}

export interface Segment {
  readonly key: string;
  readonly x: number;
  readonly width: number;
  readonly y: number;
  readonly height: number;
}

export interface IdentityLayout {
  readonly width: number;
  readonly height: number;
  readonly rowY: readonly number[];
  readonly rowHeight: number;
  readonly rowLabels: readonly string[];
  readonly segments: readonly Segment[];
  /** x of log p(x), drawn through every row. */
  readonly evidenceX: number;
  readonly zeroX: number;
  /** The Monte Carlo ELBO and IWAE_K, each a dot with a ±2 standard-error whisker (none for one sample). */
  readonly estimates: readonly Estimate[];
  readonly ticks: readonly Tick[];
  readonly axisY: number;
}

export interface Estimate {
  readonly key: "mc" | "iwae";
  readonly x: number;
  readonly lo: number;
  readonly hi: number;
  /** Vertical centre of the estimate's row. */
  readonly y: number;
}

const BAR_MARGIN = { top: 8, right: 16, bottom: 28 };

/** The identity bars' row labels (`k`: IWAE's K), and the short forms a narrow plot uses. */
export function identityRowLabels(k: number, form: "long" | "short"): string[] {
  return form === "long"
    ? ["log p(x)", "ELBO + KL gap", "recon − KL to prior", "Monte Carlo ELBO", `IWAE, K = ${k}`]
    : ["log p(x)", "ELBO + gap", "recon − KL", "MC ELBO", `IWAE K=${k}`];
}
/** The short forms' share of the long forms' width (the widest: 10 of 19 characters), with room to spare. */
const SHORT_SHARE = 0.6;
const ROW_HEIGHT = 26;
const ROW_GAP = 10;

/** Where a bar sits vertically: a whole row, or its upper or lower half (a sum drawn as two tracks). */
type Track = "full" | "upper" | "lower";

function trackY(rowTop: number, track: Track): { y: number; height: number } {
  if (track === "full") return { y: rowTop, height: ROW_HEIGHT };
  const half = ROW_HEIGHT / 2;
  return { y: track === "upper" ? rowTop : rowTop + half, height: half };
}

const whisker = (estimate: MeanEstimate): number =>
  Number.isFinite(estimate.standardError) ? 2 * estimate.standardError : 0;

/**
 * Rows on one number line (nats): log p(x); the ELBO with the gap stacked on it, ending at
 * log p(x); recon with the KL to the prior taken off it, ending at the ELBO; the Monte Carlo ELBO;
 * and the Monte Carlo IWAE_K, which climbs from the ELBO towards log p(x) as K grows.
 * `labelWidth`: the widest long row label as drawn, in SVG units (0 when unknown): the bars start past
 * the labels, in their short forms where the long ones would take more than a third of the width.
 */
export function identityLayout(
  terms: ElboTerms,
  mc: MeanEstimate,
  iwae: { readonly k: number; readonly estimate: MeanEstimate },
  width = DEFAULT_WIDTH,
  labelWidth = 0,
): IdentityLayout {
  // Short labels where the long ones would take more than a third of the width (a projector's column).
  const short = labelWidth + 12 > width / 3;
  const rowLabels = identityRowLabels(iwae.k, short ? "short" : "long");
  const labelRoom = Math.ceil(labelWidth * (short ? SHORT_SHARE : 1));
  const height = BAR_MARGIN.top + rowLabels.length * (ROW_HEIGHT + ROW_GAP) + BAR_MARGIN.bottom;
  const dots = [
    { key: "mc" as const, row: 3, estimate: mc },
    { key: "iwae" as const, row: 4, estimate: iwae.estimate },
  ];
  const values = [
    0,
    terms.logPx,
    terms.elbo,
    terms.recon,
    ...dots.flatMap(({ estimate }) => [estimate.mean - whisker(estimate), estimate.mean + whisker(estimate)]),
  ];
  const x = scaleLinear()
    .domain([Math.min(...values), Math.max(...values)])
    .nice()
    .range([
      // Past the widest label, but never leaving the bars less than a third of the width.
      Math.min(labelWidth > 0 ? labelRoom + 12 : labelColumn(width), (2 * width) / 3),
      width - BAR_MARGIN.right,
    ]);
  const rowY = rowLabels.map((_, row) => BAR_MARGIN.top + row * (ROW_HEIGHT + ROW_GAP));
  // A span from a to b on the axis, whichever way round.
  const span = (key: string, row: number, track: Track, a: number, b: number): Segment => {
    const [from, to] = [x(a), x(b)];
    return { key, x: Math.min(from, to), width: Math.abs(to - from), ...trackY(rowY[row] ?? 0, track) };
  };
  const segments = [
    span("evidence", 0, "full", 0, terms.logPx),
    span("elbo", 1, "upper", 0, terms.elbo),
    span("gap", 1, "lower", terms.elbo, terms.elbo + terms.klGap),
    span("recon", 2, "upper", 0, terms.recon),
    span("kl-prior", 2, "lower", terms.recon, terms.recon - terms.klPrior),
  ];
  return {
    width,
    height,
    rowY,
    rowHeight: ROW_HEIGHT,
    rowLabels,
    segments,
    evidenceX: x(terms.logPx),
    zeroX: x(0),
    estimates: dots.map(({ key, row, estimate }) => ({
      key,
      x: x(estimate.mean),
      lo: x(estimate.mean - whisker(estimate)),
      hi: x(estimate.mean + whisker(estimate)),
      y: (rowY[row] ?? 0) + ROW_HEIGHT / 2,
    })),
    ticks: x.ticks(width < 480 ? 4 : 6).map((value) => ({ x: x(value), label: formatNumber(value, 3) })),
    axisY: height - BAR_MARGIN.bottom,
  };
}
