/**
 * A streaming mean with its standard error (Welford's algorithm, Knuth TAOCP vol. 2, §4.2.2):
 * one pass, no array of samples, and no catastrophic cancellation when the samples share a large
 * constant (an ELBO integrand near log p(x) = −1000 still gives an accurate spread).
 */
export interface MeanEstimate {
  /** The sample mean. */
  readonly mean: number;
  /** The unbiased sample variance of one sample (denominator n − 1). */
  readonly variance: number;
  /** The standard error of the mean, √(variance / n); Infinity for one sample, whose spread is unknown. */
  readonly standardError: number;
  readonly count: number;
}

export class RunningMean {
  private count = 0;
  private mean = 0;
  private sumOfSquares = 0;

  add(value: number): void {
    this.count += 1;
    const delta = value - this.mean;
    this.mean += delta / this.count;
    this.sumOfSquares += delta * (value - this.mean);
  }

  estimate(): MeanEstimate {
    if (this.count === 0) throw new RangeError("A mean needs at least one sample.");
    const variance = this.count > 1 ? this.sumOfSquares / (this.count - 1) : Infinity;
    return {
      mean: this.mean,
      variance,
      standardError: this.count > 1 ? Math.sqrt(variance / this.count) : Infinity,
      count: this.count,
    };
  }
}
