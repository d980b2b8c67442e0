/**
 * Learning-rate schedules: the step size an optimiser uses at its t-th update (t = 1, 2, …).
 *
 * Two kinds. An "anytime" schedule reads the update count alone and must be good wherever it is
 * stopped: a linear warm-up followed by an inverse-square-root decay (Vaswani et al., 2017, §5.3) is
 * one, with a large step early, when the loss falls fast, and ever smaller steps later, which lower
 * the noise of the iterate where it settles. A budget schedule also reads how much of a known budget
 * (here seconds of training) is spent, and decays to near zero at its end (`budgetSchedule`).
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

/** The parameters of `budgetSchedule`, as plain data. */
export interface BudgetSchedule {
  /** The step size a fresh model's budget warms up to. */
  readonly peak: number;
  /** Updates of linear warm-up at the start of every budget (Adam's moments settle first). */
  readonly warmup: number;
  /**
   * The last fraction of the budget, in (0, 1], over which the step size decays linearly; it holds
   * its level before (1: a decay from the start; less: "warm-up, stable, decay", Hu et al., 2024).
   */
  readonly cooldown: number;
  /** The step size at the budget's end, as a fraction of the level the budget started from, in [0, 1). */
  readonly final: number;
  /**
   * A model already trained for s updates starts its budget at min(peak, anytimePeak · √(decayFrom / s)):
   * the level the anytime schedule `warmupInverseSqrt(anytimePeak, ·, decayFrom)` has come down to by
   * then, so going on does not shake it.
   */
  readonly anytimePeak: number;
  readonly decayFrom: number;
  /**
   * The fraction of that level a budget starts from when the model's last budget was one of these, in
   * (0, 1]: that budget ended at a step size near zero, which a return to the full level would undo.
   */
  readonly cooledLevel: number;
}

/** Where a run stands in its budget, as `budgetSchedule` reads it. */
export interface BudgetPosition {
  /** Updates taken in this budget, the one whose step size is asked included (≥ 1). */
  readonly step: number;
  /** The fraction of the budget's training time spent before this update (clamped to [0, 1]). */
  readonly used: number;
  /** Updates the model had before this budget began: earlier budgets and any pretraining (≥ 0). */
  readonly stepsBefore: number;
  /**
   * True when the model's last budget was one of these (it decayed to its end), as the shipped
   * weights' was; false for fresh weights.
   */
  readonly cooled: boolean;
}

/**
 * A schedule for a run that knows its budget (here seconds of training time, not steps):
 * rate = level · min(1, step / warmup) · decay, where decay = 1 until the last `cooldown` of the
 * budget, then final + (1 − final) · (1 − used) / cooldown; level = peak for fresh weights,
 * min(peak, anytimePeak · √(decayFrom / stepsBefore)) for a trained model, and cooledLevel times
 * that when its last budget was one of these. At a known budget, decaying to (near) zero beats
 * anytime schedules (Defazio et al., 2023, "When, why and how much?"; Hägele et al., 2024), and time,
 * not a step count, measures how much of it is left. Errors: RangeError unless peak > 0,
 * anytimePeak > 0, warmup ≥ 1, decayFrom ≥ 1 (all finite), 0 < cooldown ≤ 1, 0 ≤ final < 1 and
 * 0 < cooledLevel ≤ 1; the schedule throws a RangeError for a position with step < 1,
 * stepsBefore < 0 or a value not finite.
 */
export function budgetSchedule(schedule: BudgetSchedule): (position: BudgetPosition) => number {
  const { peak, warmup, cooldown, final, anytimePeak, decayFrom, cooledLevel } = schedule;
  for (const rate of [peak, anytimePeak])
    if (!(rate > 0) || !Number.isFinite(rate))
      throw new RangeError(`A learning rate must be positive and finite, got ${rate}.`);
  if (!(warmup >= 1 && Number.isFinite(warmup) && decayFrom >= 1 && Number.isFinite(decayFrom)))
    throw new RangeError(`Need warmup ≥ 1 and decayFrom ≥ 1 (finite), got ${warmup} and ${decayFrom}.`);
  if (!(cooldown > 0 && cooldown <= 1))
    throw new RangeError(`The cooldown is a fraction of the budget, 0 < cooldown ≤ 1, got ${cooldown}.`);
  if (!(final >= 0 && final < 1))
    throw new RangeError(`The final rate is a fraction of the first, 0 ≤ final < 1, got ${final}.`);
  if (!(cooledLevel > 0 && cooledLevel <= 1))
    throw new RangeError(`The cooled level is a fraction of the level, 0 < cooledLevel ≤ 1, got ${cooledLevel}.`);
  return ({ step, used, stepsBefore, cooled }) => {
    const finite = [step, used, stepsBefore].every(Number.isFinite);
    if (!(finite && step >= 1 && stepsBefore >= 0))
      throw new RangeError(`Need step ≥ 1, stepsBefore ≥ 0, all finite, got ${step}, ${stepsBefore}, ${used}.`);
    const level = Math.min(peak, anytimePeak * Math.sqrt(decayFrom / stepsBefore)) * (cooled ? cooledLevel : 1);
    const left = Math.min(1, (1 - Math.min(1, Math.max(0, used))) / cooldown);
    return level * Math.min(1, step / warmup) * (final + (1 - final) * left);
  };
}
