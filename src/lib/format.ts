/**
 * The rounded figure that people read next to the full-precision `data-value` (contract rule 3).
 * Infinity reads as ∞; a NaN is a bug upstream, so it reads as "not defined" rather than "NaN".
 */
export function formatNumber(value: number, significant = 4): string {
  if (Number.isNaN(value)) return "not defined";
  if (value === Infinity) return "∞";
  if (value === -Infinity) return "−∞";
  if (value === 0) return "0";
  const magnitude = Math.abs(value);
  const text =
    magnitude >= 1e6 || magnitude < 1e-4
      ? value.toExponential(significant - 1).replace(/\.?0+e/, "e")
      : Number(value.toPrecision(significant)).toString();
  return text.replace(/^-/, "−");
}

/** A figure put back into a text field: formatNumber's rounding, with the ASCII minus sign the parser reads. */
export function formatField(value: number, significant = 4): string {
  return formatNumber(value, significant).replace("−", "-");
}

/**
 * e^logValue as formatNumber writes it, also beyond the doubles' range, where the value itself
 * would read 0 (ln P = −921.03 gives "1e-400"); for probabilities known by their logarithm.
 */
export function formatFromLog(logValue: number, significant = 4): string {
  if (logValue === -Infinity) return "0";
  const value = Math.exp(logValue);
  if (value >= 1e-300 && Number.isFinite(value)) return formatNumber(value, significant);
  const log10 = logValue / Math.LN10;
  let exponent = Math.floor(log10);
  let mantissa = Number((10 ** (log10 - exponent)).toPrecision(significant));
  if (mantissa >= 10) {
    mantissa /= 10;
    exponent += 1;
  }
  return `${mantissa}e${exponent}`;
}

/**
 * A probability as a widget output's value (contract rule 3): the double where it holds the figure
 * (a normal double, or exactly 0), else its decimal text from the logarithm ("1e-400"), so a
 * probability below the doubles' range never reads 0.
 */
export const probabilityFigure = (value: number, logValue: number): number | string =>
  value >= 2 ** -1022 || logValue === -Infinity ? value : formatFromLog(logValue);
