// Wraps each second-level heading and what follows it, up to the next one, in a <section>: the
// chapter's CSS gives sections `content-visibility: auto`, so a phone styles and lays out only the
// sections near the screen (Lighthouse counted 15,000 elements, mostly KaTeX, on the longest chapter).
// MDX's import and export statements (mdxjsEsm) must stay at the top level; they are left in place.

/** @param {any} node */
const isHeading2 = (node) => node.type === "element" && node.tagName === "h2";

export default function rehypeSections() {
  /** @param {any} tree */
  return (tree) => {
    /** @type {any[]} */
    const children = [];
    /** @type {any} */
    let section;
    for (const node of tree.children) {
      if (isHeading2(node)) {
        section = { type: "element", tagName: "section", properties: { className: ["chapter-section"] }, children: [] };
        children.push(section);
      }
      if (section && node.type !== "mdxjsEsm") section.children.push(node);
      else children.push(node);
    }
    tree.children = children;
  };
}
