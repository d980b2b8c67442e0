import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { DIST } from "./site";

const ASSETS = join(DIST, "_astro");

// WebKit evaluates a module worker's entry script a second time when a module imports it: a
// second copy of the worker then took over its messages, and Train did nothing in Safari. So no
// script of the build may import a worker's entry (src/ml/train.worker.ts says how it avoids it).
test("no script of the build imports a worker's entry, which WebKit would run twice", () => {
  const scripts = readdirSync(ASSETS).filter((name) => name.endsWith(".js"));
  const source = (name: string) => readFileSync(join(ASSETS, name), "utf8");
  const entries = new Set(
    scripts.flatMap((name) =>
      [...source(name).matchAll(/`[^`]*\/_astro\/([^`/]+\.worker-[^`/]+\.js)`/g)].map((match) => match[1]!),
    ),
  );
  expect([...entries], "the pages name the training worker's entry, to start it from").toEqual([
    expect.stringMatching(/^train\.worker-.+\.js$/),
  ]);
  for (const entry of entries) {
    const importers = scripts.filter((name) => name !== entry && source(name).includes(`"./${entry}"`));
    const dynamic = scripts.filter((name) => source(name).includes(`\`./${entry}\``));
    expect([...importers, ...dynamic], `scripts that import the worker entry ${entry}`).toEqual([]);
  }
});
