import { expect, test } from "@playwright/test";
import { splitWords } from "../../src/math/split-words.mjs";
import { builtHtml, builtPages } from "./site";

// The build refuses such formulas (src/math/remark-equations.mjs, src/math/render.ts); this reads what
// was actually built, every page, whatever produced its MathML.
test("no page's MathML spells a word letter by letter", () => {
  const pages = builtPages();
  expect(pages.length).toBeGreaterThan(10);
  const spelled = pages.flatMap((page) => {
    const html = builtHtml(page);
    const math = Array.from(html.matchAll(/<math\b[\s\S]*?<\/math>/g), (match) => match[0]);
    return splitWords(math.join("")).map((word) => `/${page}: ${word}`);
  });
  expect(spelled).toEqual([]);
});
