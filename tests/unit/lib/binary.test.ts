import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { binaryParts, scaleByPowerOfTwo } from "../../../src/lib/binary";
import { anyScale, closeTo, D, exact } from "./reference";

describe("binaryParts and scaleByPowerOfTwo", () => {
  it("split every positive double exactly into m · 2^e with m in [1, 2)", () => {
    fc.assert(
      fc.property(anyScale, (x) => {
        const [m, e] = binaryParts(x);
        expect(m).toBeGreaterThanOrEqual(1);
        expect(m).toBeLessThan(2);
        // Equal to 1e-50: decimal.js holds 60 digits, a double 17, so any rounding would show.
        expect(closeTo(x, exact(m).times(new D(2).pow(e)), 1e-50), `${x}`).toBe(true);
      }),
    );
    expect(binaryParts(Number.MIN_VALUE)).toEqual([1, -1074]);
    expect(binaryParts(Number.MAX_VALUE)[1]).toBe(1023);
    expect(() => binaryParts(0)).toThrow(RangeError);
  });

  it("scale by any power of two with one rounding, across the whole range", () => {
    fc.assert(
      fc.property(fc.double({ min: 1, max: 4, noNaN: true }), fc.integer({ min: -2200, max: 1020 }), (x, n) => {
        const expected = exact(x).times(new D(2).pow(n));
        expect(closeTo(scaleByPowerOfTwo(x, n), expected, 2 ** -52), `${x} · 2^${n}`).toBe(true);
      }),
    );
    expect(scaleByPowerOfTwo(1, -1074)).toBe(Number.MIN_VALUE);
    expect(scaleByPowerOfTwo(1.5, -1074)).toBe(2 * Number.MIN_VALUE);
  });
});
