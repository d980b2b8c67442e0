// Copies TensorFlow.js's WASM binaries into public/tfjs/, so that the site serves them itself
// under its base path (the worker points setWasmPaths there); nothing is fetched from a CDN.
import { copyFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const dist = join(dirname(require.resolve("@tensorflow/tfjs-backend-wasm/package.json")), "dist");
const out = join(root, "public", "tfjs");
mkdirSync(out, { recursive: true });
for (const file of ["tfjs-backend-wasm.wasm", "tfjs-backend-wasm-simd.wasm", "tfjs-backend-wasm-threaded-simd.wasm"]) {
  copyFileSync(join(dist, file), join(out, file));
}
console.log(`tfjs: WASM binaries copied to ${out}`);
