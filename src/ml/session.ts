import { principalAxes } from "../lib/principalAxes";
import { AutoencoderTrainer } from "./autoencoder-trainer";
import { gatherDigits, type Digits } from "./digits-format";
import { createRandom } from "../lib/random";
import {
  STRIP_SIZE,
  type AutoencoderEvaluationMessage,
  type FromWorker,
  type Progress,
  type Setup,
  type Status,
  type ToWorker,
  type VaeEvaluationMessage,
  type VaeViewRequest,
} from "./protocol";
import type { BackendChoice } from "./tf";
import type { TrainerState } from "./trainer-state";
import { VaeTrainer } from "./vae-trainer";

/** What the session needs from its surroundings: the worker provides these, tests fake them. */
export interface SessionHost {
  post(message: FromWorker, transfer?: Transferable[]): void;
  /** Chooses the backend (once per worker): the first of `backends` that starts, or the fastest if `probe`. */
  chooseBackend(wasmPrefix: string, backends: readonly string[], probe: boolean): Promise<BackendChoice>;
  /** Why the backend in use can no longer compute (its GPU context was lost), or undefined while it can. */
  backendLost(): string | undefined;
  /** Calls `listener` when the backend in use loses its GPU context. */
  onBackendLost(listener: (reason: string) => void): void;
  /** Moves to the next backend after such a loss. */
  fallBack(): Promise<BackendChoice>;
  loadDigits(): Promise<Digits>;
  loadWeights(url: string): Promise<Float32Array[]>;
  now(): number;
}

/** Training work done between two looks at the message queue, ms: short, so pause acts at once. */
const SLICE_MS = 40;
const PROGRESS_EVERY_MS = 250;
/** Held-out evaluation every this much training time (it costs ~5% of it). */
const EVALUATE_EVERY_MS = 3000;
/** Backends whose device can be lost, taking the weights with it: the session keeps copies on the CPU. */
const GPU_BACKENDS: readonly string[] = ["webgl", "webgpu"];
const BACKEND_NAMES: Record<string, string> = { wasm: "WASM", cpu: "the CPU", webgl: "WebGL", webgpu: "WebGPU" };

type Trainer = VaeTrainer | AutoencoderTrainer;

/**
 * The training worker's logic, apart from the worker so that Node tests can drive it: builds the
 * model for a setup, trains it in short slices within a time budget, posts progress and held-out
 * evaluations, stops a diverging run, answers decode requests. On a GPU backend it copies the
 * training state to the CPU at each held-out evaluation (every few seconds, on pause and at the
 * end), so that when the GPU context is lost it goes on from that copy on the next backend.
 */
export class TrainingSession {
  private setup?: Setup;
  private views?: VaeViewRequest;
  private weightsUrl = "";
  private digits?: Digits;
  private trainer?: Trainer;
  private status: Status = "loading";
  private statusMessage?: string;
  private trainedMs = 0;
  private budgetEndMs = 0;
  private nextEvaluationMs = 0;
  private lastProgress = 0;
  private sums = { a: 0, b: 0, n: 0 };
  private readonly channel = new MessageChannel();
  private scheduled = false;
  private backend?: string;
  /** The last copy of the training state taken on a GPU backend, with the training time it had. */
  private saved?: { readonly state: TrainerState; readonly trainedMs: number };
  private recovering?: Promise<void>;

  constructor(private readonly host: SessionHost) {
    this.channel.port1.onmessage = () => this.onTurn();
    host.onBackendLost((reason) => void this.recover(reason));
  }

  private readonly onTurn = (): void => {
    this.scheduled = false;
    this.trainSlice();
  };

