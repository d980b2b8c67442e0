/**
 * D_KL(P‖Q) = Σ_x P(x) log(P(x)/Q(x)) for distributions over the same finite set of outcomes,
 * with the conventions 0·log(0/q) = 0 and p·log(p/0) = ∞ for p > 0 (Cover & Thomas, §2.3).
 */
export type Unit = "nats" | "bits";

/** How many units one nat is: 1 for nats, 1/ln 2 for bits. */
export function unitFactor(unit: Unit): number {
  return unit === "bits" ? 1 / Math.LN2 : 1;
}

/** x − log(1 + x), accurate also for small x where the subtraction would cancel; for |x| ≤ 1/2. */
function gapToLog1p(x: number): number {
  if (Math.abs(x) < 0.1) {
    // log(1 + x) = 2 atanh(u) with u = x/(2 + x), and x − 2u = x·u, so x − log(1 + x) =
    // x·u − 2(u³/3 + u⁵/5 + …) with nothing to cancel; |u| < 0.053 here, and nine terms leave < 1e-17.
    const u = x / (2 + x);
    const u2 = u * u;
    let series = 0;
    let power = u * u2;
    for (let odd = 3; odd <= 19; odd += 2) {
      series += power / odd;
      power *= u2;
    }
    return x * u - 2 * series;
  }
  // Beyond |x| = 0.1 the subtraction loses at most a factor 1/|x| ≤ 10 of precision.
  return x - Math.log1p(x);
}

export interface KlTerm {
  /** P(x) log(P(x)/Q(x)) in the chosen unit: what the notes write term by term; may be negative. */
  readonly contribution: number;
  /** P(x) log(P(x)/Q(x)) − P(x) + Q(x) ≥ 0: the same total, term by term non-negative. */
  readonly excess: number;
}

/** The term of outcome x for probabilities p = P(x), q = Q(x), in nats. */
export function klTerm(p: number, q: number): KlTerm {
  if (p === 0) return { contribution: 0, excess: q };
  if (q === 0) return { contribution: Infinity, excess: Infinity };
  const ratio = p / q;
  // Near p = q, log of the rounded ratio keeps only ~1e-16 / |log(p/q)| of relative accuracy: log1p
  // of (p − q)/q (p − q exact there, Sterbenz) does not. Far apart, the ratio can overflow or
  // underflow for extreme weights; the difference of logs cannot.
  const logRatio =
    q / 2 <= p && p <= 2 * q
      ? Math.log1p((p - q) / q)
      : ratio > 0 && Number.isFinite(ratio)
        ? Math.log(ratio)
        : Math.log(p) - Math.log(q);
  const contribution = p * logRatio;
  // Near p = q (q/p in [1/2, 2], where q − p is exact) p log(p/q) − p + q = p·(r − log(1 + r)) with
  // r = (q − p)/p avoids the cancellation; elsewhere the three terms cannot cancel much, and 1 + r
  // would round a q ≪ p away (p = 1, q = 1e-20 would give log 0).
  const r = (q - p) / p;
  const excess = Math.abs(r) <= 0.5 ? p * gapToLog1p(r) : contribution - p + q;
  return { contribution, excess };
}

export interface DiscreteKl {
  /** D_KL(P‖Q) in the chosen unit; Infinity where Q is 0 and P is not. */
  readonly value: number;
  /** The term of each outcome, in the chosen unit. */
  readonly terms: readonly KlTerm[];
}

/**
 * D_KL(P‖Q) for probability vectors p and q of the same length (weights: lib/weights.ts's normaliseWeights first).
 * The total adds the non-negative excess terms, so it is never negative through rounding.
 */
export function klDiscrete(p: readonly number[], q: readonly number[], unit: Unit = "nats"): DiscreteKl {
  if (p.length !== q.length) throw new RangeError(`P has ${p.length} outcomes but Q has ${q.length}`);
  const factor = unitFactor(unit);
  const terms = p.map((pi, i) => {
    const term = klTerm(pi, q[i] ?? 0);
    return { contribution: term.contribution * factor, excess: term.excess * factor };
  });
  const value = terms.reduce((sum, term) => sum + term.excess, 0);
  return { value, terms };
}
