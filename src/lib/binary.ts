/**
 * A double's binary parts, for sums and products that must not overflow or underflow on the way:
 * x = m · 2^e with m in [1, 2) (C's frexp, scaled to [1, 2) as in IEEE 754's logb).
 */

/** [m, e] with x = m · 2^e and 1 ≤ m < 2, exact for every positive finite double (subnormals too); throws otherwise. */
export function binaryParts(x: number): [number, number] {
  if (!(x > 0 && Number.isFinite(x))) throw new RangeError(`binaryParts: ${x} is not positive and finite`);
  // A subnormal times 2^100 is normal, exactly; log2 then needs no care near the bottom of the range.
  const lift = x < 2 ** -1000 ? 100 : 0;
  const y = x * 2 ** lift;
  let e = Math.floor(Math.log2(y));
  let m = y * 2 ** -e;
  // log2 may round across a power of two: one step either way puts m back in [1, 2).
  if (m >= 2) {
    m /= 2;
    e += 1;
  } else if (m < 1) {
    m *= 2;
    e -= 1;
  }
  return [m, e - lift];
}

/**
 * x · 2^n for any integer n, rounded once (C's ldexp): 2^n alone over- or underflows beyond
 * |n| ≈ 1023, so the power is applied in steps that stay in range until the last.
 */
export function scaleByPowerOfTwo(x: number, n: number): number {
  let value = x;
  let rest = n;
  while (rest > 1000) {
    value *= 2 ** 1000;
    rest -= 1000;
  }
  while (rest < -1000) {
    value *= 2 ** -1000;
    rest += 1000;
  }
  return value * 2 ** rest;
}

/**
 * ln(m · 2^e), accurate to a few units in the last place: directly where m · 2^e is a normal
 * double (ln m + e ln 2 would cancel near 1), from the parts where it would under- or overflow.
 */
export function logOfParts(m: number, e: number): number {
  const value = scaleByPowerOfTwo(m, e);
  return value >= 2 ** -1022 && Number.isFinite(value) ? Math.log(value) : Math.log(m) + e * Math.LN2;
}
