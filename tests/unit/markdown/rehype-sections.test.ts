import { describe, expect, it } from "vitest";
import rehypeSections from "../../../src/markdown/rehype-sections.mjs";

type Node = { type: string; tagName?: string; value?: string; properties?: object; children?: Node[] };

const element = (tagName: string, text: string): Node => ({
  type: "element",
  tagName,
  children: [{ type: "text", value: text }],
});
const esm: Node = { type: "mdxjsEsm", value: 'import X from "./x"' };

const run = (children: Node[]) => {
  const tree = { type: "root", children };
  rehypeSections()(tree);
  return tree.children as Node[];
};

describe("rehypeSections", () => {
  it("wraps each second-level heading and what follows it, up to the next one", () => {
    const children = run([
      element("p", "intro"),
      element("h2", "One"),
      element("p", "a"),
      element("h3", "One.1"),
      element("h2", "Two"),
      element("p", "b"),
    ]);
    expect(children.map((node) => node.tagName)).toEqual(["p", "section", "section"]);
    expect(children[1]?.properties).toEqual({ className: ["chapter-section"] });
    expect(children[1]?.children?.map((node) => node.tagName)).toEqual(["h2", "p", "h3"]);
    expect(children[2]?.children?.map((node) => node.tagName)).toEqual(["h2", "p"]);
  });

  it("leaves MDX import and export statements at the top level", () => {
    const children = run([esm, element("h2", "One"), esm, element("p", "a")]);
    expect(children.map((node) => node.type)).toEqual(["mdxjsEsm", "element", "mdxjsEsm"]);
    expect(children[1]?.children?.map((node) => node.tagName)).toEqual(["h2", "p"]);
  });

  it("changes nothing in a page without second-level headings", () => {
    const nodes = [element("p", "a"), element("h3", "b")];
    expect(run([...nodes])).toEqual(nodes);
  });
});
