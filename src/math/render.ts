import katex from "katex";
import { expandMacros, macros } from "./macros.mjs";
import { spelledOut } from "./remark-equations.mjs";
import { splitWords } from "./split-words.mjs";

/** Renders TeX to HTML at build time for .astro templates (chapters use $…$ in MDX instead). */
export function tex(expression: string, displayMode = false): string {
  const html = katex.renderToString(expression, {
    displayMode,
    throwOnError: true,
    macros: { ...macros },
    output: "htmlAndMathml",
    strict: "ignore",
  });
  const words = splitWords(html);
  if (words.length > 0) throw new Error(spelledOut(words, expression, "a component"));
  // The TeX annotation, which search indexes and readers copy, in standard TeX (as src/markdown/notation-links.mjs does for chapters).
  return html.replace(
    /(<annotation encoding="application\/x-tex">)([\s\S]*?)(<\/annotation>)/,
    (_, open: string, body: string, close: string) => `${open}${escapeHtml(expandMacros(unescapeHtml(body)))}${close}`,
  );
}

const unescapeHtml = (text: string): string =>
  text.replace(/&(amp|lt|gt|quot|#x27|#39);/g, (_, name: string) => UNESCAPED[name] ?? "");
const UNESCAPED: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', "#x27": "'", "#39": "'" };

const escapeHtml = (text: string): string =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** Renders a short text in which `$…$` spans are TeX (frontmatter such as learning goals). */
export function textWithMath(text: string): string {
  return text
    .split(/(\$[^$]+\$)/)
    .map((part) =>
      part.startsWith("$") && part.endsWith("$") && part.length > 2 ? tex(part.slice(1, -1)) : escapeHtml(part),
    )
    .join("");
}
