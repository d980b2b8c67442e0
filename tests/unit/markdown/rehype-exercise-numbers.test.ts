import { describe, expect, it } from "vitest";
import rehypeExerciseNumbers from "../../../src/markdown/rehype-exercise-numbers.mjs";

type Attribute = { type: string; name: string; value: string };
type Node = { type: string; name?: string; tagName?: string; attributes?: Attribute[]; children?: Node[] };

const exercise = (id: string, extra: Attribute[] = []): Node => ({
  type: "mdxJsxFlowElement",
  name: "Exercise",
  attributes: [{ type: "mdxJsxAttribute", name: "id", value: id }, ...extra],
  children: [],
});
const section = (...children: Node[]): Node => ({ type: "element", tagName: "section", children });
const numberOf = (node: Node) => node.attributes?.find((attribute) => attribute.name === "number")?.value;

describe("rehypeExerciseNumbers", () => {
  it("numbers a chapter's exercises through its sections, in document order", () => {
    const first = exercise("a");
    const second = exercise("b");
    const third = exercise("c");
    const other: Node = { type: "mdxJsxFlowElement", name: "Note", attributes: [], children: [] };
    const tree = { type: "root", children: [section(first, other), section(section(second)), third] };
    rehypeExerciseNumbers()(tree);
    expect([first, second, third].map(numberOf)).toEqual(["1", "2", "3"]);
    expect(numberOf(other)).toBeUndefined();
  });

  it("numbers choice questions in the same sequence", () => {
    const first = exercise("a");
    const choice: Node = { type: "mdxJsxFlowElement", name: "Choice", attributes: [], children: [] };
    const third = exercise("c");
    rehypeExerciseNumbers()({ type: "root", children: [first, section(choice), third] });
    expect([first, choice, third].map(numberOf)).toEqual(["1", "2", "3"]);
  });

  it("replaces a number an author wrote, so the sequence has no gaps or repeats", () => {
    const written = exercise("a", [{ type: "mdxJsxAttribute", name: "number", value: "7" }]);
    rehypeExerciseNumbers()({ type: "root", children: [exercise("z"), written] });
    expect(written.attributes?.filter((attribute) => attribute.name === "number").map((a) => a.value)).toEqual(["2"]);
  });
});
