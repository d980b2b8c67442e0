// The one door to TensorFlow.js: every other module of the book goes through src/ml, and src/ml
// takes tfjs from here (core plus the cpu and wasm backends; layers, converter and data stay out;
// the WebGL and WebGPU backends are imported only when a worker tries them).
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import { getThreadsCount, setThreadsCount, setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import { fastestBackend, wrongResults, type BackendTrial } from "../lib/fastestBackend";

export { tf };
export type { BackendTrial };

export type BackendName = "wasm" | "webgpu" | "webgl" | "cpu";

export interface BackendChoice {
  /** The backend that runs the model, with detail such as "wasm, SIMD, 1 thread". */
  readonly name: BackendName;
  readonly detail: string;
  /**
   * Backends asked for that could not start, each with its reason: shown, never hidden. A GPU
   * backend missing from the probe is no such failure (most browsers have one or none): it is
   * listed among the trials, with its reason.
   */
  readonly fallbacks: readonly string[];
  /** The speed probe's figures for every backend it tried (empty when the choice was not probed). */
  readonly trials: readonly BackendTrial[];
}

/** Times a few rounds of training work on the backend in use: milliseconds per round, and a checksum of the results. */
export type SpeedProbe = () =>
  { msPerStep: number; checksum: number } | Promise<{ msPerStep: number; checksum: number }>;

/** Plain JavaScript: never faster than WASM, so never timed; the last resort when nothing else starts. */
const LAST_RESORT: BackendName = "cpu";
const GPU_BACKENDS: readonly BackendName[] = ["webgpu", "webgl"];

let chosen: Promise<BackendChoice> | undefined;
/** Backends to move to, in order, if the one in use loses its device. */
let fallbackOrder: BackendName[] = [];
let lostReason: string | undefined;
const lostListeners = new Set<(reason: string) => void>();

/**
 * Chooses the backend once per realm. Without a probe, the first of `order` that starts is kept
 * (a page's later workers pass its first worker's choice first). With one, every backend of
 * `order` that starts, but the CPU, runs the probe; one whose results disagree with the first's
 * is set aside, and the fastest of the rest kept (see `fastestBackend`); GPU backends that lose
 * are released. WASM loads its .wasm files from `wasmPrefix`, on our own host.
 */
export function chooseBackend(
  wasmPrefix?: string,
  order: readonly BackendName[] = ["wasm", "cpu"],
  probe?: SpeedProbe,
): Promise<BackendChoice> {
  chosen ??= (async () => {
    if (wasmPrefix !== undefined) setWasmPaths(wasmPrefix);
    const fallbacks: string[] = [];
    const trials: BackendTrial[] = [];
    const started: BackendName[] = [];
    for (const name of order) {
      if (probe && name === LAST_RESORT) continue;
      const optional = probe !== undefined && GPU_BACKENDS.includes(name);
      try {
        await startBackend(name);
      } catch (error) {
        if (optional) trials.push({ name, error: reason(error) });
        else fallbacks.push(`${name}: ${reason(error)}`);
        continue;
      }
      if (!probe) return settle(name, order.slice(order.indexOf(name) + 1), fallbacks, trials);
      started.push(name);
      try {
        trials.push({ name, ...(await probe()) });
      } catch (error) {
        trials.push({ name, error: `the speed probe failed (${reason(error)})` });
        if (!optional) fallbacks.push(`${name}: the speed probe failed (${reason(error)})`);
      }
    }
    const reference = trials.find((trial) => trial.checksum !== undefined);
    for (const wrong of wrongResults(trials)) {
      const why = `its results were wrong (checksum ${wrong.checksum}, where ${reference?.name} gave ${reference?.checksum})`;
      trials[trials.indexOf(wrong)] = { ...wrong, error: why };
      if (!GPU_BACKENDS.includes(wrong.name as BackendName)) fallbacks.push(`${wrong.name}: ${why}`);
    }
    const fastest = fastestBackend(trials) as BackendName | undefined;
    // GPU backends that lost the probe would hold on to their context and memory: release them.
    for (const name of started) if (name !== fastest && GPU_BACKENDS.includes(name)) tf.removeBackend(name);
    // If the winner loses its device, continue on the next fastest that needs no GPU, then the CPU.
    const rest = trials
      .filter((trial) => trial.name !== fastest && !GPU_BACKENDS.includes(trial.name as BackendName))
      .filter((trial) => trial.error === undefined && Number.isFinite(trial.msPerStep))
      .sort((a, b) => a.msPerStep! - b.msPerStep!)
      .map((trial) => trial.name as BackendName);
    if (order.includes(LAST_RESORT)) rest.push(LAST_RESORT);
    if (fastest) {
      await tf.setBackend(fastest);
      return settle(fastest, rest, fallbacks, trials);
    }
    if (order.includes(LAST_RESORT)) {
      try {
        await startBackend(LAST_RESORT);
        return settle(LAST_RESORT, [], fallbacks, trials);
      } catch (error) {
        fallbacks.push(`${LAST_RESORT}: ${reason(error)}`);
      }
    }
    throw new Error(`No TensorFlow.js backend could start (${fallbacks.join("; ")}).`);
  })();
  return chosen;
}

/**
 * Moves to the next backend after the one in use lost its device (a lost WebGL context): the
 * backends left in the chosen order, e.g. WASM, then the CPU. The lost backend is released.
 */
export async function fallBack(): Promise<BackendChoice> {
  const lost = tf.getBackend() as BackendName;
  const fallbacks: string[] = [];
  try {
    tf.removeBackend(lost);
  } catch (error) {
    fallbacks.push(`${lost}: it could not be released (${reason(error)})`);
  }
  while (fallbackOrder.length > 0) {
    const name = fallbackOrder.shift()!;
    if (name === lost) continue;
    try {
      await startBackend(name);
      const choice = await settle(name, fallbackOrder, fallbacks, []);
      chosen = Promise.resolve(choice);
      return choice;
    } catch (error) {
      fallbacks.push(`${name}: ${reason(error)}`);
    }
  }
  throw new Error(`No TensorFlow.js backend is left to continue on (${fallbacks.join("; ") || "none"}).`);
}

/** Why the backend in use can no longer compute (its GPU context or device was lost), or undefined. */
export function backendLost(): string | undefined {
  if (lostReason === undefined && webglOf(tf.getBackend())?.isContextLost()) markLost("The GPU context was lost");
  return lostReason;
}

/** Calls `listener` when the backend in use loses its device (a lost WebGL context, a lost WebGPU device). */
export function onBackendLost(listener: (reason: string) => void): () => void {
  lostListeners.add(listener);
  return () => lostListeners.delete(listener);
}

/** The WASM backend's own view of a tensor's memory (public in tfjs-backend-wasm 4.22's BackendWasm). */
export interface WasmHeap {
  typedArrayFromHeap(tensor: tf.TensorInfo): Float32Array;
  /** A new tensor's memory on the heap. */
  makeOutput(shape: number[], dtype: "float32"): tf.TensorInfo;
  /** How many tensors share this memory. */
  refCount(dataId: tf.DataId): number;
}

/** The module's memory when the backend in use is WASM, where a few elementwise steps are cheaper in one loop than as kernels. */
export function wasmHeap(): WasmHeap | undefined {
  return tf.getBackend() === "wasm" ? (tf.backend() as unknown as WasmHeap) : undefined;
}

/** A new float32 tensor of `shape` on the WASM heap (tracked by the engine, as a kernel's output). */
export function heapTensor<R extends tf.Rank>(heap: WasmHeap, shape: number[]): tf.Tensor<R> {
  return tf.engine().makeTensorFromTensorInfo(heap.makeOutput(shape, "float32")) as tf.Tensor<R>;
}

/**
 * The WASM threads a training worker asks for on a machine with `cores` logical cores: every core
 * but one, which the page keeps for drawing, and at least 2 on a 2-core machine, where the page's
 * own work is light and a second thread makes the VAE train about 1.25× faster (54 against 68 steps
 * per second on an idle 2-core machine: `npm run bench`, widget against widget-isolated). 1 on one core.
 */
export function wasmThreads(cores: number): number {
  return cores >= 2 ? Math.max(2, cores - 1) : 1;
}

/**
 * Asks for `count` XNNPACK threads in the WASM backend, where the realm is cross-origin isolated
 * (threads need SharedArrayBuffer); call it before the backend starts. tfjs-backend-wasm 4.22 caps
 * its threads at navigator.hardwareConcurrency / 2 (src/cc/backend.cc counts two hyperthreads per
 * core), which is 1 on a 2-core machine whatever setThreadsCount asks, so the realm reports twice
 * the count to the WASM module, which reads it as it starts.
 */
export function useWasmThreads(count: number): void {
  if (!(globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated || count < 2) return;
  Object.defineProperty(globalThis.navigator, "hardwareConcurrency", { value: 2 * count, configurable: true });
  setThreadsCount(count);
}

/** Registers (importing GPU backends on demand), initialises and selects `name`, or throws why it cannot. */
async function startBackend(name: BackendName): Promise<void> {
  if (name === "webgl") {
    if (!webglInWorker()) throw new Error("this browser offers no WebGL in a worker (OffscreenCanvas)");
    await import("@tensorflow/tfjs-backend-webgl");
  }
  if (name === "webgpu") {
    const gpu = (globalThis.navigator as { gpu?: { requestAdapter(): Promise<unknown> } } | undefined)?.gpu;
    if (!gpu) throw new Error("this browser has no WebGPU");
    if (!(await gpu.requestAdapter())) throw new Error("no WebGPU adapter is available");
    await import("@tensorflow/tfjs-backend-webgpu");
  }
  if (!(await tf.setBackend(name))) throw new Error("it did not initialise");
  await tf.ready();
}

/** Records `name` as the backend in use, with the backends to move to if it loses its device. */
async function settle(
  name: BackendName,
  next: readonly BackendName[],
  fallbacks: readonly string[],
  trials: readonly BackendTrial[],
): Promise<BackendChoice> {
  fallbackOrder = next.filter((other) => other !== name);
  lostReason = undefined;
  watchDevice(name);
  return { name, detail: await describe(name), fallbacks, trials };
}

/** Listens for the loss of the GPU device behind `name`, the backend in use. */
function watchDevice(name: BackendName): void {
  const canvas = webglOf(name)?.canvas as EventTarget | undefined;
  canvas?.addEventListener?.("webglcontextlost", () => markLost("The GPU context was lost"));
  const device = (tf.backend() as unknown as { device?: { lost?: Promise<{ message?: string }> } }).device;
  if (name === "webgpu")
    void device?.lost?.then((info) => markLost(`The GPU device was lost${info.message ? ` (${info.message})` : ""}`));
}

function markLost(why: string): void {
  if (lostReason !== undefined) return;
  lostReason = why;
  for (const listener of lostListeners) listener(why);
}

/** The WebGL context of backend `name`, when it is the WebGL backend and has one. */
function webglOf(name: string): WebGLRenderingContext | undefined {
  if (name !== "webgl") return undefined;
  return (tf.engine().findBackend(name) as unknown as { gpgpu?: { gl?: WebGLRenderingContext } } | null)?.gpgpu?.gl;
}

/** Whether a worker here can draw WebGL, as the WebGL backend does there (WebKitGTK's workers cannot). */
function webglInWorker(): boolean {
  if (typeof document !== "undefined") return true;
  if (typeof OffscreenCanvas === "undefined") return false;
  const canvas = new OffscreenCanvas(1, 1);
  const gl = canvas.getContext("webgl2") ?? canvas.getContext("webgl");
  // Give the context back at once: browsers keep only a few alive.
  gl?.getExtension("WEBGL_lose_context")?.loseContext();
  return Boolean(gl);
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function describe(name: BackendName): Promise<string> {
  if (name !== "wasm") return name;
  const simd = Boolean(await tf.env().getAsync("WASM_HAS_SIMD_SUPPORT"));
  const threads = getThreadsCount();
  // Threads need SharedArrayBuffer, which browsers give only to cross-origin isolated pages.
  const why = threads === 1 && typeof SharedArrayBuffer === "undefined" ? " (no SharedArrayBuffer here)" : "";
  return `wasm, ${simd ? "SIMD" : "no SIMD"}, ${threads} thread${threads === 1 ? "" : "s"}${why}`;
}
