import { gaussian, type Gaussian } from "./gaussian";
import { klGaussian, logRatioDrawer, type GaussianKl } from "./kl-gaussian";
import { identity, lu, mahalanobisSquared, solveLower, subtract, transpose, type Matrix, type Vector } from "./linalg";
import { monteCarloMeans, type MonteCarloEstimate, type MonteCarloOptions } from "./monte-carlo";
import type { Random } from "./random";

/**
 * Every line of the derivation of D_KL(N(μ1, Σ1) ‖ N(μ2, Σ2)), evaluated on one example twice:
 * by the formula the line arrives at, and by sampling x ~ p (or evaluating directly) without that
 * formula, so that a reader can watch each line hold. The draws are those of the kl-gaussian
 * widget with the same n and seed, so the first line's estimate is the widget's `kl_mc`.
 */
export interface KlProofSteps {
  readonly dimension: number;
  readonly closedForm: GaussianKl;
  /** One draw x₀ ~ p at which the pointwise lines are evaluated. */
  readonly point: {
    readonly x: number[];
    /** The three terms of log p(x₀) in eq. (2): −(k/2) log 2π, −½ log|Σ1|, −½ (x₀−μ1)ᵀΣ1⁻¹(x₀−μ1). */
    readonly logDensityTerms: readonly [number, number, number];
    /** log p(x₀) from the density itself, with LU (not Cholesky) for the determinant and the solve. */
    readonly logDensityDirect: number;
    /** (x₀−μ1)ᵀΣ1⁻¹(x₀−μ1), a scalar… */
    readonly quadratic: number;
    /** …equal to tr((x₀−μ1)(x₀−μ1)ᵀ Σ1⁻¹), with the outer product formed and the trace summed. */
    readonly traceOfOuter: number;
  };
  /** Monte Carlo means over n draws of p. */
  readonly sampled: {
    /** log p(x) − log q(x): the definition. */
    readonly logRatio: MonteCarloEstimate;
    /** ½ (x−μ1)ᵀΣ1⁻¹(x−μ1), the first quadratic term. */
    readonly firstQuadratic: MonteCarloEstimate;
    /** ½ tr((x−μ1)(x−μ1)ᵀΣ1⁻¹), the same term in trace form, per draw. */
    readonly firstQuadraticTrace: MonteCarloEstimate;
    /** ½ (x−μ2)ᵀΣ2⁻¹(x−μ2), the second quadratic term. */
    readonly secondQuadratic: MonteCarloEstimate;
    /** ½ (x−μ1)ᵀΣ2⁻¹(x−μ1), its part around μ1. */
    readonly secondAroundMean: MonteCarloEstimate;
    /** (x−μ1)ᵀΣ2⁻¹(μ1−μ2), the cross term. */
    readonly crossTerm: MonteCarloEstimate;
  };
  /** ½ tr(Ŝ Σ1⁻¹) with Ŝ the average of (x−μ1)(x−μ1)ᵀ over the same draws: tr of the expectation. */
  readonly traceOfMeanOuter: number;
  /** Ŝ itself, which estimates Σ1. */
  readonly meanOuter: number[][];
  /** The formulas each line arrives at. */
  readonly exact: {
    readonly halfLogDeterminantRatio: number;
    /** E_p[½(x−μ1)ᵀΣ1⁻¹(x−μ1)] = ½ tr(I_k) = k/2. */
    readonly firstQuadratic: number;
    /** ½ tr(Σ2⁻¹Σ1). */
    readonly halfTrace: number;
    /** ½ (μ1−μ2)ᵀΣ2⁻¹(μ1−μ2). */
    readonly halfMeanTerm: number;
    /** ½ tr(Σ2⁻¹Σ1) + ½ (μ1−μ2)ᵀΣ2⁻¹(μ1−μ2). */
    readonly secondQuadratic: number;
  };
  /** The VAE section's misplaced bracket, ½[log(|Σ2|/|Σ1|) − k + tr(Σ2⁻¹Σ1)] + (μ1−μ2)ᵀΣ2⁻¹(μ1−μ2): wrong unless μ1 = μ2. */
  readonly misplacedBracket: number;
}

/** Σ⁻¹ by LU solves against the identity: an explicit inverse, here only to evaluate the trace form independently. */
function luInverse(a: Matrix): number[][] {
  const factorisation = lu(a);
  return transpose(identity(a.length).map((column) => factorisation.solve(column)));
}

function directLogDensity(x: Vector, normal: Gaussian): number {
  const factorisation = lu(normal.covariance);
  const d = subtract(x, normal.mean);
  const solved = factorisation.solve(d);
  const quadratic = d.reduce((sum, value, i) => sum + value * (solved[i] as number), 0);
  return -0.5 * (normal.dimension * Math.log(2 * Math.PI) + factorisation.logAbsDeterminant + quadratic);
}

