/**
 * A Monte Carlo run taken one draw at a time, so the same loop body serves a plain loop (tests,
 * the server) and a time-sliced one that keeps the page responsive for a million draws.
 */
export interface Sampler<R> {
  /** Takes one more draw from the random source and adds it to the running estimates. */
  draw(): void;
  /** The estimates from the draws so far. */
  result(): R;
}

export interface SliceOptions {
  /** Aborting stops the run between slices with the signal's reason. */
  readonly signal?: AbortSignal;
  /** Milliseconds of work between hand-backs to the page. */
  readonly sliceMs?: number;
  /** Awaited between slices; the default hands control back to the event loop. */
  readonly yieldToPage?: () => Promise<void>;
  /** Draws between looks at the clock; fewer when one draw is costly. */
  readonly checkEvery?: number;
}

/** Takes n draws in one loop. */
export function drawAll<R>(sampler: Sampler<R>, n: number): R {
  for (let i = 0; i < n; i++) sampler.draw();
  return sampler.result();
}

const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** Takes n draws, handing control back to the page whenever a slice has run for sliceMs; same numbers as drawAll. */
export async function drawAllInSlices<R>(sampler: Sampler<R>, n: number, options: SliceOptions = {}): Promise<R> {
  const { signal, sliceMs = 12, yieldToPage = nextTask, checkEvery = 2048 } = options;
  let sliceStart = performance.now();
  for (let i = 1; i <= n; i++) {
    sampler.draw();
    if (i % checkEvery === 0 && performance.now() - sliceStart > sliceMs) {
      signal?.throwIfAborted();
      await yieldToPage();
      signal?.throwIfAborted();
      sliceStart = performance.now();
    }
  }
  signal?.throwIfAborted();
  return sampler.result();
}
