/**
 * The Monte Carlo mean of a scalar drawn n times, with its standard error, computed in time slices
 * so that a million draws never freeze the page: between slices it awaits `yieldToPage`.
 * Mean and variance use Welford's update, which stays accurate when the mean dwarfs the spread.
 */
export interface MonteCarloPoint {
  readonly n: number;
  readonly mean: number;
  /** Sample standard deviation / √n; Infinity for a single draw, which says nothing about spread. */
  readonly standardError: number;
}

export interface MonteCarloEstimate extends MonteCarloPoint {
  /** The running estimate at 1, 2, 5, 10, 20, 50, … draws and at n: how it converges. */
  readonly path: readonly MonteCarloPoint[];
}

export interface MonteCarloOptions {
  /** Aborting stops the run between slices with the signal's reason. */
  readonly signal?: AbortSignal;
  /** Awaited between slices; the default hands control back to the event loop. */
  readonly yieldToPage?: () => Promise<void>;
  /** Milliseconds of work between yields. */
  readonly sliceMs?: number;
}

const CHECK_EVERY = 4096;

const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** 1, 2, 5, 10, 20, 50, … up to and including n. */
export function checkpoints(n: number): number[] {
  const points: number[] = [];
  for (let decade = 1; decade <= n; decade *= 10) {
    for (const step of [1, 2, 5]) if (step * decade < n) points.push(step * decade);
  }
  points.push(n);
  return points;
}

function point(n: number, mean: number, sumSquares: number): MonteCarloPoint {
  return { n, mean, standardError: n > 1 ? Math.sqrt(sumSquares / (n - 1) / n) : Infinity };
}

/** Estimates E[draw()] from n draws. */
export async function monteCarloMean(draw: () => number, n: number, options: MonteCarloOptions = {}): Promise<MonteCarloEstimate> {
  const { signal, yieldToPage = nextTask, sliceMs = 12 } = options;
  const marks = checkpoints(n);
  const path: MonteCarloPoint[] = [];
  let nextMark = 0;
  let mean = 0;
  let sumSquares = 0;
  let sliceStart = performance.now();
  for (let count = 1; count <= n; count++) {
    const value = draw();
    const delta = value - mean;
    mean += delta / count;
    sumSquares += delta * (value - mean);
    if (count === marks[nextMark]) {
      path.push(point(count, mean, sumSquares));
      nextMark++;
    }
    if (count % CHECK_EVERY === 0 && performance.now() - sliceStart > sliceMs) {
      signal?.throwIfAborted();
      await yieldToPage();
      signal?.throwIfAborted();
      sliceStart = performance.now();
    }
  }
  signal?.throwIfAborted();
  return { ...point(n, mean, sumSquares), path };
}
