// The page's side of a training worker: creates it, reports a worker that cannot start (instead
// of waiting for ever), and terminates it, which frees every tensor, when the widget goes away.
import type { FromWorker, Setup, ToWorker, VaeViewRequest } from "./protocol";
import { pretrainedFile } from "./weights-format";

/** How long a worker may take to load its code (TensorFlow.js included) before we call it failed. */
const START_TIMEOUT_MS = 30_000;

/** The backend the first worker of this page settled on: later workers start with it (one choice per page). */
let pageBackend: string | undefined;

export class TrainingClient {
  private worker?: Worker;
  private timer = 0;
  private decodeId = 0;
  private readonly pendingDecodes = new Map<number, (pixels: Float32Array) => void>();

  constructor(
    private readonly onMessage: (message: FromWorker) => void,
    private readonly onFailure: (message: string) => void,
  ) {}

  /** Starts the worker (once) and sends it a setup; everything after arrives through onMessage. */
  configure(setup: Setup, views?: VaeViewRequest): void {
    const worker = this.worker ?? this.spawn();
    if (!worker) return;
    const base = import.meta.env.BASE_URL;
    const backends = pageBackend
      ? [pageBackend, ...["wasm", "cpu"].filter((name) => name !== pageBackend)]
      : ["wasm", "cpu"];
    const weightsUrl = setup.model === "vae" ? `${base}${pretrainedFile(setup.latent)}` : "";
    this.send({ type: "setup", setup, views, wasmPrefix: `${base}tfjs/`, weightsUrl, backends });
  }

  send(message: ToWorker, transfer: Transferable[] = []): void {
    this.worker?.postMessage(message, transfer);
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
  }

  private spawn(): Worker | undefined {
    let worker: Worker;
    try {
      worker = new Worker(new URL("./train.worker.ts", import.meta.url), { type: "module", name: "training" });
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
      if (message.type === "backend") pageBackend = message.name;
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
