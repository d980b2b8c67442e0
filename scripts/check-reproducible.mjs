// Builds the site a second time into a temporary folder and compares every file with dist/: two
// builds of one commit must be byte-identical, or every deploy changes the service worker's content
// hashes and readers download the whole book again. Run after `npm run build:test` (same BASE_PATH).
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";

const first = "dist";
const second = mkdtempSync(join(tmpdir(), "vae-second-build-"));

/** sha256 of every file under a folder, by its path relative to the folder. */
function hashes(dir) {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  return new Map(
    files.map((entry) => {
      const path = join(entry.parentPath, entry.name);
      return [relative(dir, path), createHash("sha256").update(readFileSync(path)).digest("hex")];
    }),
  );
}

try {
  const build = spawnSync("npx", ["astro", "build", "--outDir", second], { encoding: "utf8" });
  if (build.status !== 0) {
    process.stderr.write(build.stdout + build.stderr);
    throw new Error("The second build failed.");
  }
  const [a, b] = [hashes(first), hashes(second)];
  const differing = [...new Set([...a.keys(), ...b.keys()])].filter((path) => a.get(path) !== b.get(path)).sort();
  if (differing.length > 0) {
    console.error(
      `Two builds of this commit differ in ${differing.length} of ${a.size} files:\n  ${differing.join("\n  ")}`,
    );
    process.exitCode = 1;
  } else {
    console.log(`Reproducible: a second build gives the same ${a.size} files, byte for byte.`);
  }
} finally {
  rmSync(second, { recursive: true, force: true });
}
