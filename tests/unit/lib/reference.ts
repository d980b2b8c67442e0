import Decimal from "decimal.js";
import fc from "fast-check";

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
  // Above 2^53 a double's shortest decimal form is not its value (2^55 prints as …970): halve it first.
  while (Math.abs(mantissa) > 2 ** 53) {
    mantissa /= 2;
    exponent += 1;
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

/** Positive doubles across the whole range, subnormals to the largest, uniform in their binary exponent. */
export const anyScale = fc
  .tuple(fc.double({ min: 1, max: 2, maxExcluded: true, noNaN: true }), fc.integer({ min: -1074, max: 1023 }))
  .map(([mantissa, exponent]) => Math.max(Number.MIN_VALUE, Math.min(Number.MAX_VALUE, mantissa * 2 ** exponent)));

/** Weights as the widgets take them: each 0 (often) or any positive double, at least one positive. */
export const weightVector = (minLength: number, maxLength: number, scale = anyScale) =>
  fc
    .array(fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 3, arbitrary: scale }), {
      minLength,
      maxLength,
    })
    .filter((weights) => weights.some((w) => w > 0));
