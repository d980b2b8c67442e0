// @ts-check
import { defineConfig } from "astro/config";
import mdx from "@astrojs/mdx";
import { unified } from "@astrojs/markdown-remark";
import remarkMath from "remark-math";
import rehypeKatex from "rehype-katex";
import remarkEquations from "./src/math/remark-equations.mjs";
import rehypeExerciseNumbers from "./src/markdown/rehype-exercise-numbers.mjs";
import rehypeSections from "./src/markdown/rehype-sections.mjs";
import remarkNotationLinks, { rehypeNotationLinks, trustNotationMarkers } from "./src/markdown/notation-links.mjs";
import { notation } from "./src/data/notation.ts";
import { macros } from "./src/math/macros.mjs";
import readerBuild from "./src/integrations/reader-build.mjs";
import tfjsWasmThreads from "./src/integrations/tfjs-wasm-threads.mjs";

/** GitHub Pages serves a project at /<repo>/; BASE_PATH says which (default: the root). */
function normaliseBase(value = "/") {
  const trimmed = value.trim().replace(/^\/+|\/+$/g, "");
  return trimmed === "" ? "/" : `/${trimmed}/`;
}

const base = normaliseBase(process.env.BASE_PATH);

export default defineConfig({
  site: process.env.SITE_URL,
  base,
  trailingSlash: "always",
  srcDir: "./src",
  // readerBuild must stay last: it indexes and precaches the finished build.
  integrations: [mdx(), readerBuild()],
  markdown: {
    processor: unified({
      // remarkNotationLinks after remarkEquations, which checks each formula as written.
      remarkPlugins: [remarkMath, remarkEquations, [remarkNotationLinks, { notation, base }]],
      // output "htmlAndMathml": the MathML is what screen readers speak.
      rehypePlugins: [
        [rehypeKatex, { macros, output: "htmlAndMathml", strict: "ignore", trust: trustNotationMarkers }],
        [rehypeNotationLinks, { base }],
        rehypeSections,
        rehypeExerciseNumbers,
      ],
    }),
  },
  // Every stylesheet inline: no render-blocking request before the first paint (Lighthouse on phones).
  build: { inlineStylesheets: "always" },
  vite: {
    build: { assetsInlineLimit: 0 },
    // ES-module workers can load code on demand: the WebGL and WebGPU backends stay out of the
    // training worker's first download and come only when the worker tries them.
    worker: { format: "es", plugins: () => [tfjsWasmThreads()] },
  },
});
