/**
 * Why a digit from the data source cannot be used, or undefined when it can: it must have exactly
 * `pixels` entries, each a finite number in [0, 1], and some ink. Used by scripts/build-digits.mjs.
 */
export function digitProblem(values: readonly unknown[], pixels = 784): string | undefined {
  if (values.length !== pixels) return `has ${values.length} pixels, not ${pixels}`;
  let ink = false;
  for (let i = 0; i < pixels; i++) {
    const value = values[i];
    if (typeof value !== "number" || Number.isNaN(value)) return `pixel ${i} is not a number`;
    if (!Number.isFinite(value) || value < 0 || value > 1) return `pixel ${i} is ${value}, outside [0, 1]`;
    if (value > 0) ink = true;
  }
  return ink ? undefined : "is blank";
}
