import { AutoencoderTrainer } from "./autoencoder-trainer";
import type { Digits } from "./digits-format";
import type { FromWorker, Progress, Setup, Status, ToWorker, VaeMeasurement, VaeViewRequest } from "./protocol";
import type { BackendChoice } from "./tf";
import type { StepLosses, Trainer } from "./trainer";
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
  /** The shipped weights at `url`, and how many training steps made them. */
  loadWeights(url: string): Promise<PretrainedWeights>;
  now(): number;
}

/** Training work done between two looks at the message queue, ms: short, so pause acts at once. */
const SLICE_MS = 40;
const PROGRESS_EVERY_MS = 250;
/**
 * A step's loss terms are computed and read back when this long has passed since the last read (and
 * on the budget's last step): the curve's points average those steps, and a diverged run is caught
 * at the next read. Shorter than PROGRESS_EVERY_MS, so every progress message has some.
 */
const LOSSES_EVERY_MS = 150;
/** Held-out evaluation every this much training time (it costs ~5% of it). */
const EVALUATE_EVERY_MS = 3000;
/** Backends whose device can be lost, taking the weights with it: the session keeps copies on the CPU. */
const GPU_BACKENDS: readonly string[] = ["webgl", "webgpu"];
const BACKEND_NAMES: Record<string, string> = { wasm: "WASM", cpu: "the CPU", webgl: "WebGL", webgpu: "WebGPU" };

/** Each model's trainer, built for a setup: fresh (or pretrained) weights, or going on from `resume`. */
const TRAINERS: {
  [M in Setup["model"]]: (
    setup: Extract<Setup, { model: M }>,
    digits: Digits,
    weights: () => Promise<PretrainedWeights>,
    resume?: TrainerState,
  ) => Trainer | Promise<Trainer>;
} = {
  autoencoder: (setup, digits, _weights, resume) => new AutoencoderTrainer(digits, setup, resume),
  vae: async (setup, digits, weights, resume) => {
    const shipped = setup.pretrained && !resume ? await weights() : undefined;
    return new VaeTrainer(digits, setup, shipped?.tensors, resume, shipped?.steps);
  },
};

/** Weights as shipped (src/ml/weights-format.ts): the tensors, and the training steps that made them. */
export interface PretrainedWeights {
  readonly tensors: Float32Array[];
  readonly steps: number;
}

