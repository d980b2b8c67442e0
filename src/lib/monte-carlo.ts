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

/**
 * Estimates the means of several quantities drawn together: `draw(out)` writes one joint draw into
 * `out` (length `size`), so that every estimate comes from the same samples.
 */
export async function monteCarloMeans(
  draw: (out: Float64Array) => void,
  size: number,
  n: number,
  options: MonteCarloOptions = {},
): Promise<MonteCarloEstimate[]> {
  const { signal, yieldToPage = nextTask, sliceMs = 12 } = options;
  const marks = checkpoints(n);
  const paths: MonteCarloPoint[][] = Array.from({ length: size }, () => []);
  const values = new Float64Array(size);
  const means = new Float64Array(size);
  const sumSquares = new Float64Array(size);
  let nextMark = 0;
  let sliceStart = performance.now();
  for (let count = 1; count <= n; count++) {
    draw(values);
    for (let i = 0; i < size; i++) {
      const value = values[i] as number;
      const delta = value - (means[i] as number);
      const mean = (means[i] as number) + delta / count;
      means[i] = mean;
      sumSquares[i] = (sumSquares[i] as number) + delta * (value - mean);
    }
    if (count === marks[nextMark]) {
      paths.forEach((path, i) => path.push(point(count, means[i] as number, sumSquares[i] as number)));
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
  return paths.map((path, i) => ({ ...point(n, means[i] as number, sumSquares[i] as number), path }));
}

/** Estimates E[draw()] from n draws. */
export async function monteCarloMean(
  draw: () => number,
  n: number,
  options: MonteCarloOptions = {},
): Promise<MonteCarloEstimate> {
  const [estimate] = await monteCarloMeans((out) => (out[0] = draw()), 1, n, options);
  return estimate as MonteCarloEstimate;
}
