import { describe, expect, it } from "vitest";
import { digitProblem } from "../../../src/lib/digitProblem";

const digit = (change?: (values: unknown[]) => void): unknown[] => {
  const values: unknown[] = new Array(784).fill(0);
  values[300] = 0.8;
  change?.(values);
  return values;
};

describe("digitProblem", () => {
  it("accepts a well-formed digit", () => expect(digitProblem(digit())).toBeUndefined());
  it("names a wrong length", () => expect(digitProblem(digit((v) => v.pop()))).toMatch(/783 pixels, not 784/));
  it("names NaN and non-numbers", () => {
    expect(digitProblem(digit((v) => (v[5] = NaN)))).toMatch(/pixel 5 is not a number/);
    expect(digitProblem(digit((v) => (v[6] = "0.3")))).toMatch(/pixel 6 is not a number/);
  });
  it("names out-of-range and infinite values", () => {
    expect(digitProblem(digit((v) => (v[7] = 1.5)))).toMatch(/pixel 7 is 1.5, outside \[0, 1\]/);
    expect(digitProblem(digit((v) => (v[8] = -Infinity)))).toMatch(/outside/);
  });
  it("names a blank digit", () => {
    expect(digitProblem(digit((v) => (v[300] = 0)))).toBe("is blank");
  });
});
