import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  judge,
  printedAnswer,
  printedAnswerAccepted,
  readAnswer,
  readSeedFragment,
  seedFragment,
  slipFor,
} from "../../../src/components/exercise-check";

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

describe("the answer a worked solution prints", () => {
  it("has as many digits as the tolerance needs: 29167 ± 1 prints 29167, not 29170", () => {
    expect(printedAnswer(29166.666666666668, 1)).toBe("29167");
    expect(printedAnswer(1 / 3, 0.001)).toBe("0.3333");
    expect(printedAnswer(-0.000123456, 1e-9)).toBe("−0.000123456");
  });

  it("is accepted by the checker for any answer and tolerance", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e9, max: 1e9, noNaN: true }),
        fc.double({ min: 1e-12, max: 10, noNaN: true }),
        (answer, relative) => {
          const tolerance = Math.max(1e-12, relative * Math.abs(answer));
          expect(judge(printedAnswer(answer, tolerance), answer, tolerance)).toBe("right");
        },
      ),
      { seed: 17, numRuns: 500 },
    );
  });

  it("is accepted when every number in it is right, whatever expression stands beside it", () => {
    expect(printedAnswerAccepted("32/784 ≈ 0.041", 32 / 784, 0.001)).toBe(true);
    expect(printedAnswerAccepted("0.5 + 0.807 ≈ 1.307", 1.3068, 0.006)).toBe(true);
    expect(printedAnswerAccepted("652,824", 652824, 0.5)).toBe(true);
    expect(printedAnswerAccepted("29170", 29166.67, 1)).toBe(false);
    expect(printedAnswerAccepted("1/3 ≈ 0.33", 1 / 3, 0.001)).toBe(false);
    expect(printedAnswerAccepted("one third", 1 / 3, 0.001)).toBe(false);
  });
});

describe("slipFor", () => {
  const mistakes = [
    { value: 0.2266, slip: "Reversed." },
    { value: 0.2866, slip: "Bits." },
  ];
  it("names the slip a wrong answer lies within the tolerance of, the nearest when two are close", () => {
    expect(slipFor("0.227", mistakes, 0.0005)).toBe("Reversed.");
    expect(slipFor("0.2866", mistakes, 0.0005)).toBe("Bits.");
    expect(slipFor("0.2566", mistakes, 0.0005)).toBeUndefined();
    expect(slipFor("0.25", [...mistakes, { value: 0.2501, slip: "Near." }], 0.05)).toBe("Near.");
    expect(slipFor("abc", mistakes, 1)).toBeUndefined();
  });
});

describe("seed fragments", () => {
  it("round-trip an exercise's anchor and seed, and leave plain anchors alone", () => {
    expect(readSeedFragment(seedFragment("exercise-kl-by-hand", 4821))).toEqual({
      anchor: "exercise-kl-by-hand",
      seed: 4821,
    });
    expect(readSeedFragment("#exercise-kl-by-hand")).toBeUndefined();
    expect(readSeedFragment("#exercise-x?seed=abc")).toBeUndefined();
    expect(readSeedFragment("#step-3?seed=4")).toBeUndefined();
    expect(readSeedFragment("#exercise-x%E0%A4%A?seed=4")).toBeUndefined();
  });
});
