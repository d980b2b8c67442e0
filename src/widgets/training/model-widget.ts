import { formatNumber } from "../../lib/format";
import { TrainingClient } from "../../ml/client";
import type { FromWorker, Progress, Setup, Status, ToWorker, VaeViewRequest } from "../../ml/protocol";
import { WidgetElement } from "../widget-element";
import { workerBlockedByFrame } from "../parts/sandbox";

type Evaluation = Extract<FromWorker, { type: "evaluation" }>;
type BackendMessage = Extract<FromWorker, { type: "backend" }>;
type Measurement = Extract<FromWorker, { type: "measurement" }>;
type EvaluateMessage = Extract<ToWorker, { type: "evaluate" }>;

const STATUS_TEXT: Record<Status, string> = {
  loading: "Loading the digits and TensorFlow.js…",
  idle: "Ready. Press Train to start.",
  training: "Training…",
  paused: "Paused (held-out figures are for the weights now).",
  done: "Budget spent: the held-out figures are final for these weights. Train again for another budget.",
  diverged: "Diverged.",
};

/** The same, for a display without controls (controls=0): nothing to press. */
const DISPLAY_STATUS_TEXT: Record<Status, string> = {
  ...STATUS_TEXT,
  idle: "Ready.",
  paused: "Paused.",
  done: "Budget spent: the held-out figures are final for these weights.",
};

/** The settings (other than autostart) whose values differ between two states. */
function changedSettings<S extends object>(from: S, to: S): string[] {
  return Object.keys(to).filter(
    (key) => key !== "autostart" && String(from[key as keyof S]) !== String(to[key as keyof S]),
  );
}

/** The named settings of `state`, as parameter strings. */
function settingsOf<S extends object>(state: S, keys: readonly string[]): Record<string, string> {
  return Object.fromEntries(
    keys.map((key) => {
      const value = state[key as keyof S];
      return [key, typeof value === "boolean" ? (value ? "1" : "0") : String(value)];
    }),
  );
}

/**
 * What the two model widgets share: a training worker per widget (terminated on disconnect, which
 * frees its tensors), Train / Pause / Reset controls, the progress line, and readiness that follows
 * training: `data-ready` goes while a run is under way and comes back when its budget is spent and
 * the held-out evaluation is shown (contract rule 4).
 */
export abstract class ModelWidget<S extends { readonly autostart: boolean }> extends WidgetElement<S> {
  protected client?: TrainingClient;
  protected status: Status = "loading";
  private waiters: { test: (message: FromWorker) => boolean; resolve: () => void; reject: (error: Error) => void }[] =
    [];
  /** Steps the model had before this page trained it (pretrained weights' own training); `steps` counts them. */
  protected priorSteps = 0;
  /** The settings the worker's model was configured with, and the steps it has trained since. */
  private trained?: { state: S; steps: number };
  /** The state whose evaluation settings (see `measuredSettings`) the worker's figures are measured with. */
  private measuredAt?: S;
  /**
   * Settings the trained model is re-measured with when they change after training, with no training:
   * `retrain` says whether training with the new value still needs a new run (the notice offers it).
   */
  protected readonly measuredSettings: Readonly<Record<string, { readonly retrain: boolean }>> = {};
  /** True while a render() is waiting: the base class then sets data-ready itself. */
  private rendering = false;
  /** True from a first Train (which loads the model) until training starts: the "idle" between is not ready. */
  private startPending = false;
  /** True while the worker measures the model at rest (figures still to come: not ready). */
  private measuring = false;

