// The page's side of a training worker: creates it, reports a worker that cannot start (instead
// of waiting for ever), and terminates it, which frees every tensor, when the widget goes away.
import type { FromWorker, Setup, ToWorker, VaeViewRequest } from "./protocol";
import { pretrainedFile } from "./weights-format";
import trainWorkerUrl from "./train.worker.ts?worker&url";

/** How long a worker may take to load its code (TensorFlow.js included) before we call it failed. */
const START_TIMEOUT_MS = 30_000;

/** Backends the speed probe times, in order of preference on a tie (WASM cannot lose a GPU context). */
const PROBED_BACKENDS = ["wasm", "webgpu", "webgl", "cpu"];
/** Fallbacks that need no GPU, for a page whose backend is already chosen. */
const FALLBACKS = ["wasm", "cpu"];
/** A developer's (or a test's) pick of backend for this browser, skipping the probe: localStorage[key] = "webgl". */
export const BACKEND_OVERRIDE_KEY = "vae-backend";

/**
 * The backend of this page's workers, chosen once per page: the first worker probes, later ones
 * wait for its choice and start with it. Undefined again if that worker fails before choosing.
 */
let pageBackend: Promise<string | undefined> | undefined;

interface BackendRequest {
  readonly backends: readonly string[];
  readonly probe: boolean;
}

const startWith = (name: string): BackendRequest => ({
  backends: [name, ...FALLBACKS.filter((other) => other !== name)],
  probe: false,
});

function backendOverride(): string | undefined {
  try {
    const name = localStorage.getItem(BACKEND_OVERRIDE_KEY);
    return name && PROBED_BACKENDS.includes(name) ? name : undefined;
  } catch {
    return undefined;
  }
}

export class TrainingClient {
  private worker?: Worker;
  private timer = 0;
  private decodeId = 0;
  private readonly pendingDecodes = new Map<number, (pixels: Float32Array) => void>();
  /** Messages go out in order, after the setup, which may wait for the page's choice of backend. */
  private outbox: Promise<void> = Promise.resolve();
  /** Settles the page's choice, while this client's worker is the one probing for it. */
  private settleChoice?: (name: string | undefined) => void;

  constructor(
    private readonly onMessage: (message: FromWorker) => void,
    private readonly onFailure: (message: string) => void,
  ) {}

  /** Starts the worker (once) and sends it a setup; everything after arrives through onMessage. */
  configure(setup: Setup, views?: VaeViewRequest): void {
    const worker = this.worker ?? this.spawn();
    if (!worker) return;
    const base = import.meta.env.BASE_URL;
    const weightsUrl = setup.model === "vae" ? `${base}${pretrainedFile(setup.latent)}` : "";
    this.outbox = this.outbox.then(async () => {
      const request = await this.backendRequest();
      const message: ToWorker = { type: "setup", setup, views, wasmPrefix: `${base}tfjs/`, weightsUrl, ...request };
      this.worker?.postMessage(message);
    });
  }

  /** Sends a message in order; one that finds no worker (it failed, or was never made) is reported, not dropped. */
  send(message: ToWorker, transfer: Transferable[] = []): void {
    this.outbox = this.outbox.then(() => {
      if (this.worker) this.worker.postMessage(message, transfer);
      else this.onFailure(`The training worker is not running, so “${message.type}” cannot be done; reload the page.`);
    });
  }

  /** The backends this worker tries, and whether it times them: the page's choice once there is one. */
  private async backendRequest(): Promise<BackendRequest> {
    const override = backendOverride();
    if (override) return startWith(override);
    if (this.settleChoice) return { backends: PROBED_BACKENDS, probe: true };
    for (let pending = pageBackend; pending; pending = pageBackend) {
      const name = await pending;
      if (name) return startWith(name);
    }
    pageBackend = new Promise((resolve) => (this.settleChoice = resolve));
    return { backends: PROBED_BACKENDS, probe: true };
  }

  /** Lets the page's other workers go on once this one has failed or gone before choosing. */
  private releaseChoice(): void {
    if (!this.settleChoice) return;
    pageBackend = undefined;
    this.settleChoice(undefined);
    this.settleChoice = undefined;
  }

  /** Decodes `count` codes with the current weights. */
  decode(codes: Float32Array, count: number): Promise<Float32Array> {
    const id = ++this.decodeId;
    return new Promise((resolve) => {
      this.pendingDecodes.set(id, resolve);
      this.send({ type: "decode", id, codes, count });
    });
  }

  dispose(): void {
    window.clearTimeout(this.timer);
    this.worker?.terminate();
    this.worker = undefined;
    this.pendingDecodes.clear();
    this.releaseChoice();
  }

  private spawn(): Worker | undefined {
    let worker: Worker;
    try {
      worker =
        self.origin === "null"
          ? workerFromBlob(new URL(trainWorkerUrl, location.href).href)
          : new Worker(trainWorkerUrl, { type: "module", name: "training" });
    } catch (error) {
      this.onFailure(
        `The training worker could not be created: ${error instanceof Error ? error.message : String(error)}.`,
      );
      return undefined;
    }
    this.worker = worker;
    this.timer = window.setTimeout(
      () => this.fail("The training worker did not start within 30 seconds."),
      START_TIMEOUT_MS,
    );
    worker.addEventListener("error", (event) => {
      event.preventDefault();
      this.fail(`The training worker failed: ${event.message || "its script could not be loaded"}.`);
    });
    worker.addEventListener("messageerror", () =>
      this.fail("The training worker sent a message that could not be read."),
    );
    worker.addEventListener("message", (event: MessageEvent<FromWorker>) => {
      const message = event.data;
      if (message.type === "hello") window.clearTimeout(this.timer);
      if (message.type === "backend") {
        this.settleChoice?.(message.name);
        this.settleChoice = undefined;
        pageBackend = Promise.resolve(message.name);
      }
      if (message.type === "error") this.releaseChoice();
      if (message.type === "decoded") {
        this.pendingDecodes.get(message.id)?.(message.pixels);
        this.pendingDecodes.delete(message.id);
        return;
      }
      this.onMessage(message);
    });
    return worker;
  }

  private fail(message: string): void {
    this.dispose();
    this.onFailure(message);
  }
}

/**
 * Starts the training worker in a frame sandboxed without allow-same-origin (a course page's
 * <iframe sandbox="allow-scripts">), whose origin is "null": it may not start a worker from the site's
 * address, nor a module worker from a blob, but it may start a classic one from a blob, which imports
 * the worker's module from the site (the site must send Access-Control-Allow-Origin, as GitHub Pages
 * does). Messages that arrive while the module loads are held and given to it in order.
 */
function workerFromBlob(moduleUrl: string): Worker {
  const source = `"use strict";
let held = [];
addEventListener("message", (event) => {
  if (!held) return;
  held.push(event.data);
  event.stopImmediatePropagation();
});
import(${JSON.stringify(moduleUrl)}).then(
  () => {
    const early = held;
    held = undefined;
    for (const data of early) dispatchEvent(new MessageEvent("message", { data }));
  },
  (error) => postMessage({ type: "error", message: "The training worker's code could not be loaded from " + ${JSON.stringify(moduleUrl)} + ": " + error + "." }),
);`;
  const url = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
  try {
    return new Worker(url, { name: "training" });
  } finally {
    // The worker has fetched its script by the time it runs; the address is not needed after that.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
}
