import katex from "katex";
import { describe, expect, it } from "vitest";
import { macros } from "../../../src/math/macros.mjs";
import { tex } from "../../../src/math/render";
import { splitWords } from "../../../src/math/split-words.mjs";

const mathml = (expression: string) =>
  katex.renderToString(expression, { output: "mathml", macros: { ...macros }, strict: "ignore" });

describe("splitWords", () => {
  it("finds an operator name written with \\mathrm, as KaTeX spells it", () => {
    expect(splitWords(mathml("\\mathrm{ReLU}(x)"))).toEqual(["ReLU"]);
    expect(splitWords(mathml("D_{\\mathrm{KL}}"))).toEqual(["KL"]);
    expect(splitWords(mathml("\\mathrm{Re}\\,x + \\mathrm{Var} y"))).toEqual(["Re", "Var"]);
  });

  it("finds a known word typed as italic letters", () => {
    expect(splitWords(mathml("KL(p, q)"))).toEqual(["KL"]);
    expect(splitWords(mathml("ELBO"))).toEqual(["ELBO"]);
  });

  it("leaves products of variables, single upright letters and one-identifier words alone", () => {
    for (const expression of [
      "xy",
      "2\\pi\\sigma^2",
      "abc + \\mathrm{d}x",
      "\\mathrm{e}^{x}",
      "\\mathrm{x}_1 y",
      "\\Sigma\\Phi",
      "\\operatorname{ReLU}(x)",
      "\\text{KL}",
      "\\log p(x) - \\exp(z)",
      "\\KL(q \\Vert p) + \\ELBO + \\ReLU + \\diag(\\sigma) + \\tr A",
    ]) {
      expect(splitWords(mathml(expression)), expression).toEqual([]);
    }
  });

  it("the build's renderer refuses a spelled-out word with a message that names it", () => {
    expect(() => tex("\\mathrm{ReLU}(x)")).toThrow(/ReLU as separate letters.*\\operatorname/);
    expect(tex("\\ReLU(x)")).toContain('<mi mathvariant="normal">ReLU</mi>');
  });
});