  async handle(message: ToWorker): Promise<void> {
    try {
      await this.recovering;
      if (this.trainer && this.lost()) await this.recovering;
      // A request that needs a model, when none was set up (or its setup failed), is answered with
      // an error; "views" only redraws a model's pictures, and "decode" always answers.
      const needsModel = message.type !== "setup" && message.type !== "decode" && message.type !== "views";
      if (needsModel && !this.trainer)
        throw new Error(`The training worker cannot act on “${message.type}”: no model has been set up`);
      switch (message.type) {
        case "setup":
          this.setup = message.setup;
          this.views = message.views;
          this.weightsUrl = message.weightsUrl;
          this.setStatus("loading");
          {
            const [backend, digits] = await Promise.all([
              this.host.chooseBackend(message.wasmPrefix, message.backends, message.probe),
              this.host.loadDigits(),
            ]);
            this.postBackend(backend);
            this.digits = digits;
          }
          await this.rebuild();
          break;
        case "reset":
          await this.rebuild();
          break;
        case "start":
          if (this.status === "idle" || this.status === "done") this.beginBudget();
          else if (this.status === "paused") this.setStatus("training");
          else this.restateStatus();
          this.schedule();
          break;
        case "pause":
          if (this.status === "training") {
            this.postProgress();
            this.evaluate(false);
            this.setStatus("paused");
          } else this.restateStatus();
          break;
        case "resume":
          if (this.status === "paused") {
            this.setStatus("training");
            this.schedule();
          } else this.restateStatus();
          break;
        case "views":
          this.views = message.views;
          if (this.status !== "training" && this.trainer) this.evaluate(this.status === "done");
          break;
        case "decode":
          this.decode(message.id, message.codes, message.count);
          break;
      }
    } catch (error) {
      this.host.post({ type: "error", message: errorText(error) });
    }
  }

  dispose(): void {
    this.trainer?.dispose();
    this.trainer = undefined;
    this.channel.port1.close();
    this.channel.port2.close();
  }

  private async rebuild(): Promise<void> {
    if (!this.setup || !this.digits) return;
    this.setStatus("loading");
    this.trainer?.dispose();
    this.trainer = undefined;
    this.saved = undefined;
    this.trainedMs = 0;
    this.trainer = await this.createTrainer();
    this.evaluate(false);
    this.setStatus("idle");
  }

  /** A trainer for the current setup: fresh (or pretrained) weights, or going on from `resume`. */
  private async createTrainer(resume?: TrainerState): Promise<Trainer> {
    const setup = this.setup!;
    const digits = this.digits!;
    if (setup.model === "autoencoder") return new AutoencoderTrainer(digits, setup, resume);
    const weights = setup.pretrained && !resume ? await this.host.loadWeights(this.weightsUrl) : undefined;
    return new VaeTrainer(digits, setup, weights, resume);
  }

  private postBackend(backend: BackendChoice, lost?: string, restoredStep?: number): void {
    this.backend = backend.name;
    const { name, detail, fallbacks, trials } = backend;
    this.host.post({ type: "backend", name, detail, fallbacks, trials, lost, restoredStep });
  }

  /** True, and recovery under way, when the backend in use has lost its GPU context. */
  private lost(): boolean {
    const reason = this.host.backendLost();
    if (reason !== undefined) void this.recover(reason);
    return reason !== undefined;
  }

  private recover(reason: string): Promise<void> {
    this.recovering ??= this.moveToNextBackend(reason).finally(() => (this.recovering = undefined));
    return this.recovering;
  }

  /**
   * After a lost GPU context: drops the trainer (its tensors went with the context), moves to the
   * next backend, rebuilds the trainer there from the last copy of its state, tells the page, and
   * goes on as before (training if it was).
   */
  private async moveToNextBackend(reason: string): Promise<void> {
    const before = this.status;
    const saved = this.saved;
    this.setStatus("loading");
    try {
      this.trainer?.dispose();
    } catch {
      // Releasing textures of a lost context may fail; they are gone with it anyway.
    }
    this.trainer = undefined;
    this.saved = undefined;
    try {
      const backend = await this.host.fallBack();
      if (this.setup && this.digits) this.trainer = await this.createTrainer(saved?.state);
      this.trainedMs = saved?.trainedMs ?? 0;
      this.sums = { a: 0, b: 0, n: 0 };
      this.nextEvaluationMs = this.trainedMs + EVALUATE_EVERY_MS;
      const step = this.trainer?.steps ?? 0;
      const training = before === "training";
      const name = BACKEND_NAMES[backend.name] ?? backend.name;
      this.postBackend(
        backend,
        training
          ? `${reason}; training continues on ${name} from step ${step}.`
          : `${reason}; the model was restored on ${name} at step ${step}.`,
        step,
      );
      this.evaluate(false);
      this.setStatus(before === "loading" ? "idle" : before);
      this.schedule();
    } catch (error) {
      this.host.post({ type: "error", message: `${reason}, and training cannot go on: ${errorText(error)}` });
    }
  }

  private beginBudget(): void {
    if (!this.setup) return;
    this.budgetEndMs = this.trainedMs + this.setup.seconds * 1000;
    this.nextEvaluationMs = this.trainedMs + EVALUATE_EVERY_MS;
    this.setStatus("training");
  }