/** Records the normals a drawer takes, so that the same draw can be reused for other quantities. */
function recording(random: Random, size: number): { random: Random; normals: Float64Array; reset(): void } {
  const normals = new Float64Array(size);
  let index = 0;
  return {
    normals,
    reset: () => void (index = 0),
    random: {
      uniform: () => random.uniform(),
      normal: () => {
        const value = random.normal();
        normals[index++ % size] = value;
        return value;
      },
    },
  };
}

export async function klProofSteps(
  mu1: Vector,
  cov1: Matrix,
  mu2: Vector,
  cov2: Matrix,
  n: number,
  random: Random,
  options?: MonteCarloOptions,
): Promise<KlProofSteps> {
  const p = gaussian(mu1, cov1);
  const q = gaussian(mu2, cov2);
  const k = p.dimension;
  const closedForm = klGaussian(p, q);
  const l1 = p.choleskyFactor;
  const l2 = q.choleskyFactor;
  const precision1 = luInverse(cov1);
  const meanGapSolved = solveLower(l2, subtract(mu1, mu2));
  // tr(u uᵀ Σ1⁻¹) with the outer product formed: the trace form, evaluated as written.
  const traceForm = (u: Vector) =>
    traceOfProduct(
      u.map((ui) => u.map((uj) => ui * uj)),
      precision1,
    );

  const recorder = recording(random, k);
  const logRatio = logRatioDrawer(p, q, recorder.random);
  const outerSum = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  let firstPoint: number[] | undefined;
  const draw = (out: Float64Array) => {
    recorder.reset();
    out[0] = logRatio();
    // u = x − μ1 = L1 z, from the very normals the log-ratio drawer used.
    const u = l1.map((row) => row.reduce((sum, value, j) => sum + value * (recorder.normals[j] as number), 0));
    firstPoint ??= u.map((value, i) => value + (mu1[i] as number));
    for (let i = 0; i < k; i++)
      for (let j = 0; j < k; j++) (outerSum[i] as number[])[j]! += (u[i] as number) * (u[j] as number);
    const aroundMu1 = solveLower(l2, u);
    const x = u.map((value, i) => value + (mu1[i] as number));
    out[1] = 0.5 * mahalanobisSquared(l1, u);
    out[2] = 0.5 * traceForm(u);
    out[3] = 0.5 * mahalanobisSquared(l2, subtract(x, mu2));
    out[4] = 0.5 * aroundMu1.reduce((sum, value) => sum + value * value, 0);
    out[5] = aroundMu1.reduce((sum, value, i) => sum + value * (meanGapSolved[i] as number), 0);
  };
  const [logRatioEstimate, firstQuadratic, firstQuadraticTrace, secondQuadratic, secondAroundMean, crossTerm] =
    await monteCarloMeans(draw, 6, n, options);

  const meanOuter = outerSum.map((row) => row.map((value) => value / n));
  const x0 = firstPoint as number[];
  const u0 = subtract(x0, mu1);
  const quadratic = mahalanobisSquared(l1, u0);
  const halfLogDeterminantRatio = 0.5 * closedForm.logDeterminantRatio;
  const halfTrace = 0.5 * closedForm.traceTerm;
  const halfMeanTerm = 0.5 * closedForm.meanTerm;
  return {
    dimension: k,
    closedForm,
    point: {
      x: x0,
      logDensityTerms: [-0.5 * k * Math.log(2 * Math.PI), -0.5 * p.logDeterminant, -0.5 * quadratic],
      logDensityDirect: directLogDensity(x0, p),
      quadratic,
      traceOfOuter: traceForm(u0),
    },
    sampled: {
      logRatio: logRatioEstimate as MonteCarloEstimate,
      firstQuadratic: firstQuadratic as MonteCarloEstimate,
      firstQuadraticTrace: firstQuadraticTrace as MonteCarloEstimate,
      secondQuadratic: secondQuadratic as MonteCarloEstimate,
      secondAroundMean: secondAroundMean as MonteCarloEstimate,
      crossTerm: crossTerm as MonteCarloEstimate,
    },
    traceOfMeanOuter: 0.5 * traceOfProduct(meanOuter, precision1),
    meanOuter,
    exact: {
      halfLogDeterminantRatio,
      firstQuadratic: k / 2,
      halfTrace,
      halfMeanTerm,
      secondQuadratic: halfTrace + halfMeanTerm,
    },
    misplacedBracket: 0.5 * (closedForm.logDeterminantRatio - k + closedForm.traceTerm) + closedForm.meanTerm,
  };
}

/** tr(S W) = Σ_ij S_ij W_ji. */
function traceOfProduct(s: Matrix, w: Matrix): number {
  let sum = 0;
  for (let i = 0; i < s.length; i++)
    for (let j = 0; j < s.length; j++) sum += (s[i]?.[j] as number) * (w[j]?.[i] as number);
  return sum;
}
