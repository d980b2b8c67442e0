// Numbers labelled display equations, turns `$\eqref{label}$` into links to them, and fails the
// build on any formula KaTeX cannot parse (rehype-katex alone would render an error box instead) or
// whose MathML spells a word letter by letter (src/math/split-words.mjs).
import katex from "katex";
import { macros } from "./macros.mjs";
import { splitWords } from "./split-words.mjs";

const LABEL = /\\label\{([^}]+)\}/;
const EQREF = /^\s*\\eqref\{([^}]+)\}\s*$/;

/** @param {any} node @param {(node: any, index: number, parent: any) => void} visit */
function walk(node, visit) {
  if (!Array.isArray(node.children)) return;
  for (let index = 0; index < node.children.length; index++) {
    const child = node.children[index];
    visit(child, index, node);
    walk(node.children[index], visit);
  }
}

/** @param {string} label */
export const equationId = (label) => `eq-${label}`;

/** @param {string} tex @param {boolean} displayMode @param {any} file */
function validate(tex, displayMode, file) {
  const where = file?.path ?? "a Markdown file";
  let html;
  try {
    html = katex.renderToString(tex, { displayMode, throwOnError: true, macros: { ...macros }, strict: "ignore" });
  } catch (error) {
    throw new Error(
      `KaTeX cannot render ${JSON.stringify(tex)} in ${where}: ${error instanceof Error ? error.message : error}`,
      { cause: error },
    );
  }
  const words = splitWords(html);
  if (words.length > 0) throw new Error(spelledOut(words, tex, where));
}

/** The build error for words a screen reader would spell. @param {string[]} words @param {string} tex @param {string} where */
export function spelledOut(words, tex, where) {
  return (
    `${JSON.stringify(tex)} in ${where} writes ${words.join(", ")} as separate letters, which screen readers ` +
    `spell out: use \\operatorname{…} (or a macro in src/math/macros.mjs) for an operator, \\text{…} for a word`
  );
}

/** Replaces the text of every text node below `children` (the hast form remark-math prepared). @param {any[] | undefined} children @param {string} value */
function setText(children, value) {
  for (const child of children ?? []) {
    if (child.type === "text") child.value = value;
    else setText(child.children, value);
  }
}

export default function remarkEquations() {
  /** @param {any} tree @param {any} file */
  return (tree, file) => {
    /** @type {Map<string, number>} */
    const numbers = new Map();
    walk(tree, (node, index, parent) => {
      if (node.type !== "math") return;
      const match = LABEL.exec(node.value);
      if (match) {
        const label = match[1];
        if (numbers.has(label)) throw new Error(`Equation label "${label}" is used twice in ${file?.path}`);
        const number = numbers.size + 1;
        numbers.set(label, number);
        node.value = node.value.replace(LABEL, `\\tag{${number}}`);
        // remark-math also copied the TeX into the node's hast children at parse time; keep them in step.
        setText(node.data?.hChildren, node.value);
        parent.children[index] = {
          type: "equationBlock",
          data: { hName: "div", hProperties: { id: equationId(label), className: ["equation"] } },
          children: [node],
        };
      }
      validate(node.value, true, file);
    });
    walk(tree, (node, index, parent) => {
      if (node.type !== "inlineMath") return;
      // The table of contents lists headings as plain text, where a formula reads three times over.
      if (parent.type === "heading") {
        throw new Error(`Headings hold no math, for the table of contents: $${node.value}$ in ${file?.path}`);
      }
      const ref = EQREF.exec(node.value);
      if (!ref) {
        validate(node.value, false, file);
        return;
      }
      const label = ref[1];
      const number = numbers.get(label);
      if (number === undefined) throw new Error(`\\eqref{${label}} in ${file?.path} names no labelled equation`);
      parent.children[index] = {
        type: "link",
        url: `#${equationId(label)}`,
        data: { hProperties: { className: ["eqref"], "data-equation": equationId(label) } },
        children: [{ type: "text", value: `(${number})` }],
      };
    });
  };
}