  protected abstract setupFor(state: S): Setup;
  /**
   * Whether the state needs the model before the reader presses Train (pretrained weights to show).
   * Otherwise nothing heavy loads until Train: TensorFlow.js and the digits weigh about 2 MB.
   */
  protected needsModelAtOnce(_state: S): boolean {
    return false;
  }
  protected viewsFor(_state: S): VaeViewRequest | undefined {
    return undefined;
  }
  /** The worker's message that re-measures the trained model with the evaluation settings of `state`. */
  protected evaluateMessage(state: S): EvaluateMessage {
    return { type: "evaluate", views: this.viewsFor(state) };
  }
  protected abstract showEvaluation(message: Evaluation): void;
  /** Figures measured on the model at rest (the VAE's log p(x) and gaps). */
  protected showMeasurement(_message: Measurement): void {}
  protected abstract showProgress(progress: Progress): void;
  /** Keep the current run's curves, to draw faintly beside the next run's (a settings change that retrains). */
  protected keepForComparison(): void {}
  /** Forget curves and pictures of the previous model. */
  protected abstract clearViews(): void;
  /** Forget the points of curves after `step`: the model was restored to that step (a lost GPU context). */
  protected abstract rewindViews(step: number): void;

  /** A view became visible (charts measure their width only when shown). */
  protected onViewShown(_view: string): void {}

  /** Shows one view of the model, as tabs do (ARIA tabs pattern: arrows move between tabs). */
  protected showView(view: string): void {
    const tabs = Array.from(this.querySelectorAll<HTMLButtonElement>("[role=tab][data-view]"));
    for (const tab of tabs) {
      const selected = tab.dataset.view === view;
      tab.setAttribute("aria-selected", String(selected));
      tab.tabIndex = selected ? 0 : -1;
    }
    this.querySelectorAll<HTMLElement>("[role=tabpanel][data-panel]").forEach((panel) => {
      panel.hidden = panel.dataset.panel !== view;
    });
    this.onViewShown(view);
  }

  private setupTabs(): void {
    const tabs = Array.from(this.querySelectorAll<HTMLButtonElement>("[role=tab][data-view]"));
    tabs.forEach((tab, index) => {
      tab.addEventListener("click", () => this.showView(tab.dataset.view ?? ""), { signal: this.signal });
      tab.addEventListener(
        "keydown",
        (event) => {
          const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
          if (!step) return;
          event.preventDefault();
          const visible = tabs.filter((t) => !t.hidden);
          const next = visible[(visible.indexOf(tabs[index]!) + step + visible.length) % visible.length];
          if (!next) return;
          this.showView(next.dataset.view ?? "");
          next.focus();
        },
        { signal: this.signal },
      );
    });
  }

  protected override setup(): void {
    this.setupTabs();
    this.button("train")?.addEventListener("click", () => this.trainOrPause(), { signal: this.signal });
    this.button("reset")?.addEventListener(
      "click",
      () => {
        const notice = this.querySelector<HTMLElement>("[data-role=retrain]");
        const state = this.currentState();
        this.clearViews();
        this.removeAttribute("data-ready");
        // With the retrain notice up the settings on screen are not the model's: Reset starts over with them.
        if (notice && !notice.hidden && state) {
          this.showRetrainNotice(undefined);
          void this.load(state, this.signal).catch(() => undefined);
          return;
        }
        this.client?.send({ type: "reset" });
      },
      { signal: this.signal },
    );
  }

  protected override teardown(): void {
    this.client?.dispose();
    this.client = undefined;
    for (const waiter of this.waiters) waiter.reject(new Error("The widget was removed."));
    this.waiters = [];
  }

  protected override async render(state: S, signal: AbortSignal): Promise<void> {
    const trained = this.trained;
    const changed = trained ? changedSettings(trained.state, state) : [];
    // A model at rest keeps its weights when only settings that do not train change (the VAE's k).
    const measuredOnly = changed.length > 0 && changed.every((key) => this.measuredSettings[key]?.retrain === false);
    const resting = this.status === "done" || this.status === "paused" || (this.status === "idle" && measuredOnly);
    if (trained && !state.autostart && resting) {
      const measured = changed.filter((key) => key in this.measuredSettings);
      const retrain = changed.filter((key) => this.measuredSettings[key]?.retrain !== false);
      // A finished run is not thrown away silently: the reader chooses (docs/widgets.md, model widgets).
      this.showRetrainNotice(
        retrain.length
          ? { from: trained.state, to: state, changed: retrain, measured, steps: trained.steps }
          : undefined,
      );
      const remeasure = changedSettings(this.measuredAt ?? trained.state, state).some(
        (key) => key in this.measuredSettings,
      );
      // Re-measures the trained model at new evaluation settings, or back at its own ("Keep the trained
      // model"), whose figures a bad input in between may have emptied.
      if (remeasure || changed.length === 0) await this.remeasure(state, signal);
      return;
    }
    this.showRetrainNotice(undefined);
    this.clearViews();
    if (!this.client && !state.autostart && !this.needsModelAtOnce(state)) {
      this.clearOutputs();
      this.showUnloaded();
      return;
    }
    this.rendering = true;
    try {
      await this.load(state, signal);
      if (state.autostart && !signal.aborted) {
        const finished = this.waitFor(
          (m) => m.type === "status" && (m.status === "done" || m.status === "diverged"),
          signal,
        );
        this.client?.send({ type: "start" });
        await finished;
      }
      if (this.measuring && !signal.aborted)
        await this.waitFor((m) => m.type === "measured" || m.type === "status", signal);
    } finally {
      this.rendering = false;
    }
  }

