import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import remarkEquations from "../../src/math/remark-equations.mjs";

const require = createRequire(import.meta.url);

describe("KaTeX versions", () => {
  it("serves the CSS and fonts of the same KaTeX that renders the HTML", () => {
    const served = require("katex/package.json").version;
    const rehypeKatex = require.resolve("rehype-katex");
    const rendering = createRequire(rehypeKatex)("katex/package.json").version;
    expect(served).toBe(rendering);
  });
});

type Node = { type: string; value?: string; url?: string; children?: Node[]; data?: unknown };

const run = (tree: Node) => {
  remarkEquations()(tree, { path: "test.mdx" });
  return tree;
};

describe("remarkEquations", () => {
  it("numbers labelled equations and links references to them", () => {
    const tree = run({
      type: "root",
      children: [
        { type: "math", value: "a = b \\label{first}" },
        { type: "math", value: "c = d" },
        { type: "math", value: "e = f \\label{second}" },
        { type: "paragraph", children: [{ type: "inlineMath", value: "\\eqref{second}" }] },
      ],
    });
    const [first, plain, second, paragraph] = tree.children ?? [];
    expect(first?.type).toBe("equationBlock");
    expect(first?.children?.[0]?.value).toBe("a = b \\tag{1}");
    expect(plain?.type).toBe("math");
    expect(second?.children?.[0]?.value).toBe("e = f \\tag{2}");
    const link = paragraph?.children?.[0];
    expect(link?.type).toBe("link");
    expect(link?.url).toBe("#eq-second");
    expect(link?.children?.[0]?.value).toBe("(2)");
  });

  it("replaces the label in the copy of the TeX that remark-math prepared for rendering", () => {
    const code: Node = { type: "element", children: [{ type: "text", value: "a = b \\label{first}" }] };
    const tree = run({
      type: "root",
      children: [{ type: "math", value: "a = b \\label{first}", data: { hChildren: [code] } }],
    });
    expect(code.children?.[0]?.value).toBe("a = b \\tag{1}");
    expect(tree.children?.[0]?.type).toBe("equationBlock");
  });

  it("fails on a reference to no equation, a repeated label, and TeX that KaTeX cannot parse", () => {
    const paragraph = (value: string): Node => ({ type: "paragraph", children: [{ type: "inlineMath", value }] });
    expect(() => run({ type: "root", children: [paragraph("\\eqref{nowhere}")] })).toThrow(/names no labelled/);
    expect(() =>
      run({
        type: "root",
        children: [
          { type: "math", value: "a \\label{x}" },
          { type: "math", value: "b \\label{x}" },
        ],
      }),
    ).toThrow(/used twice/);
    expect(() => run({ type: "root", children: [paragraph("\\frac{1}{")] })).toThrow(/KaTeX cannot render/);
  });

  it("numbers the TeX that rehype-katex renders, which remark-math keeps in the node's hast child", () => {
    const code = { type: "element", children: [{ type: "text", value: "a = b \\label{only}" }] };
    const math = { type: "math", value: "a = b \\label{only}", data: { hChildren: [code] } };
    run({ type: "root", children: [math] });
    expect(code.children).toEqual([{ type: "text", value: "a = b \\tag{1}" }]);
  });

  it("refuses math in a heading, which the table of contents would show as garbled text", () => {
    const heading: Node = { type: "heading", children: [{ type: "inlineMath", value: "p(x)" }] };
    expect(() => run({ type: "root", children: [heading] })).toThrow(/Headings hold no math/);
  });

  it("knows the book's macros", () => {
    expect(() =>
      run({ type: "root", children: [{ type: "math", value: "\\KL(q \\Vert p) = \\E[\\log q]" }] }),
    ).not.toThrow();
  });
});
