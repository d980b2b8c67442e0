/**
 * Learning-rate schedules: the step size an optimiser uses at its t-th update (t = 1, 2, …).
 *
 * A training budget here is wall-clock time, so the trainer never knows how many steps it will get:
 * the schedule must be good whenever it is stopped. A linear warm-up followed by an inverse-square-root
 * decay (Vaswani et al., 2017, §5.3) is such an "anytime" schedule: a large step early, when the loss
 * falls fast, and ever smaller steps later, which lowers the noise of the iterate where it settles.
 */
export type LearningRateSchedule = (step: number) => number;

/** A constant step size, whatever the step. Errors: RangeError unless rate > 0 and finite. */
export function constantRate(rate: number): LearningRateSchedule {
  if (!(rate > 0) || !Number.isFinite(rate))
    throw new RangeError(`A learning rate must be positive and finite, got ${rate}.`);
  return () => rate;
}

/** The parameters of `warmupInverseSqrt`, as plain data (e.g. recorded with pretrained weights). */
export interface WarmupInverseSqrt {
  /** The largest step size, reached after `warmup` updates. */
  readonly peak: number;
  readonly warmup: number;
  /** The update from which the step size decays as 1/√t. */
  readonly decayFrom: number;
}

/**
 * peak · min(t / warmup, √(decayFrom / t)) for t ≥ 1: linear warm-up to `peak` over `warmup` steps,
 * constant until step `decayFrom` (≥ warmup), then decaying as 1/√t (Vaswani et al., 2017, §5.3, with
 * the plateau between). Errors: RangeError unless peak > 0, 1 ≤ warmup ≤ decayFrom, all finite.
 */
export function warmupInverseSqrt(peak: number, warmup: number, decayFrom: number): LearningRateSchedule {
  if (!(peak > 0) || !Number.isFinite(peak))
    throw new RangeError(`A learning rate must be positive and finite, got ${peak}.`);
  if (!(warmup >= 1 && decayFrom >= warmup && Number.isFinite(decayFrom)))
    throw new RangeError(`Need 1 ≤ warmup ≤ decayFrom (finite), got warmup ${warmup}, decayFrom ${decayFrom}.`);
  return (step) => {
    const t = Math.max(1, step);
    return peak * Math.min(t / warmup, 1, Math.sqrt(decayFrom / t));
  };
}

/**
 * `schedule` continued from a model already trained for `stepsBefore` updates, with a fresh linear
 * warm-up over `warmup` updates: rate(t) = schedule(stepsBefore + t) · min(1, t / warmup). A restart at
 * the schedule's first rates would shake a converged model (its held-out ELBO fell 1–3 nats in the
 * first seconds), and the warm-up lets a new optimiser's moment estimates settle first (Adam's, which
 * start at zero). Errors: RangeError unless stepsBefore ≥ 0 and warmup ≥ 1, both finite.
 */
export function continuedSchedule(
  schedule: LearningRateSchedule,
  stepsBefore: number,
  warmup: number,
): LearningRateSchedule {
  if (!(stepsBefore >= 0 && Number.isFinite(stepsBefore) && warmup >= 1 && Number.isFinite(warmup)))
    throw new RangeError(`Need stepsBefore ≥ 0 and warmup ≥ 1 (finite), got ${stepsBefore} and ${warmup}.`);
  return (step) => {
    const t = Math.max(1, step);
    return schedule(stepsBefore + t) * Math.min(1, t / warmup);
  };
}
