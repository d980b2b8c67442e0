import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "../..");

/** Every source file of the site: what the build runs and what it ships. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.(ts|mts|js|mjs|astro|mdx)$/.test(entry.name) ? [path] : [];
  });
}

/** Calls whose results differ from run to run, outside comments. */
const UNSEEDED = /\bMath\.random\s*\(|\bcrypto\.randomUUID\s*\(|\bgetRandomValues\s*\(|\bnew Date\(\s*\)/;

describe("reproducible builds", () => {
  it("no source draws unseeded randomness or the clock into the HTML: ids count (src/widgets/parts/unique-id.ts), samples come from src/lib/random.ts", () => {
    const offenders = [...sources(join(root, "src")), ...sources(join(root, "content"))]
      .filter((path) => {
        const code = readFileSync(path, "utf8").replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "");
        return UNSEEDED.test(code);
      })
      .map((path) => relative(root, path));
    expect(offenders).toEqual([]);
  });

  it("the check sees a Math.random id in a shell", () => {
    expect(UNSEEDED.test("const id = `dice-${Math.random().toString(36)}`;")).toBe(true);
    expect(UNSEEDED.test('const id = uniqueId("dice");')).toBe(false);
  });
});
