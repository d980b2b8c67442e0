import { describe, expect, it } from "vitest";
import katex from "katex";
import { expandMacros, macros } from "../../../src/math/macros.mjs";

const mathml = (tex: string, withMacros: boolean) =>
  katex
    .renderToString(tex, { output: "mathml", macros: withMacros ? { ...macros } : {}, throwOnError: true })
    .replace(/<annotation[\s\S]*?<\/annotation>/, "");

describe("expandMacros", () => {
  it("writes the book's macros out in standard TeX, arguments included", () => {
    expect(expandMacros("\\kldiv{Q}{P}")).toBe("D_{\\text{KL}}\\left(Q \\,\\Vert\\, P\\right)");
    expect(expandMacros("p(x \\given z)")).toBe("p(x \\,\\vert\\, z)");
    expect(expandMacros("\\kldiv Q P")).toBe("D_{\\text{KL}}\\left(Q \\,\\Vert\\, P\\right)");
  });

  it("leaves commands that only start with a macro's name, and unclosed arguments, as written", () => {
    expect(expandMacros("\\Ealpha + \\ELBO")).toBe("\\Ealpha + \\operatorname{ELBO}");
    expect(expandMacros("\\kldiv{Q")).toBe("\\kldiv{Q");
  });

  it("renders as the macros do: KaTeX gives the same MathML with and without them", () => {
    for (const tex of [
      "\\kldiv{q(\\vz \\given \\vx)}{p(\\vz)} = \\E_{q}[\\log q - \\log p]",
      "\\ELBO \\le \\IWAE_k \\le \\log p(\\vx), \\; \\tr(\\Sigma) \\in \\R, \\; \\N(0, \\diag(\\sigma^2)), \\ReLU",
    ]) {
      const expanded = expandMacros(tex);
      expect(expanded).not.toMatch(/\\(kldiv|KL|given|E|ELBO|IWAE|vz|vx|tr|R|N|diag|ReLU)(?![A-Za-z])/);
      expect(mathml(expanded, false)).toBe(mathml(tex, true));
    }
  });
});
