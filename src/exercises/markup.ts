/**
 * Renders a generated exercise's markup (src/exercises/types.ts) to HTML: the one path used at build
 * time by <Exercise generator> and in the browser after New numbers, so both show the same thing.
 * The markup: paragraphs separated by blank lines; `$…$` inline and `$$…$$` display math (KaTeX with
 * the book's macros, src/math/macros.mjs, MathML included for screen readers); `**bold**` and
 * `*italic*`; everything else is text (HTML is escaped).
 */
import { tex } from "../math/render";

const escapeHtml = (text: string): string =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** Prose with inline math, **bold** and *italic*. */
function inline(text: string): string {
  return text
    .split(/(\$[^$]+\$)/)
    .map((part) => {
      if (part.length > 2 && part.startsWith("$") && part.endsWith("$")) return tex(part.slice(1, -1));
      if (part.includes("$")) throw new Error(`Exercise markup: an unmatched $ in "${text}"`);
      return escapeHtml(part)
        .replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>")
        .replace(/\*([^*]+)\*/g, "<em>$1</em>");
    })
    .join("");
}

/** The markup of an exercise's question or solution as HTML (paragraphs and display math). Throws on malformed math. */
export function renderExerciseMarkup(text: string): string {
  return text
    .trim()
    .split(/\$\$([\s\S]+?)\$\$/)
    .flatMap((part, index) => {
      if (index % 2 === 1) return [`<div class="math math-display">${tex(part.trim(), true)}</div>`];
      return part
        .split(/\n\s*\n/)
        .map((paragraph) => paragraph.trim())
        .filter((paragraph) => paragraph !== "")
        .map((paragraph) => `<p>${inline(paragraph.replace(/\s*\n\s*/g, " "))}</p>`);
    })
    .join("");
}