  /** Has the worker measure the trained model with the evaluation settings of `state`, and waits for every figure. */
  private async remeasure(state: S, signal: AbortSignal): Promise<void> {
    this.measuredAt = state;
    this.rendering = true;
    try {
      const answered = this.waitFor((m) => m.type === "status", signal);
      this.client?.send(this.evaluateMessage(state));
      await answered;
      if (this.measuring && !signal.aborted)
        await this.waitFor((m) => m.type === "measured" || m.type === "status", signal);
    } finally {
      this.rendering = false;
    }
  }

  /** Creates the worker if need be, sends it the state, and waits for the first held-out evaluation. */
  private async load(state: S, signal: AbortSignal): Promise<void> {
    this.client ??= new TrainingClient(
      (message) => this.receive(message),
      // In a frame with an opaque origin no worker can start: say why and what the framing page must add.
      (message) => this.workerFailed(workerBlockedByFrame() ?? message),
    );
    const idle = this.waitFor((m) => m.type === "status" && m.status === "idle", signal);
    this.client.configure(this.setupFor(state), this.viewsFor(state));
    this.trained = { state, steps: 0 };
    this.measuredAt = state;
    await idle;
  }

  /** Says which settings changed since the run that trained the model, with the two choices; undefined hides it. */
  private showRetrainNotice(
    change: { from: S; to: S; changed: string[]; measured: string[]; steps: number } | undefined,
  ): void {
    let notice = this.querySelector<HTMLElement>("[data-role=retrain]");
    if (!change) {
      if (notice) notice.hidden = true;
      return;
    }
    if (!notice) {
      notice = document.createElement("div");
      notice.className = "retrain-notice";
      notice.dataset.role = "retrain";
      notice.setAttribute("role", "status");
      this.querySelector(".training-status")?.after(notice);
    }
    const { from, to, changed, measured, steps } = change;
    const list = changed.map((key) => `${key} from ${String(from[key as keyof S])} to ${String(to[key as keyof S])}`);
    const text = document.createElement("p");
    text.textContent =
      `You changed ${list.join(", ")}. The trained model (${this.priorSteps + steps} steps) was trained with the old settings` +
      (measured.length
        ? `; its held-out figures are measured again with the new ${measured.join(" and ")}. Training with the new settings needs a new run. `
        : ", and this change needs a new training run. ") +
      "If you train again, the finished run's curve stays, faint, for comparison.";
    const retrain = document.createElement("button");
    retrain.type = "button";
    retrain.dataset.role = "retrain-now";
    retrain.textContent = "Train again with the new settings";
    retrain.addEventListener("click", () => this.retrain(to), { signal: this.signal });
    const keep = document.createElement("button");
    keep.type = "button";
    keep.dataset.role = "keep-trained";
    keep.textContent = "Keep the trained model";
    keep.addEventListener("click", () => this.setParams(settingsOf(from, changed)), { signal: this.signal });
    notice.replaceChildren(text, retrain, keep);
    notice.hidden = false;
  }

