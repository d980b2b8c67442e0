/**
 * A weighted six-sided die: probabilities of events (sets of faces), conditioning on an event
 * (the sample-space reduction of the lecture notes' Q2), conditional expectation (Q3), and a
 * seeded simulation of rolls that meet the condition, for the law of large numbers.
 */
import { expectation, variance } from "./expectation";
import type { Random } from "./random";
import { normaliseWeights } from "./weights";

export const FACES = [1, 2, 3, 4, 5, 6] as const;

/** A set of faces, each an integer 1–6, listed once. */
export type Faces = readonly number[];

const contains = (faces: Faces, face: number): boolean => faces.includes(face);

/** The weights of the faces in a set, 0 for the others. */
const within = (weights: readonly number[], faces: Faces): number[] =>
  FACES.map((face, i) => (contains(faces, face) ? (weights[i] ?? 0) : 0));

/** P(A) = Σ_{x ∈ A} p(x), for probabilities indexed by face − 1. */
export function probabilityOf(probabilities: readonly number[], faces: Faces): number {
  return FACES.reduce((sum, face, i) => (contains(faces, face) ? sum + (probabilities[i] ?? 0) : sum), 0);
}

/**
 * p(x | B) = p(x) / P(B) for x in B and 0 outside: the reduced sample space, rescaled so it sums
 * to 1. Takes probabilities or weights of any scale (only their ratios within B count), so faces
 * with subnormal weights keep their digits. Undefined when P(B) = 0, where conditioning on B has no meaning.
 */
export function conditionalDistribution(weights: readonly number[], condition: Faces): number[] | undefined {
  return normaliseWeights(within(weights, condition))?.probabilities;
}

/** P(A | B) = P(A ∩ B) / P(B) = Σ_{x ∈ A} p(x | B); undefined when P(B) = 0. */
export function conditionalProbability(weights: readonly number[], event: Faces, condition: Faces): number | undefined {
  const given = conditionalDistribution(weights, condition);
  return given && probabilityOf(given, event);
}

/** E[X | B] = Σ_x x p(x | B); undefined when P(B) = 0. */
export function conditionalExpectation(probabilities: readonly number[], condition: Faces): number | undefined {
  const given = conditionalDistribution(probabilities, condition);
  return given && expectation(given, [...FACES]);
}

export interface DiceAnalysis {
  /** P(B), as a double (0 or subnormal when below the doubles' range: see logPCondition) */
  readonly pCondition: number;
  /** ln P(B), finite whenever P(B) > 0 */
  readonly logPCondition: number;
  /** P(A ∩ B), as a double */
  readonly pJoint: number;
  /** ln P(A ∩ B), −∞ when A ∩ B is impossible */
  readonly logPJoint: number;
  /** P(A | B) */
  readonly pEvent: number;
  /** p(x | B) for x = 1…6 */
  readonly given: number[];
  /** E[X | B] */
  readonly expectation: number;
  /** Var[X | B] */
  readonly variance: number;
}

/**
 * Everything exact about event A and condition B, from probabilities or weights of any scale
 * (P(B) and P(A ∩ B) are of the normalised weights); undefined when P(B) = 0.
 */
export function analyseDice(weights: readonly number[], event: Faces, condition: Faces): DiceAnalysis | undefined {
  const given = conditionalDistribution(weights, condition);
  const all = normaliseWeights(weights);
  if (!given || !all) return undefined;
  const both = event.filter((face) => contains(condition, face));
  const pCondition = probabilityOf(all.probabilities, condition);
  const pJoint = probabilityOf(all.probabilities, both);
  // ln P(S) = ln Σ_{x ∈ S} w_x − ln Σ_x w_x stays finite where P(S) underflows.
  const logProbability = (faces: Faces) =>
    (normaliseWeights(within(weights, faces))?.logTotal ?? -Infinity) - all.logTotal;
  return {
    pCondition,
    logPCondition: logProbability(condition),
    pJoint,
    logPJoint: logProbability(both),
    // From p(x | B), not pJoint / pCondition: those lose digits when P(B) is subnormal.
    pEvent: probabilityOf(given, event),
    given,
    expectation: expectation(given, [...FACES]),
    variance: variance(given, [...FACES]),
  };
}

/** A Monte Carlo estimate with its standard error. */
export interface Estimate {
  readonly estimate: number;
  readonly standardError: number;
}

export interface TracePoint {
  /** Rolls so far that met the condition. */
  readonly rolls: number;
  readonly mean: number;
  readonly pEvent: number;
}

export interface DiceSimulation {
  /** Fraction of the rolls that landed in the event, estimating P(A | B). */
  readonly pEvent: Estimate;
  /** Mean of the rolls, estimating E[X | B]. */
  readonly mean: Estimate;
  /** How often each face came up, for x = 1…6. */
  readonly counts: number[];
  /** Running mean and fraction after 1, 2, … rolls, at about `tracePoints` geometrically spaced counts. */
  readonly trace: TracePoint[];
}

/** Roll counts 1 … n spaced evenly on a log scale (the running mean settles like 1/√k). */
export function traceCheckpoints(n: number, points: number): number[] {
  const checkpoints = new Set<number>();
  for (let j = 0; j <= points; j++) checkpoints.add(Math.min(n, Math.round(n ** (j / points))));
  checkpoints.add(n);
  return [...checkpoints].sort((a, b) => a - b);
}

/**
 * n rolls that meet condition B, drawn from p(x | B). Keeping only the rolls of the full die that
 * land in B gives exactly this distribution; drawing from it directly costs n uniforms however
 * rare B is. The standard errors are exact: σ/√n with σ² the variance under p(x | B) (for the
 * fraction, p(1 − p)/n), since the die's distribution is known.
 */
export function simulateConditionalRolls(
  probabilities: readonly number[],
  event: Faces,
  condition: Faces,
  n: number,
  random: Random,
  tracePoints = 200,
): DiceSimulation | undefined {
  const exact = analyseDice(probabilities, event, condition);
  if (!exact || !Number.isInteger(n) || n < 1) return undefined;
  const cumulative: number[] = [];
  let running = 0;
  for (const p of exact.given) cumulative.push((running += p));
  const lastPossible = exact.given.findLastIndex((p) => p > 0);
  const inEvent = FACES.map((face) => contains(event, face));
  const checkpoints = traceCheckpoints(n, tracePoints);

  const counts = [0, 0, 0, 0, 0, 0];
  const trace: TracePoint[] = [];
  let sum = 0;
  let hits = 0;
  let next = 0;
  for (let k = 1; k <= n; k++) {
    const u = random.uniform();
    let index = cumulative.findIndex((c) => u < c);
    // Rounding can leave the last cumulative value a hair below 1.
    if (index === -1 || index > lastPossible) index = lastPossible;
    counts[index] = (counts[index] ?? 0) + 1;
    sum += index + 1;
    if (inEvent[index]) hits++;
    if (k === checkpoints[next]) {
      trace.push({ rolls: k, mean: sum / k, pEvent: hits / k });
      next++;
    }
  }
  return {
    pEvent: { estimate: hits / n, standardError: Math.sqrt((exact.pEvent * (1 - exact.pEvent)) / n) },
    mean: { estimate: sum / n, standardError: Math.sqrt(exact.variance / n) },
    counts,
    trace,
  };
}
