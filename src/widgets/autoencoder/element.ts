import type { FromWorker, Progress, Setup } from "../../ml/protocol";
import { STRIP_SIZE } from "../../ml/protocol";
import { drawDigits } from "../training/digit-canvas";
import { drawLossChart, upTo } from "../training/loss-chart";
import { ModelWidget } from "../training/model-widget";
import { defineWidget } from "../widget-element";
import { AUTOENCODER_BATCH, AUTOENCODER_HIDDEN, spec, type AutoencoderState } from "./spec";

type Evaluation = Extract<FromWorker, { type: "evaluation" }>;

const NUMBER_INPUTS = ["latent", "seconds", "seed"] as const;

class AutoencoderElement extends ModelWidget<AutoencoderState> {
  protected readonly spec = spec;
  private trainCurve: [number, number][] = [];
  private heldOut: [number, number][] = [];
  /** A finished run's curves, drawn faintly after a settings change started a new one. */
  private earlier?: { train: [number, number][]; heldOut: [number, number][] };
  /** After training, a new noise tests the trained model at that corruption; training at it needs a new run. */
  protected override readonly measuredSettings = { noise: { retrain: true } };

  protected override evaluateMessage(state: AutoencoderState) {
    return { type: "evaluate", noise: state.noise } as const;
  }

  protected override setup(): void {
    super.setup();
    const noise = this.querySelector<HTMLInputElement>('input[name="noise"]');
    noise?.addEventListener(
      "input",
      () => {
        this.noiseText(noise.value);
        this.setParamsSoon({ noise: noise.value });
      },
      { signal: this.signal },
    );
    this.bindFields(NUMBER_INPUTS, "change");
  }

  protected override showState(state: AutoencoderState): void {
    this.showFields(
      Object.fromEntries((["noise", ...NUMBER_INPUTS] as const).map((name) => [name, String(state[name])])),
    );
    this.noiseText(String(state.noise));
  }

  protected override onViewShown(view: string): void {
    if (view === "curve") this.drawCurve();
  }

  protected setupFor(state: AutoencoderState): Setup {
    return {
      model: "autoencoder",
      latent: state.latent,
      hidden: AUTOENCODER_HIDDEN,
      batch: AUTOENCODER_BATCH,
      noise: state.noise,
      seed: state.seed,
      seconds: state.seconds,
    };
  }

  protected override keepForComparison(): void {
    this.earlier = { train: this.trainCurve, heldOut: this.heldOut };
  }

  protected clearViews(): void {
    this.trainCurve = [];
    this.heldOut = [];
    this.drawCurve();
  }

  protected rewindViews(step: number): void {
    this.trainCurve = upTo(this.trainCurve, step);
    this.heldOut = upTo(this.heldOut, step);
    this.drawCurve();
  }

  protected showProgress(progress: Progress): void {
    if ("mse" in progress.train) this.trainCurve.push([progress.steps, progress.train.mse]);
    this.drawCurve();
  }

  protected showEvaluation({ evaluation, progress }: Evaluation): void {
    if (evaluation.model !== "autoencoder") return;
    this.setOutput("mse_test", evaluation.mse);
    this.setOutput("steps", progress.steps);
    // A model measured again at the same step (another test noise) replaces its point.
    if (this.heldOut.at(-1)?.[0] === progress.steps) this.heldOut.pop();
    this.heldOut.push([progress.steps, evaluation.mse]);
    for (const role of ["clean", "corrupted", "reconstructed", "random"] as const) {
      const canvas = this.querySelector<HTMLCanvasElement>(`canvas[data-role=${role}]`);
      if (canvas) drawDigits(canvas, evaluation[role], STRIP_SIZE, STRIP_SIZE);
    }
    this.drawCurve();
  }

  private noiseText(value: string): void {
    const text = this.querySelector<HTMLElement>("[data-role=noise-text]");
    if (text) text.textContent = value;
  }

  private drawCurve(): void {
    const svg = this.querySelector<SVGSVGElement>("svg[data-role=curve]");
    if (!svg) return;
    drawLossChart(
      svg,
      [
        ...(this.earlier
          ? [
              { label: "earlier run", colour: "var(--series-1)", points: this.earlier.train, faint: true },
              { label: "", colour: "var(--series-2)", points: this.earlier.heldOut, dots: true, faint: true },
            ]
          : []),
        { label: "training batches", colour: "var(--series-1)", points: this.trainCurve },
        { label: "held-out", colour: "var(--series-2)", points: this.heldOut, dots: true },
      ],
      "MSE per pixel",
    );
  }
}

defineWidget(spec, AutoencoderElement);
