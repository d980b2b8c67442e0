/** One backend's result in the speed probe: its time per round and what it computed, or why it has none. */
export interface BackendTrial {
  readonly name: string;
  /** Mean milliseconds per probe round, when the backend started and ran the probe. */
  readonly msPerStep?: number;
  /** A figure the probe computed (the same work on every backend): a backend that gets it wrong must not win. */
  readonly checksum?: number;
  /** Why the backend could not start or run the probe. */
  readonly error?: string;
}

/** Relative difference allowed between two backends' checksums: float32 sums in another order, or float16 textures. */
export const CHECKSUM_TOLERANCE = 1e-2;

const timed = (trial: BackendTrial): boolean =>
  trial.error === undefined && trial.msPerStep !== undefined && Number.isFinite(trial.msPerStep) && trial.msPerStep > 0;

/**
 * The trials whose checksum disagrees with the first timed trial's, the reference (the caller lists
 * the most trusted backend first): a software GPU that reads back zeros must not win the probe.
 * A missing or non-finite checksum disagrees.
 */
export function wrongResults(trials: readonly BackendTrial[], tolerance = CHECKSUM_TOLERANCE): BackendTrial[] {
  const reference = trials.find(timed)?.checksum;
  if (reference === undefined || !Number.isFinite(reference)) return [];
  return trials.filter(
    (trial) =>
      timed(trial) &&
      !(
        trial.checksum !== undefined &&
        Math.abs(trial.checksum - reference) <= tolerance * Math.max(Math.abs(reference), Number.MIN_VALUE)
      ),
  );
}

/**
 * The backend to train on, from probe results listed in order of preference: the fewest
 * milliseconds per round wins, but a backend listed earlier keeps its place unless a later one is
 * faster by more than `margin` (relative), since a short probe is noisy and the earlier ones are
 * the safer choice (WASM cannot lose a GPU context). Failed trials, timings that are not finite
 * and positive, and wrong results (`wrongResults`) never win; undefined when no trial is left.
 */
export function fastestBackend(trials: readonly BackendTrial[], margin = 0.1): string | undefined {
  const wrong = wrongResults(trials);
  let best: { name: string; ms: number } | undefined;
  for (const trial of trials) {
    if (!timed(trial) || wrong.includes(trial)) continue;
    const ms = trial.msPerStep!;
    if (!best || ms < best.ms * (1 - margin)) best = { name: trial.name, ms };
  }
  return best?.name;
}
