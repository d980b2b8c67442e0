import katex from "katex";
import { macros } from "./macros.mjs";

/** Renders TeX to HTML at build time for .astro templates (chapters use $…$ in MDX instead). */
export function tex(expression: string, displayMode = false): string {
  return katex.renderToString(expression, {
    displayMode,
    throwOnError: true,
    macros: { ...macros },
    output: "htmlAndMathml",
    strict: "ignore",
  });
}