  private schedule(): void {
    if (this.scheduled || this.status !== "training") return;
    this.scheduled = true;
    // Yield to incoming messages (pause!) between slices without setTimeout's 4 ms clamping: a
    // message to ourselves in a browser; in Node, whose ports drain before timers run, setImmediate.
    if (typeof setImmediate === "function") setImmediate(this.onTurn);
    else this.channel.port2.postMessage(null);
  }

  private trainSlice(): void {
    const trainer = this.trainer;
    if (this.status !== "training" || !trainer || this.lost()) return;
    const sliceEnd = this.host.now() + SLICE_MS;
    while (this.host.now() < sliceEnd && this.trainedMs < this.budgetEndMs) {
      const started = this.host.now();
      let result: ReturnType<Trainer["step"]>;
      try {
        result = trainer.step();
      } catch (error) {
        if (!this.lost()) this.host.post({ type: "error", message: `Training failed: ${errorText(error)}` });
        return;
      }
      this.trainedMs += this.host.now() - started;
      const [a, b] = typeof result === "number" ? [result, 0] : [result.recon, result.kl];
      if (!Number.isFinite(a) || !Number.isFinite(b)) {
        if (this.lost()) return;
        this.postProgress();
        this.setStatus(
          "diverged",
          `Training diverged at step ${trainer.steps}: the loss became ${Number.isNaN(a + b) ? "NaN" : "infinite"}. ` +
            "Training has stopped; press Reset to start again from fresh weights.",
        );
        return;
      }
      this.sums.a += a;
      this.sums.b += b;
      this.sums.n += 1;
    }
    if (this.lost()) return;
    if (this.host.now() - this.lastProgress >= PROGRESS_EVERY_MS) this.postProgress();
    if (this.trainedMs >= this.budgetEndMs) {
      this.postProgress();
      this.evaluate(true);
      this.setStatus("done");
      return;
    }
    if (this.trainedMs >= this.nextEvaluationMs) {
      this.nextEvaluationMs = this.trainedMs + EVALUATE_EVERY_MS;
      this.evaluate(false);
    }
    this.schedule();
  }

  private progress(): Progress {
    const trainer = this.trainer;
    const seconds = this.trainedMs / 1000;
    const n = Math.max(1, this.sums.n);
    const train =
      this.setup?.model === "autoencoder" ? { mse: this.sums.a / n } : { recon: this.sums.a / n, kl: this.sums.b / n };
    return {
      steps: trainer?.steps ?? 0,
      epochs: trainer?.epochs ?? 0,
      elapsed: seconds,
      stepsPerSecond: seconds > 0 ? (trainer?.steps ?? 0) / seconds : 0,
      train,
    };
  }

  private postProgress(): void {
    if (this.sums.n === 0) return;
    this.host.post({ type: "progress", progress: this.progress() });
    this.sums = { a: 0, b: 0, n: 0 };
    this.lastProgress = this.host.now();
  }

  /** Posts held-out figures and views; on a GPU backend, first copies the training state to the CPU. */
  private evaluate(final: boolean): void {
    const trainer = this.trainer;
    if (!trainer || this.lost()) return;
    const saved = GPU_BACKENDS.includes(this.backend ?? "")
      ? { state: trainer.snapshot(), trainedMs: this.trainedMs }
      : undefined;
    const evaluation = trainer instanceof VaeTrainer ? this.evaluateVae(trainer) : this.evaluateAutoencoder(trainer);
    // A context lost meanwhile reads back zeros, not errors: keep neither that copy nor those figures.
    if (this.lost()) return;
    if (saved) this.saved = saved;
    const transfer = Object.values(evaluation)
      .filter((value): value is Float32Array => value instanceof Float32Array)
      .map((array) => array.buffer as ArrayBuffer);
    this.host.post({ type: "evaluation", progress: this.progress(), evaluation, final }, transfer);
  }

  private evaluateAutoencoder(trainer: AutoencoderTrainer): AutoencoderEvaluationMessage {
    const mse = trainer.evaluate();
    const strip = trainer.strip(firstOfEachClass(this.digits!, STRIP_SIZE));
    const random = trainer.decodeRandomCodes(STRIP_SIZE, createRandom(this.setup?.seed ?? 1));
    return { model: "autoencoder", mse, ...strip, random };
  }

