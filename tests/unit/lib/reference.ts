import Decimal from "decimal.js";

/** 60 significant digits: the references below are exact to far more than a double can hold. */
export const D = Decimal.clone({ precision: 60, toExpNeg: -9e15, toExpPos: 9e15, minE: -9e15, maxE: 9e15 });
export type Exact = InstanceType<typeof D>;

/** The exact value of a double (subnormals included): m · 2^e with m an integer, as decimal.js holds it. */
export function exact(x: number): Exact {
  if (!Number.isFinite(x)) throw new RangeError(`exact: ${x} is not finite`);
  let mantissa = x;
  let exponent = 0;
  // Doubling is exact, and after at most 1074 doublings every finite double is an integer.
  while (!Number.isInteger(mantissa)) {
    mantissa *= 2;
    exponent -= 1;
  }
  return new D(mantissa).times(new D(2).pow(exponent));
}

/** |actual − expected| within `relative` of expected, or within the spacing of subnormal doubles. */
export function closeTo(actual: number, expected: Exact, relative = 1e-13): boolean {
  const error = exact(actual).minus(expected).abs();
  return error.lte(expected.abs().times(relative)) || error.lte(new D(Number.MIN_VALUE).times(4));
}

/** Doubles from the smallest subnormal to 1, uniform in their binary exponent (every scale equally). */
export function fromScale(mantissa: number, exponent: number): number {
  return Math.min(1, Math.max(Number.MIN_VALUE, mantissa * 2 ** exponent));
}