  /** Starts a new run with `state`, keeping the finished run's curves for comparison. */
  private retrain(state: S): void {
    this.showRetrainNotice(undefined);
    this.keepForComparison();
    this.clearViews();
    this.removeAttribute("data-ready");
    void this.load(state, this.signal).then(
      () => this.client?.send({ type: "start" }),
      () => undefined,
    );
  }

  private showUnloaded(): void {
    this.status = "idle";
    const statusLine = this.querySelector<HTMLElement>("[data-role=status]");
    if (statusLine)
      statusLine.textContent = this.controlsShown
        ? "Press Train to load the model and the digits and start training."
        : "pretrained" in this.spec.params
          ? "Not trained: this display hides its controls, so its address needs autostart=1 (train as it loads) or pretrained=1 (the shipped model)."
          : "Not trained: this display hides its controls, so its address needs autostart=1 (train as it loads).";
    const train = this.button("train");
    if (train) {
      train.textContent = "Train";
      train.disabled = false;
    }
  }

  /** False on an embed page with controls=0 (docs/embedding.md): no Train button to point to. */
  protected get controlsShown(): boolean {
    return document.documentElement.dataset.controls !== "0";
  }

  /** Train and Resume wait for valid settings (a run would use the last valid ones, unseen); Pause always works. */
  protected override validityChanged(): void {
    const train = this.button("train");
    if (!train || this.querySelector("[data-role=unavailable]")) return;
    train.disabled =
      this.status === "loading" || this.status === "diverged" || (this.inputInvalid && this.status !== "training");
  }

  /** Train, pause or resume, by the current status; the first Train loads the model. */
  private trainOrPause(): void {
    if (this.inputInvalid && this.status !== "training") return;
    if (!this.client) {
      const state = this.currentState();
      if (!state) return;
      this.removeAttribute("data-ready");
      // Between the model's loading and the start it asks for, the worker says "idle": not a resting state.
      this.startPending = true;
      void this.load(state, this.signal).then(
        () => this.client?.send({ type: "start" }),
        () => (this.startPending = false),
      );
      return;
    }
    if (this.status === "training") this.client.send({ type: "pause" });
    else if (this.status === "paused") this.client.send({ type: "resume" });
    else if (this.status === "idle" || this.status === "done") this.client.send({ type: "start" });
  }

