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

/**
 * Sources that draw randomness only in the reader's browser, after a click, never into the HTML
 * (the build-twice check, scripts/check-reproducible.mjs, would see it if they did), with why.
 */
const BROWSER_ONLY: Record<string, string> = {
  "src/components/exercise-check.ts": "New numbers: a fresh seed for the reader's next exercise, on a click",
};

describe("reproducible builds", () => {
  it("no source draws unseeded randomness or the clock into the HTML: ids count (src/widgets/parts/unique-id.ts), samples come from src/lib/random.ts", () => {
    const offenders = [...sources(join(root, "src")), ...sources(join(root, "content"))]
      .filter((path) => {
        const code = readFileSync(path, "utf8").replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "");
        return UNSEEDED.test(code);
      })
      .map((path) => relative(root, path))
      .filter((path) => !(path in BROWSER_ONLY));
    expect(offenders).toEqual([]);
  });

  it("each browser-only exception still draws randomness (else it leaves the list)", () => {
    for (const path of Object.keys(BROWSER_ONLY))
      expect(UNSEEDED.test(readFileSync(join(root, path), "utf8")), path).toBe(true);
  });

  it("the check sees a Math.random id in a shell", () => {
    expect(UNSEEDED.test("const id = `dice-${Math.random().toString(36)}`;")).toBe(true);
    expect(UNSEEDED.test('const id = uniqueId("dice");')).toBe(false);
  });
});
