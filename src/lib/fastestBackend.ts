/** One backend's result in the speed probe: its time per training step, or why it has none. */
export interface BackendTrial {
  readonly name: string;
  /** Mean milliseconds per probe step, when the backend started and ran the probe. */
  readonly msPerStep?: number;
  /** Why the backend could not start or run the probe. */
  readonly error?: string;
}

/**
 * The backend to train on, from probe results listed in order of preference: the fewest
 * milliseconds per step wins, but a backend listed earlier keeps its place unless a later one is
 * faster by more than `margin` (relative), since a short probe is noisy and the earlier ones are
 * the safer choice (WASM cannot lose a GPU context). Failed trials and timings that are not
 * finite and positive never win; undefined when no trial has a usable timing.
 */
export function fastestBackend(trials: readonly BackendTrial[], margin = 0.1): string | undefined {
  let best: { name: string; ms: number } | undefined;
  for (const trial of trials) {
    const ms = trial.msPerStep;
    if (trial.error !== undefined || ms === undefined || !Number.isFinite(ms) || ms <= 0) continue;
    if (!best || ms < best.ms * (1 - margin)) best = { name: trial.name, ms };
  }
  return best?.name;
}