  private receive(message: FromWorker): void {
    for (const waiter of [...this.waiters]) {
      if (waiter.test(message)) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
    // The worker may still be busy with the previous, valid parameters (loading, or training): its
    // figures must not write over the emptied outputs that bad input left (onStatus keeps the alert).
    if (this.inputInvalid && (message.type === "progress" || message.type === "evaluation")) return;
    switch (message.type) {
      case "backend":
        this.showBackend(message);
        break;
      case "status":
        this.onStatus(message.status, message.message);
        break;
      case "progress":
        this.showProgress(message.progress);
        this.writeProgress(message.progress);
        break;
      case "evaluation":
        this.writeProgress(message.progress);
        this.showEvaluation(message);
        break;
      case "measuring":
        this.measuring = true;
        if (!this.rendering) this.removeAttribute("data-ready");
        break;
      case "measurement":
        if (!this.inputInvalid) this.showMeasurement(message);
        break;
      case "measured":
        this.measuring = false;
        if (!this.rendering && this.status !== "training" && this.status !== "loading" && !this.startPending)
          this.setAttribute("data-ready", "");
        break;
      case "error":
        this.workerFailed(message.message);
        break;
    }
  }

  /** The backend in use and the probe that chose it; a lost GPU context and backends that failed, in the note. */
  private showBackend(message: BackendMessage): void {
    const timed = message.trials.filter((trial) => trial.error === undefined && trial.msPerStep !== undefined);
    const untimed = message.trials.filter((trial) => trial.error !== undefined);
    const probe = [
      timed.length > 1
        ? `the fastest in a speed probe, ms per round: ${timed.map((t) => `${t.name} ${formatNumber(t.msPerStep!, 2)}`).join(", ")}`
        : "",
      ...untimed.map((trial) => `${trial.name} not used: ${trial.error}`),
    ].filter(Boolean);
    const text = `Backend: ${[message.detail, ...probe].join("; ")}.`;
    if (this.output("backend")) {
      this.setOutput("backend", message.name);
      this.output("backend")?.setAttribute("title", text);
    }
    this.querySelectorAll<HTMLElement>("[data-role=backend]").forEach((el) => (el.textContent = text));
    if (message.restoredStep !== undefined) this.rewindViews(message.restoredStep);
    const failed = message.fallbacks.length ? `Backends that could not start: ${message.fallbacks.join("; ")}.` : "";
    this.showNote([message.lost, failed].filter(Boolean).join(" "));
  }

  private onStatus(status: Status, message?: string): void {
    this.status = status;
    if (status !== "idle" && status !== "loading") this.startPending = false;
    const statusLine = this.querySelector<HTMLElement>("[data-role=status]");
    if (statusLine) statusLine.textContent = this.controlsShown ? STATUS_TEXT[status] : DISPLAY_STATUS_TEXT[status];
    const train = this.button("train");
    if (train) train.textContent = status === "training" ? "Pause" : status === "paused" ? "Resume" : "Train";
    this.validityChanged();
    const reset = this.button("reset");
    if (reset) reset.disabled = status === "loading";
    if (this.inputInvalid) return;
    if (status === "diverged") {
      this.clearOutputs();
      this.showAlert(message ?? "Training diverged; press Reset.");
    } else if (status === "loading") {
      this.showAlert("");
    }
    if (status === "training" || status === "loading") this.measuring = false;
    if (this.rendering) return;
    if (status === "training" || status === "loading" || this.measuring || this.startPending)
      this.removeAttribute("data-ready");
    else this.setAttribute("data-ready", "");
  }

  private writeProgress(progress: Progress): void {
    if (this.trained) this.trained.steps = progress.steps;
    this.setOutput("steps", this.priorSteps + progress.steps);
    const line = this.querySelector<HTMLElement>("[data-role=progress]");
    if (line) {
      // Steps count the pretrained model's own history too, as the `steps` output and the loss chart do.
      const steps = this.priorSteps
        ? `${this.priorSteps + progress.steps} steps (${this.priorSteps} pretrained + ${progress.steps} here)`
        : `${progress.steps} steps`;
      // Before any step here, a pretrained model's line is its own history, without rates of nothing.
      line.textContent =
        this.priorSteps && progress.steps === 0
          ? `${this.priorSteps} steps, pretrained`
          : `${steps} · ${formatNumber(progress.epochs, 3)} epochs · ` +
            `${formatNumber(progress.elapsed, 3)} s · ${formatNumber(progress.stepsPerSecond, 3)} steps/s`;
    }
  }

  private workerFailed(message: string): void {
    this.startPending = false;
    for (const waiter of this.waiters) waiter.reject(new Error(message));
    this.waiters = [];
    this.clearOutputs();
    this.showAlert(message);
    const statusLine = this.querySelector<HTMLElement>("[data-role=status]");
    if (statusLine) statusLine.textContent = "Training is unavailable.";
    // The views stay empty without a model: say why where the eye looks for the figure, not only in the alert below.
    let notice = this.querySelector<HTMLElement>("[data-role=unavailable]");
    if (!notice) {
      notice = document.createElement("p");
      notice.className = "model-unavailable";
      notice.dataset.role = "unavailable";
      // The alert says it to screen readers.
      notice.setAttribute("aria-hidden", "true");
      this.querySelector(".view-tabs, .model-view")?.before(notice);
    }
    notice.textContent = `${message} Until then, the views below stay empty.`;
    // Train would have nothing to act on: say so by the button, not by a click that does nothing.
    const train = this.button("train");
    if (train) train.disabled = true;
    if (!this.rendering) this.setAttribute("data-ready", "");
  }

  private waitFor(test: (message: FromWorker) => boolean, signal: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      const waiter = { test, resolve, reject };
      this.waiters.push(waiter);
      signal.addEventListener("abort", () => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve();
      });
    });
  }

  protected button(role: string): HTMLButtonElement | null {
    return this.querySelector<HTMLButtonElement>(`button[data-role=${role}]`);
  }
}
