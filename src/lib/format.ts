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
