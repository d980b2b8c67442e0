import { describe, expect, it } from "vitest";
import { spokenMath } from "../../../src/math/spoken";
import { tex } from "../../../src/math/render";

describe("spokenMath", () => {
  it("reads the MathML of KaTeX output, without the TeX source or the visual copy", () => {
    expect(spokenMath(tex("\\phi"))).toBe("ϕ");
    expect(spokenMath(tex("\\KL(P \\,\\Vert\\, Q)"))).toBe("DKL(P∥Q)");
    expect(spokenMath(tex("a < b"))).toBe("a<b");
  });

  it("is undefined for text without formulas", () => {
    expect(spokenMath("evidence lower bound")).toBeUndefined();
    expect(spokenMath("")).toBeUndefined();
  });
});
