import type { Gaussian } from "./gaussian";
import { bilinear, LinalgError, multiply, subtract, trace, type Matrix, type Vector } from "./linalg";
import { monteCarloMean, type MonteCarloEstimate, type MonteCarloOptions } from "./monte-carlo";
import type { Random } from "./random";

/**
 * The trace trick behind the Gaussian KL: for x ~ N(μ, Σ) and any k×k matrix A,
 * E[(x − m)ᵀ A (x − m)] = tr(AΣ) + (μ − m)ᵀ A (μ − m), because a scalar is its own trace,
 * tr(uᵀAu) = tr(A u uᵀ), and expectation passes through the (linear) trace.
 */
export interface QuadraticFormExpectation {
  readonly value: number;
  /** tr(AΣ) = E[(x − μ)ᵀ A (x − μ)]. */
  readonly traceTerm: number;
  /** (μ − m)ᵀ A (μ − m). */
  readonly shiftTerm: number;
}

function checkSizes(x: Gaussian, a: Matrix, m: Vector): void {
  const k = x.dimension;
  if (a.length !== k || a.some((row) => row.length !== k))
    throw new LinalgError(`A must be ${k}×${k} for x of dimension ${k}`);
  if (m.length !== k) throw new LinalgError(`the centre m must have ${k} entries`);
}

export function quadraticFormExpectation(x: Gaussian, a: Matrix, m: Vector): QuadraticFormExpectation {
  checkSizes(x, a, m);
  const traceTerm = trace(multiply(a, x.covariance));
  const offset = subtract(x.mean, m);
  const shiftTerm = bilinear(offset, a, offset);
  return { value: traceTerm + shiftTerm, traceTerm, shiftTerm };
}

/** uᵀ A v for a k×k matrix A stored row-major in a flat array. */
function flatBilinear(u: Float64Array, a: Float64Array, v: Float64Array): number {
  const k = u.length;
  let sum = 0;
  for (let i = 0; i < k; i++) {
    let row = 0;
    for (let j = 0; j < k; j++) row += (a[i * k + j] as number) * (v[j] as number);
    sum += (u[i] as number) * row;
  }
  return sum;
}

/** Draws (x − m)ᵀ A (x − m) for x ~ N(μ, Σ). */
export function quadraticFormDrawer(x: Gaussian, a: Matrix, m: Vector, random: Random): () => number {
  checkSizes(x, a, m);
  const flatA = Float64Array.from(a.flat());
  const draw = new Float64Array(x.dimension);
  return () => {
    x.sampleInto(random, draw);
    for (let i = 0; i < draw.length; i++) draw[i] = (draw[i] as number) - (m[i] as number);
    return flatBilinear(draw, flatA, draw);
  };
}

/**
 * Draws the cross term (x − μ)ᵀ A (μ − m) of the expansion around μ; its expectation is
 * (E[x] − μ)ᵀ A (μ − m) = 0, which is why it drops out of the KL derivation.
 */
export function crossTermDrawer(x: Gaussian, a: Matrix, m: Vector, random: Random): () => number {
  checkSizes(x, a, m);
  const flatA = Float64Array.from(a.flat());
  const offset = Float64Array.from(subtract(x.mean, m));
  const draw = new Float64Array(x.dimension);
  return () => {
    x.sampleInto(random, draw);
    for (let i = 0; i < draw.length; i++) draw[i] = (draw[i] as number) - (x.mean[i] as number);
    return flatBilinear(draw, flatA, offset);
  };
}

export function quadraticFormMonteCarlo(
  x: Gaussian,
  a: Matrix,
  m: Vector,
  n: number,
  random: Random,
  options?: MonteCarloOptions,
): Promise<MonteCarloEstimate> {
  return monteCarloMean(quadraticFormDrawer(x, a, m, random), n, options);
}

export function crossTermMonteCarlo(
  x: Gaussian,
  a: Matrix,
  m: Vector,
  n: number,
  random: Random,
  options?: MonteCarloOptions,
): Promise<MonteCarloEstimate> {
  return monteCarloMean(crossTermDrawer(x, a, m, random), n, options);
}

/** A k×k matrix of independent standard normal entries. */
export function randomMatrix(k: number, random: Random): number[][] {
  return Array.from({ length: k }, () => Array.from({ length: k }, () => random.normal()));
}

export interface TraceIdentities {
  readonly a: Matrix;
  readonly b: Matrix;
  readonly c: Matrix;
  readonly ab: number;
  readonly ba: number;
  readonly abc: number;
  /** Cyclic shifts of ABC: equal to it. */
  readonly bca: number;
  readonly cab: number;
  /** A non-cyclic order: in general different. */
  readonly acb: number;
}

/** tr of products of three random k×k matrices, in cyclic and non-cyclic orders. */
export function traceIdentities(k: number, random: Random): TraceIdentities {
  const a = randomMatrix(k, random);
  const b = randomMatrix(k, random);
  const c = randomMatrix(k, random);
  const tr = (...factors: Matrix[]) => trace(factors.reduce((product, factor) => multiply(product, factor)));
  return {
    a,
    b,
    c,
    ab: tr(a, b),
    ba: tr(b, a),
    abc: tr(a, b, c),
    bca: tr(b, c, a),
    cab: tr(c, a, b),
    acb: tr(a, c, b),
  };
}
