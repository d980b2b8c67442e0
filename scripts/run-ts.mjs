// Runs a TypeScript entry point of the repository under Node: esbuild bundles our own modules
// (packages stay external), then the bundle is imported. Usage: node scripts/run-ts.mjs file.ts [args]
import { build } from "esbuild";
import { mkdirSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const [entry, ...args] = process.argv.slice(2);
if (!entry) throw new Error("usage: node scripts/run-ts.mjs <file.ts> [args]");
// Inside node_modules so that the bundle's bare imports resolve from the repository.
const cache = join(root, "node_modules", ".cache", "run-ts");
mkdirSync(cache, { recursive: true });
const outfile = join(cache, `${basename(entry, ".ts")}-${process.pid}.mjs`);
await build({
  entryPoints: [resolve(entry)],
  outfile,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node22",
  packages: "external",
  sourcemap: "inline",
  logLevel: "warning",
});
process.argv = [process.argv[0] ?? "node", resolve(entry), ...args];
await import(pathToFileURL(outfile).href);
