/**
 * One Adam update (Kingma & Ba, 2015, Algorithm 1) of a block of weights, in place, in one pass:
 * m ← β₁m + (1 − β₁)g, v ← β₂v + (1 − β₂)g², w ← w − α·m / (√v + ε), with the bias corrections
 * already folded into α and ε by the caller (Kingma & Ba, 2015, §2, the paragraph after Algorithm 1).
 * One loop over the four arrays instead of a dozen elementwise kernels, each a pass over memory.
 */
export interface AdamStep {
  /** α, the corrected step size of this update. */
  readonly stepSize: number;
  readonly beta1: number;
  readonly beta2: number;
  /** ε, corrected as α is. */
  readonly epsilon: number;
}

/**
 * Applies `step` to `weights` from `grads`, writing the new weights to `out` (by default over
 * `weights`) and updating the moment estimates `first` (m) and `second` (v) in place; all have the
 * same length. Errors: RangeError if the lengths differ.
 */
export function adamStepInPlace(
  weights: Float32Array,
  grads: Float32Array,
  first: Float32Array,
  second: Float32Array,
  { stepSize, beta1, beta2, epsilon }: AdamStep,
  out: Float32Array = weights,
): void {
  const n = weights.length;
  if (grads.length !== n || first.length !== n || second.length !== n || out.length !== n)
    throw new RangeError(
      `Adam needs arrays of one length: weights ${n}, gradients ${grads.length}, moments ${first.length} and ${second.length}.`,
    );
  const keep1 = 1 - beta1;
  const keep2 = 1 - beta2;
  for (let i = 0; i < n; i++) {
    const g = grads[i]!;
    const m = beta1 * first[i]! + keep1 * g;
    const v = beta2 * second[i]! + keep2 * g * g;
    first[i] = m;
    second[i] = v;
    out[i] = weights[i]! - (stepSize * m) / (Math.sqrt(v) + epsilon);
  }
}
