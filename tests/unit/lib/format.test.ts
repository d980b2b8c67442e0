import { describe, expect, it } from "vitest";
import { formatFromLog, formatNumber, probabilityFigure } from "../../../src/lib/format";

describe("formatFromLog and probabilityFigure", () => {
  it("write e^x as formatNumber does, also below the doubles' range", () => {
    expect(formatFromLog(Math.log(0.25))).toBe(formatNumber(0.25));
    expect(formatFromLog(Math.log(1e-250))).toBe("1e-250");
    expect(formatFromLog(-400 * Math.LN10)).toBe("1e-400");
    expect(formatFromLog(Math.log(3) - 330 * Math.LN10)).toBe("3e-330");
    expect(formatFromLog(Math.log(1.2345) - 1000 * Math.LN10)).toBe("1.235e-1000");
    // 9.99996e-401 rounds up to the next power of ten, not to "10e-401".
    expect(formatFromLog(Math.log(9.99996) - 401 * Math.LN10)).toBe("1e-400");
    expect(formatFromLog(-Infinity)).toBe("0");
  });

  it("keep a probability as a number where a double holds it, else as text", () => {
    expect(probabilityFigure(0.5, Math.log(0.5))).toBe(0.5);
    expect(probabilityFigure(0, -Infinity)).toBe(0);
    expect(probabilityFigure(0, -400 * Math.LN10)).toBe("1e-400");
    expect(probabilityFigure(1e-310, Math.log(1e-310))).toBe("1e-310");
  });
});
