// The training worker's code (its entry, train.worker.ts, loads it): TensorFlow.js lives here, off
// the page's main thread. Messages in and out are typed in protocol.ts; the logic is in session.ts.
import { digitsUrl, loadDigits } from "./data";
import type { FromWorker, ToWorker } from "./protocol";
import { TrainingSession } from "./session";
import { probeTrainingSpeed } from "./speed-probe";
import {
  backendLost,
  chooseBackend,
  fallBack,
  onBackendLost,
  tf,
  useWasmThreads,
  wasmThreads,
  type BackendName,
} from "./tf";
import { decodeWeights } from "./weights-format";

// The DOM typings describe a window; a dedicated worker's global has this shape.
interface WorkerScope {
  postMessage(message: unknown, transfer: Transferable[]): void;
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
}
const scope = self as unknown as WorkerScope;
const post = (message: FromWorker, transfer: Transferable[] = []) => scope.postMessage(message, transfer);

useWasmThreads(wasmThreads(navigator.hardwareConcurrency));

// Paths resolve against this script's own address: a worker started from a blob (in a sandboxed frame,
// client.ts) has no address of the site to resolve them against.
const onHost = (path: string) => new URL(path, import.meta.url).href;

const session = new TrainingSession({
  post,
  chooseBackend: (wasmPrefix, backends, probe) =>
    chooseBackend(onHost(wasmPrefix), backends as BackendName[], probe ? probeTrainingSpeed : undefined),
  backendLost,
  onBackendLost,
  fallBack,
  loadDigits: () => loadDigits(onHost(digitsUrl())),
  async loadWeights(url) {
    const response = await fetch(onHost(url));
    if (!response.ok)
      throw new Error(`The pretrained weights could not be loaded (${response.status} ${response.statusText}).`);
    const { tensors, meta } = decodeWeights(new Uint8Array(await response.arrayBuffer()));
    return { tensors, steps: meta.steps };
  },
  now: () => performance.now(),
});

/**
 * Takes over the worker's messages from its entry (train.worker.ts): first those that came while
 * this code loaded, then every later one. Messages are handled one at a time, in order: a "start"
 * must not overtake the "setup" before it.
 */
export function listen(early: readonly ToWorker[]): void {
  let queue = Promise.resolve();
  const enqueue = (message: ToWorker) => (queue = queue.then(() => session.handle(message)));
  early.forEach(enqueue);
  scope.onmessage = (event: MessageEvent<ToWorker>) => enqueue(event.data);
  post({ type: "hello" });
}

// For tests of the recovery from a lost GPU context (tests/e2e/widget-vae.spec.ts), which force
// WebGL through the page's backend override: loses the context as a crashed GPU driver would.
Object.assign(self, {
  loseWebglContext(): boolean {
    const gl = (tf.backend() as unknown as { gpgpu?: { gl?: WebGLRenderingContext } }).gpgpu?.gl;
    const extension = gl?.getExtension("WEBGL_lose_context");
    extension?.loseContext();
    return Boolean(extension);
  },
});
