import { describe, expect, it } from "vitest";
import { judge, readAnswer } from "../../../src/components/exercise-check";

describe("readAnswer", () => {
  it("reads decimals, fractions, percentages and scientific notation", () => {
    expect(readAnswer("0.25")).toBe(0.25);
    expect(readAnswer(" .5 ")).toBe(0.5);
    expect(readAnswer("1/3")).toBeCloseTo(1 / 3, 15);
    expect(readAnswer("9.2 %")).toBeCloseTo(0.092, 15);
    expect(readAnswer("1e-3")).toBe(0.001);
    expect(readAnswer("−2")).toBe(-2);
    expect(readAnswer("29,167")).toBe(29167);
    expect(readAnswer("0,333")).toBe(0.333);
    expect(readAnswer("2,5")).toBe(2.5);
  });

  it("refuses what is not a number", () => {
    for (const text of ["", "abc", "1/0", "1/2/3", "0x10", "NaN", "Infinity", "%", "3.5.1"]) {
      expect(readAnswer(text), text).toBeUndefined();
    }
  });
});

describe("judge", () => {
  it("accepts answers within the tolerance and rejects the rest", () => {
    expect(judge("0.333", 1 / 3, 0.001)).toBe("right");
    expect(judge("1/3", 1 / 3, 0)).toBe("right");
    expect(judge("0.33", 1 / 3, 0.001)).toBe("wrong");
    expect(judge("9.17%", 0.0917, 0.002)).toBe("right");
    expect(judge("one third", 1 / 3, 0.001)).toBe("unreadable");
  });
});
