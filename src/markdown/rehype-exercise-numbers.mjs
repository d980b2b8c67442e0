// Numbers a chapter's <Exercise> and <Choice> tags in document order, at build time, by giving each a `number`
// attribute: one sequence per chapter, the same on screen, in print and without JavaScript. (A CSS
// counter cannot do it: the chapter's sections have `content-visibility: auto`, whose style
// containment restarts counters in every section.) Runs on MDX's tree before components render.

/** @param {any} node */
const isExercise = (node) =>
  (node.type === "mdxJsxFlowElement" || node.type === "mdxJsxTextElement") &&
  (node.name === "Exercise" || node.name === "Choice");

export default function rehypeExerciseNumbers() {
  /** @param {any} tree */
  return (tree) => {
    let count = 0;
    /** @param {any} node */
    const visit = (node) => {
      if (isExercise(node)) {
        count += 1;
        node.attributes = (node.attributes ?? []).filter((attribute) => attribute.name !== "number");
        node.attributes.push({ type: "mdxJsxAttribute", name: "number", value: String(count) });
      }
      for (const child of node.children ?? []) visit(child);
    };
    visit(tree);
  };
}
