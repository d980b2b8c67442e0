// The one door to TensorFlow.js: every other module of the book goes through src/ml, and src/ml
// takes tfjs from here (core plus the cpu and wasm backends; layers, converter and data stay out).
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import { getThreadsCount, setWasmPaths } from "@tensorflow/tfjs-backend-wasm";

export { tf };

export type BackendName = "wasm" | "webgl" | "cpu";

export interface BackendChoice {
  /** The backend that runs the model, with detail such as "wasm, SIMD, 1 thread". */
  readonly name: BackendName;
  readonly detail: string;
  /** Backends tried first that could not start, each with its reason: shown, never hidden. */
  readonly fallbacks: readonly string[];
}

let chosen: Promise<BackendChoice> | undefined;

/**
 * Picks the fastest backend once per realm: WASM (XNNPACK, SIMD where the browser has it) with its
 * .wasm files served from `wasmPrefix` on our own host, else plain JavaScript on the CPU.
 * WebGL is not preferred: on CPU-only machines (SwiftShader) it measured about a third of WASM.
 */
export function chooseBackend(
  wasmPrefix?: string,
  order: readonly BackendName[] = ["wasm", "cpu"],
): Promise<BackendChoice> {
  chosen ??= (async () => {
    if (wasmPrefix !== undefined) setWasmPaths(wasmPrefix);
    const fallbacks: string[] = [];
    for (const name of order) {
      try {
        if (name === "webgl") await import("@tensorflow/tfjs-backend-webgl");
        if (!(await tf.setBackend(name))) throw new Error("it did not initialise");
        await tf.ready();
        return { name, detail: await describe(name), fallbacks };
      } catch (error) {
        fallbacks.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    throw new Error(`No TensorFlow.js backend could start (${fallbacks.join("; ")}).`);
  })();
  return chosen;
}

async function describe(name: BackendName): Promise<string> {
  if (name !== "wasm") return name;
  const simd = Boolean(await tf.env().getAsync("WASM_HAS_SIMD_SUPPORT"));
  const threads = getThreadsCount();
  return `wasm, ${simd ? "SIMD" : "no SIMD"}, ${threads} thread${threads === 1 ? "" : "s"}`;
}