/** Running sums of the training steps' loss terms since the last progress message. */
interface StepTotals {
  readonly sums: Record<string, number>;
  steps: number;
}
const noSteps = (): StepTotals => ({ sums: {}, steps: 0 });

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
  /** The current budget: where it began (training time, the trainer's step count) and ends. */
  private budgetStartMs = 0;
  private budgetStartStep = 0;
  private budgetEndMs = 0;
  private nextEvaluationMs = 0;
  private lastProgress = 0;
  private lastLossRead = -Infinity;
  /** The last training step's duration, ms: to tell the budget's last step coming. */
  private lastStepMs = 0;
  private totals = noSteps();
  /** Figures measured while the model rests (see Trainer.measure), a chunk per turn. */
  private measuring?: Generator<VaeMeasurement | undefined, void>;
  /** The k of the last measurement started, to measure again when the page asks another. */
  private measuredK?: number;
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
    if (this.status === "training") this.trainSlice();
    else this.measureSlice();
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
          this.stopMeasuring();
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
            this.stopMeasuring();
            this.setStatus("training");
            this.schedule();
          } else this.restateStatus();
          break;
        case "views":
          this.views = message.views;
          if (this.status !== "training" && this.trainer) {
            this.evaluate(this.status === "done");
            if (this.measuredK !== message.views.k) this.startMeasuring();
          }
          break;
        case "evaluate":
          if (message.views) this.views = message.views;
          if (message.noise !== undefined) this.trainer!.setTestNoise?.(message.noise);
          if (this.status !== "training") {
            this.evaluate(this.status === "done");
            if (this.measuredK !== this.views?.k) this.startMeasuring();
          }
          this.restateStatus();
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
    this.stopMeasuring();
    this.trainer?.dispose();
    this.trainer = undefined;
    this.channel.port1.close();
    this.channel.port2.close();
  }

  private async rebuild(): Promise<void> {
    if (!this.setup || !this.digits) return;
    this.setStatus("loading");
    this.stopMeasuring();
    this.trainer?.dispose();
    this.trainer = undefined;
    this.saved = undefined;
    this.trainedMs = 0;
    this.trainer = await this.createTrainer();
    this.evaluate(false);
    this.startMeasuring();
    this.setStatus("idle");
  }

  /** A trainer for the current setup: fresh (or pretrained) weights, or going on from `resume`. */
  private async createTrainer(resume?: TrainerState): Promise<Trainer> {
    const setup = this.setup!;
    const create = TRAINERS[setup.model] as (
      setup: Setup,
      ...rest: Parameters<(typeof TRAINERS)["vae"]> extends [unknown, ...infer R] ? R : never
    ) => Trainer | Promise<Trainer>;
    return create(setup, this.digits!, () => this.host.loadWeights(this.weightsUrl), resume);
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
    this.stopMeasuring();
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
      this.totals = noSteps();
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
      if (before !== "training") this.startMeasuring();
      this.setStatus(before === "loading" ? "idle" : before);
      this.schedule();
    } catch (error) {
      this.host.post({ type: "error", message: `${reason}, and training cannot go on: ${errorText(error)}` });
    }
  }

  private beginBudget(): void {
    if (!this.setup) return;
    // A new budget, from where the model stands (Train after a budget ended goes on from that model).
    this.budgetStartMs = this.trainedMs;
    this.budgetStartStep = this.trainer?.steps ?? 0;
    this.budgetEndMs = this.trainedMs + this.setup.seconds * 1000;
    this.nextEvaluationMs = this.trainedMs + EVALUATE_EVERY_MS;
    this.setStatus("training");
  }

  private schedule(): void {
    if (this.scheduled || (this.status !== "training" && !this.measuring)) return;
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
      const readLosses =
        started - this.lastLossRead >= LOSSES_EVERY_MS || this.trainedMs + this.lastStepMs >= this.budgetEndMs;
      // The fraction of the budget's training time spent: the step sizes decay with it.
      const used = (this.trainedMs - this.budgetStartMs) / (this.budgetEndMs - this.budgetStartMs);
      let losses: StepLosses | undefined;
      try {
        losses = trainer.step(readLosses, { startStep: this.budgetStartStep, used });
      } catch (error) {
        if (!this.lost()) this.host.post({ type: "error", message: `Training failed: ${errorText(error)}` });
        return;
      }
      this.lastStepMs = this.host.now() - started;
      this.trainedMs += this.lastStepMs;
      if (!losses) continue;
      this.lastLossRead = started;
      const values = Object.values(losses);
      if (!values.every(Number.isFinite)) {
        if (this.lost()) return;
        this.postProgress();
        this.setStatus(
          "diverged",
          `Training diverged at step ${trainer.steps}: the loss became ${values.some(Number.isNaN) ? "NaN" : "infinite"}. ` +
            "Training has stopped; press Reset to start again from fresh weights.",
        );
        return;
      }
      for (const [name, value] of Object.entries(losses))
        this.totals.sums[name] = (this.totals.sums[name] ?? 0) + value;
      this.totals.steps += 1;
    }
    if (this.lost()) return;
    if (this.host.now() - this.lastProgress >= PROGRESS_EVERY_MS) this.postProgress();
    if (this.trainedMs >= this.budgetEndMs) {
      this.postProgress();
      this.evaluate(true);
      this.startMeasuring();
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
    const { sums, steps } = this.totals;
    // The trainer's own loss names (recon and kl, or mse), each averaged over the steps since the last report.
    const train = Object.fromEntries(
      Object.entries(sums).map(([name, sum]) => [name, sum / Math.max(1, steps)]),
    ) as Progress["train"];
    return {
      steps: trainer?.steps ?? 0,
      epochs: trainer?.epochs ?? 0,
      elapsed: seconds,
      stepsPerSecond: seconds > 0 ? (trainer?.steps ?? 0) / seconds : 0,
      train,
    };
  }

  private postProgress(): void {
    if (this.totals.steps === 0) return;
    this.host.post({ type: "progress", progress: this.progress() });
    this.totals = noSteps();
    this.lastProgress = this.host.now();
  }

  /** Posts held-out figures and views; on a GPU backend, first copies the training state to the CPU. */
  private evaluate(final: boolean): void {
    const trainer = this.trainer;
    if (!trainer || this.lost()) return;
    const saved = GPU_BACKENDS.includes(this.backend ?? "")
      ? { state: trainer.snapshot(), trainedMs: this.trainedMs }
      : undefined;
    const evaluation = trainer.evaluate(this.views);
    // A context lost meanwhile reads back zeros, not errors: keep neither that copy nor those figures.
    if (this.lost()) return;
    if (saved) this.saved = saved;
    const transfer = Object.values(evaluation)
      .filter((value): value is Float32Array => value instanceof Float32Array)
      .map((array) => array.buffer as ArrayBuffer);
    this.host.post({ type: "evaluation", progress: this.progress(), evaluation, final }, transfer);
  }

  /** Starts measuring the model at rest, if its trainer measures anything and there is something worth it. */
  private startMeasuring(): void {
    this.stopMeasuring();
    this.measuring = this.trainer?.measure?.(this.views);
    this.measuredK = this.measuring ? this.views?.k : undefined;
    // Posted before the status that follows, so the page keeps data-ready off until "measured".
    if (this.measuring) this.host.post({ type: "measuring" });
    this.schedule();
  }

  /** Drops a measurement under way (the model is about to change); its generator releases its tensors. */
  private stopMeasuring(): void {
    this.measuring?.return();
    this.measuring = undefined;
    this.measuredK = undefined;
  }

  /** Measures for a slice of time, posting each figure as it is ready, then yields to messages. */
  private measureSlice(): void {
    const job = this.measuring;
    if (!job || this.lost()) return;
    const sliceEnd = this.host.now() + SLICE_MS;
    try {
      while (this.host.now() < sliceEnd) {
        const next = job.next();
        if (next.done) {
          this.measuring = undefined;
          this.host.post({ type: "measured" });
          return;
        }
        if (next.value) this.host.post({ type: "measurement", measurement: next.value });
      }
    } catch (error) {
      this.measuring = undefined;
      if (!this.lost()) this.host.post({ type: "error", message: `Measuring the model failed: ${errorText(error)}` });
      this.host.post({ type: "measured" });
      return;
    }
    this.schedule();
  }

  private decode(id: number, codes: Float32Array, count: number): void {
    const trainer = this.trainer;
    // Always answer, so the page never waits on a request made while the model was being rebuilt.
    let pixels: Float32Array = new Float32Array(0);
    try {
      if (trainer?.decode) pixels = trainer.decode(codes, count);
    } catch {
      // Codes of another latent size (sent before a rebuild): answer with no pixels.
    }
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

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
