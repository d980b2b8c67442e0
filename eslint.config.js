import js from "@eslint/js";
import tseslint from "typescript-eslint";
import astro from "eslint-plugin-astro";
import globals from "globals";
import { defineConfig } from "eslint/config";

/** The layers above widgets (README, "Layout"). */
const above = ["**/components/*", "**/pages/*", "**/layouts/*", "**/embed/*", "**/scripts/*"];

export default defineConfig(
  { ignores: ["dist/", ".astro/", "node_modules/", "test-results/", "playwright-report/", "public/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...astro.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.node },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  // Imports run one way (README, "Layout"): pages → chapter components → widgets → ml / lib.
  layer(["src/lib/**"], ["../*", "!../lib/*"], "src/lib is pure and imports only src/lib."),
  layer(
    ["src/components/**"],
    ["**/pages/*", "**/layouts/*", "**/embed/*", "**/scripts/*"],
    "A chapter component imports widgets, src/exercises and src/lib, never a page, a layout, embedding or page scripts.",
  ),
  layer(
    ["src/widgets/**"],
    above,
    "A widget does not import chapter components, pages, layouts, embedding or page scripts.",
  ),
  layer(
    ["src/ml/**", "src/data/**", "src/math/**"],
    [...above, "**/widgets/*"],
    "Models, data and build-time math import only src/lib (and their own folder).",
  ),
  // Exercise generators sit beside the chapter components (src/exercises/types.ts).
  layer(
    ["src/exercises/**"],
    [...above, "**/widgets/*", "**/ml/*"],
    "src/exercises imports only src/lib, src/math and its own folder.",
  ),
  layer(
    ["src/exercises/*/**"],
    [...above, "**/widgets/*", "**/ml/*", "**/math/*", "**/markup", "**/registry"],
    "A generator imports only src/lib, src/data (a chapter's own example) and src/exercises' helpers (types, answer, compose).",
  ),
);

/** A no-restricted-imports rule for the files of one layer. */
function layer(files, group, message) {
  return { files, rules: { "no-restricted-imports": ["error", { patterns: [{ group, message }] }] } };
}
