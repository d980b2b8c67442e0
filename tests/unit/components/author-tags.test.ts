import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { shellName } from "../../../src/widgets/spec";

const root = join(import.meta.dirname, "../../..");
const components = join(root, "src/components");
const widgetsDir = join(root, "src/widgets");

/** The author surface, as src/components/mdx-components.ts builds it. */
const authorComponents = readdirSync(components)
  .filter((file) => /^[A-Z].*\.astro$/.test(file))
  .map((file) => file.replace(/\.astro$/, ""));
const widgetIds = readdirSync(widgetsDir).filter((folder) => existsSync(join(widgetsDir, folder, "spec.ts")));
const authorTags = new Set([...authorComponents, ...widgetIds.map(shellName), "Fragment"]);

/** Capitalised JSX tags an MDX file uses, outside code and math; names it imports itself are its own. */
function foreignTags(mdx: string): string[] {
  const prose = mdx
    .replace(/```[\s\S]*?```/g, "")
    .replace(/`[^`\n]*`/g, "")
    .replace(/\$\$[\s\S]*?\$\$/g, "")
    .replace(/\$[^$\n]*\$/g, "");
  const imported = new Set(Array.from(mdx.matchAll(/^import\s+(\w+)\s+from/gm), (match) => match[1]));
  const used = new Set(Array.from(prose.matchAll(/<([A-Z][A-Za-z0-9]*)[\s/>]/g), (match) => match[1] ?? ""));
  return [...used].filter((tag) => !authorTags.has(tag) && !imported.has(tag)).sort();
}

const mdxFiles = [
  ...readdirSync(join(root, "content/chapters")).map((file) => join("content/chapters", file)),
  ...readdirSync(join(root, "src/pages")).map((file) => join("src/pages", file)),
].filter((file) => file.endsWith(".mdx"));

describe("the author surface", () => {
  it.each(mdxFiles)("%s uses only author tags", (file) => {
    expect(foreignTags(readFileSync(join(root, file), "utf8")), `author tags: ${[...authorTags].join(", ")}`).toEqual(
      [],
    );
  });

  it("flags a building block, and not the same name in code or math", () => {
    expect(foreignTags('<Note kind="info">x</Note>\n<Output name="kl" label="KL" />\n<Plot />')).toEqual([
      "Output",
      "Plot",
    ]);
    expect(foreignTags("`<Output />` and $a <B$\n```mdx\n<Plot />\n```")).toEqual([]);
    expect(foreignTags('import Plot from "../x/Plot.astro";\n\n<Plot />')).toEqual([]);
  });

  it("has one shell per widget, named after its id", () => {
    expect(widgetIds.length).toBeGreaterThan(5);
    for (const id of widgetIds) expect(existsSync(join(widgetsDir, id, `${shellName(id)}.astro`)), id).toBe(true);
  });

  it("keeps widget building blocks out of src/components", () => {
    for (const block of ["Output", "Deferred", "DeferredTextInput", "EstimateOutput", "ExactAndEstimate", "Head"]) {
      expect(authorComponents).not.toContain(block);
    }
  });
});