  private evaluateVae(trainer: VaeTrainer): VaeEvaluationMessage {
    const digits = this.digits!;
    const { latent } = trainer.config;
    const { recon, kl, elbo } = trainer.evaluate();
    const codes = trainer.codes();
    const count = digits.heldOut.count;
    const activity = varianceOfColumns(codes, latent);
    const views = this.views;
    const reconstructIndices = firstOfEachClass(digits, views?.reconstructCount ?? 0);
    const [from, to] = (views?.interpolate ?? [0, 1]).map((label) =>
      Math.max(0, digits.heldOut.labels.indexOf(label)),
    ) as [number, number];
    const steps = views?.interpolationSteps ?? 0;
    const path = new Float32Array(steps * latent);
    for (let s = 0; s < steps; s++) {
      const t = steps === 1 ? 0 : s / (steps - 1);
      for (let j = 0; j < latent; j++)
        path[s * latent + j] = (1 - t) * codes[from * latent + j]! + t * codes[to * latent + j]!;
    }
    const priorCount = views ? views.priorCodes.length / latent : 0;
    let projection: VaeEvaluationMessage["projection"];
    if (latent > 2) {
      const { axes, mean } = principalAxes(codes, latent, 2);
      const points = new Float32Array(count * 2);
      for (let i = 0; i < count; i++) {
        for (let k = 0; k < 2; k++) {
          let dot = 0;
          for (let j = 0; j < latent; j++) dot += (codes[i * latent + j]! - mean[j]!) * axes[k]![j]!;
          points[i * 2 + k] = dot;
        }
      }
      projection = { points, axes, mean };
    }
    let grid: Float32Array | undefined;
    if (latent === 2 && views && views.gridSide > 0) {
      const side = views.gridSide;
      const z = new Float32Array(side * side * 2);
      for (let row = 0; row < side; row++) {
        for (let col = 0; col < side; col++) {
          const i = row * side + col;
          z[i * 2] = -views.gridRange + (2 * views.gridRange * col) / (side - 1);
          z[i * 2 + 1] = views.gridRange - (2 * views.gridRange * row) / (side - 1);
        }
      }
      grid = trainer.decode(z, side * side);
    }
    return {
      model: "vae",
      recon,
      kl,
      elbo,
      codes,
      labels: digits.heldOut.labels.slice(),
      projection,
      activity,
      reconstructed: reconstructIndices,
      ends: [from, to],
      originals: gatherDigits(digits.heldOut, reconstructIndices),
      reconstructions: reconstructIndices.length ? trainer.reconstruct(reconstructIndices) : new Float32Array(0),
      samples: priorCount ? trainer.decode(views!.priorCodes, priorCount) : new Float32Array(0),
      interpolation: steps ? trainer.decode(path, steps) : new Float32Array(0),
      grid,
    };
  }

  private decode(id: number, codes: Float32Array, count: number): void {
    const trainer = this.trainer;
    // Always answer, so the page never waits on a request made while the model was being rebuilt.
    const pixels =
      trainer instanceof VaeTrainer && codes.length === count * trainer.config.latent
        ? trainer.decode(codes, count)
        : new Float32Array(0);
    this.host.post({ type: "decoded", id, pixels }, [pixels.buffer as ArrayBuffer]);
  }

  private setStatus(status: Status, message?: string): void {
    this.status = status;
    this.statusMessage = message;
    this.host.post({ type: "status", status, message });
  }

  /** Answers a request that does not apply to the current status (pause while idle, …) with that status. */
  private restateStatus(): void {
    this.host.post({ type: "status", status: this.status, message: this.statusMessage });
  }
}

/** Indices of the first held-out digit of each class, 0, 1, …, up to `count` of them. */
export function firstOfEachClass(digits: Digits, count: number): number[] {
  const out: number[] = [];
  for (let label = 0; label < count; label++) {
    const index = digits.heldOut.labels.indexOf(label % 10);
    if (index >= 0) out.push(index);
  }
  return out;
}

function varianceOfColumns(rows: Float32Array, columns: number): number[] {
  const n = rows.length / columns;
  return Array.from({ length: columns }, (_, j) => {
    let sum = 0;
    let sumSq = 0;
    for (let i = 0; i < n; i++) {
      const value = rows[i * columns + j]!;
      sum += value;
      sumSq += value * value;
    }
    const mean = sum / n;
    return Math.max(0, sumSq / n - mean * mean);
  });
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
