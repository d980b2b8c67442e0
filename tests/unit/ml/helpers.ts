import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { parseDigits, type Digits } from "../../../src/ml/digits-format";
import { chooseBackend, tf } from "../../../src/ml/tf";

const root = join(import.meta.dirname, "..", "..", "..");
const digitsFile = join(root, "public", "data", "digits.bin");

/** The digits the site serves, built first when a fresh clone has not built them yet. */
export function loadDigitsFromDisk(): Digits {
  if (!existsSync(digitsFile))
    execFileSync(process.execPath, [join(root, "scripts", "build-digits.mjs")], { stdio: "inherit" });
  return parseDigits(new Uint8Array(gunzipSync(readFileSync(digitsFile))));
}

export function readManifest(): { heldOutIndices: [number, number][]; counts: Record<string, number> } {
  loadDigitsFromDisk();
  return JSON.parse(readFileSync(join(root, "public", "data", "digits.json"), "utf8"));
}

/** The backend the site uses (WASM; its Node build reads the .wasm from node_modules). */
export async function useWasm(): Promise<void> {
  const choice = await chooseBackend(undefined, ["wasm"]);
  if (choice.name !== "wasm") throw new Error(`expected wasm, got ${choice.name}`);
}

export const scalar = (t: tf.Tensor): number => {
  const value = t.dataSync()[0] ?? NaN;
  t.dispose();
  return value;
};
