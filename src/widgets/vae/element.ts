import { createRandom } from "../../lib/random";
import type {
  FromWorker,
  Progress,
  Setup,
  VaeEvaluationMessage,
  VaeGapFigures,
  VaeViewRequest,
} from "../../ml/protocol";
import { drawDigits } from "../training/digit-canvas";
import { upTo } from "../training/loss-chart";
import { bindHandles } from "../handles/bind";
import { ModelWidget } from "../training/model-widget";
import { defineWidget } from "../widget-element";
import { drawGaps } from "./gaps-view";
import { spec, type VaeState } from "./spec";
import {
  buildSliders,
  DEFAULT_BOX,
  drawGridAxes,
  drawScatter,
  drawVaeCurves,
  ensureHandle,
  latentCaption,
  mostActive,
  placeHandle,
  planeGrab,
  planeScales,
  pointAt,
  pointText,
  addHeldOut,
  emptyCurves,
  historyCurves,
  pretrainedHistory,
  measureBox,
  showEmptyPlane,
  type PlaneScales,
  type PlotBox,
  type VaeCurves,
} from "./view";

type Evaluation = Extract<FromWorker, { type: "evaluation" }>;
type Measurement = Extract<FromWorker, { type: "measurement" }>;
/** Outputs measured on the model at rest, after the held-out evaluation (src/ml/vae-inference.ts). */
const MEASURED = ["log_px_test", "gap_amortization", "gap_approximation"] as const;

const NUMBER_INPUTS = ["latent", "beta", "seconds", "hidden", "batch", "seed", "k"] as const;
const RECONSTRUCTED = 10;
const SAMPLES = 16;
const INTERPOLATION_STEPS = 10;
const GRID_SIDE = 15;
const GRID_RANGE = 3;
const SLIDERS = 4;

class VaeElement extends ModelWidget<VaeState> {
  protected readonly spec = spec;
  private state?: VaeState;
  private curves: VaeCurves = emptyCurves();
  /** A finished run's curves, drawn faintly after a settings change started a new one. */
  private earlier?: VaeCurves;
  private sampleRound = 0;
  /** After training, a new k measures log p(x) again on the trained model; it plays no part in training. */
  protected override readonly measuredSettings = { k: { retrain: false } };
  /** The training step of the figures in the MEASURED outputs, if any. */
  private measuredSteps?: number;
  /** The inference gaps' figures shown in the Gaps view, and which digit of their subset. */
  private gaps?: VaeGapFigures;
  private gapIndex = 0;
  /** Counts evaluations shown, so that the pictures of an older one are not drawn over a newer. */
  private frame = 0;
  /** The code decoded in the side panel: dragged on the plane (latent 2) or set by sliders. */
  private probe: number[] = [];
  private sliderDims: number[] = [];
  private decoding = false;
  private decodeAgain = false;
  private scales: PlaneScales = planeScales();
  /** The boxes the latent plot and the decoded grid are laid out in, measured once per size (ResizeObserver). */
  private plotBox: PlotBox = DEFAULT_BOX;
  private gridBox: PlotBox = DEFAULT_BOX;
  private sizes?: ResizeObserver;
  /** The evaluation the latent view shows (redrawn at a new size), and whether it had a grid of digits. */
  private shown?: VaeEvaluationMessage;

  protected override setup(): void {
    super.setup();
    this.bindFields(NUMBER_INPUTS, "change");
    const pretrained = this.querySelector<HTMLInputElement>('input[name="pretrained"]');
    pretrained?.addEventListener("change", () => this.setParams({ pretrained: pretrained.checked ? "1" : "0" }), {
      signal: this.signal,
    });
    this.button("resample")?.addEventListener(
      "click",
      () => {
        this.sampleRound += 1;
        this.sendViews();
      },
      { signal: this.signal },
    );
    for (const name of ["from", "to"]) {
      this.querySelector(`select[name="${name}"]`)?.addEventListener("change", () => this.sendViews(), {
        signal: this.signal,
      });
    }
    this.button("gap-next")?.addEventListener("click", () => this.showGaps(this.gapIndex + 1), {
      signal: this.signal,
    });
    this.setupDrag();
    this.sizes = new ResizeObserver(() => this.measurePlots());
    for (const selector of [".latent-plot", ".grid-plot"]) {
      const element = this.querySelector(selector);
      if (element) this.sizes.observe(element);
    }
    this.showEmptyPlane();
  }

  protected override teardown(): void {
    super.teardown();
    this.sizes?.disconnect();
    this.sizes = undefined;
    this.decoding = false;
    this.decodeAgain = false;
  }

  /** Lays the plots out again when their boxes change size (a new frame, a tab shown, a phone turned), not on every input. */
  private measurePlots(): void {
    const plot = this.querySelector<HTMLElement>(".latent-plot");
    const svg = this.scatterSvg();
    const box = plot && svg ? measureBox(plot, svg) : undefined;
    if (box && !sameBox(box, this.plotBox)) {
      this.plotBox = box;
      if (this.shown) this.drawScatter(this.shown);
      else this.showEmptyPlane();
    }
    const grid = this.querySelector<HTMLElement>(".grid-plot");
    const axes = this.querySelector<SVGSVGElement>("svg[data-role=grid-axes]");
    const gridBox = grid && axes ? measureBox(grid, axes) : undefined;
    if (gridBox && !sameBox(gridBox, this.gridBox)) {
      this.gridBox = gridBox;
      if (this.shown?.grid) this.drawGridAxes();
    }
  }

  /** The latent plot before a model has codes: what to do to fill it. */
  private showEmptyPlane(): void {
    const svg = this.scatterSvg();
    if (!svg) return;
    showEmptyPlane(
      svg,
      this.querySelector<HTMLCanvasElement>("canvas[data-role=scatter]"),
      this.plotBox,
      this.controlsShown
        ? "The codes of the held-out digits appear here once a model is trained (Train) or loaded (Pretrained)."
        : "The codes of the held-out digits appear here once a model is trained or loaded.",
      "No codes yet.",
    );
  }

  /** The decoded grid's axes in its box, and its digits' canvas on their square. */
  private drawGridAxes(): void {
    const axes = this.querySelector<SVGSVGElement>("svg[data-role=grid-axes]");
    const canvas = this.querySelector<HTMLCanvasElement>("canvas[data-role=grid]");
    if (!axes) return;
    const { left, top, side } = drawGridAxes(axes, GRID_SIDE, GRID_RANGE, this.gridBox);
    if (canvas)
      Object.assign(canvas.style, { left: `${left}px`, top: `${top}px`, width: `${side}px`, height: `${side}px` });
  }

  protected override showState(state: VaeState): void {
    this.state = state;
    this.showFields(Object.fromEntries(NUMBER_INPUTS.map((name) => [name, String(state[name])])));
    const pretrained = this.querySelector<HTMLInputElement>('input[name="pretrained"]');
    if (pretrained) pretrained.checked = state.pretrained;
  }

  protected override onViewShown(view: string): void {
    if (view === "losses") this.drawCurves();
  }

  protected override needsModelAtOnce(state: VaeState): boolean {
    return state.pretrained;
  }

  protected setupFor(state: VaeState): Setup {
    this.state = state;
    this.probe = new Array<number>(state.latent).fill(0);
    return { model: "vae", ...state };
  }

  protected override viewsFor(state: VaeState): VaeViewRequest {
    const random = createRandom(state.seed * 7919 + this.sampleRound);
    const select = (name: string) =>
      Number(this.querySelector<HTMLSelectElement>(`select[name="${name}"]`)?.value ?? 0);
    return {
      reconstructCount: RECONSTRUCTED,
      priorCodes: Float32Array.from({ length: SAMPLES * state.latent }, () => random.normal()),
      interpolate: [select("from"), select("to")],
      interpolationSteps: INTERPOLATION_STEPS,
      gridSide: state.latent === 2 ? GRID_SIDE : 0,
      gridRange: GRID_RANGE,
      k: state.k,
    };
  }

  protected override keepForComparison(): void {
    this.earlier = this.curves;
  }

  /** Forgets the previous model's curves; pretrained weights start from their own training history. */
  protected clearViews(): void {
    const state = this.currentState();
    const shipped = state?.pretrained ? pretrainedHistory(this, state.latent) : undefined;
    this.priorSteps = shipped?.steps ?? 0;
    this.curves = shipped ? historyCurves(shipped) : emptyCurves();
    this.drawCurves();
    this.shown = undefined;
    this.showEmptyPlane();
  }

  protected rewindViews(step: number): void {
    const c = this.curves;
    this.curves = {
      trainRecon: upTo(c.trainRecon, this.priorSteps + step),
      trainKl: upTo(c.trainKl, this.priorSteps + step),
      heldRecon: upTo(c.heldRecon, this.priorSteps + step),
      heldKl: upTo(c.heldKl, this.priorSteps + step),
    };
    this.drawCurves();
  }

  protected showProgress(progress: Progress): void {
    if ("recon" in progress.train) {
      const step = this.priorSteps + progress.steps;
      this.curves.trainRecon.push([step, progress.train.recon]);
      this.curves.trainKl.push([step, progress.train.kl]);
    }
    this.setOutput("steps_per_s", progress.stepsPerSecond);
    this.drawCurves();
  }

  protected showEvaluation({ evaluation, progress }: Evaluation): void {
    if (evaluation.model !== "vae") return;
    if (![evaluation.elbo, evaluation.recon, evaluation.kl].every(Number.isFinite)) {
      this.clearOutputs();
      this.showAlert("The held-out loss is not finite: training has diverged. Press Reset to start again.");
      return;
    }
    this.setOutput("elbo_test", evaluation.elbo);
    this.setOutput("recon_test", evaluation.recon);
    this.setOutput("kl_test", evaluation.kl);
    this.setOutput("active_units", evaluation.activeUnits);
    // Figures measured on an earlier model no longer hold.
    if (progress.steps !== this.measuredSteps) this.clearMeasured();
    const step = this.priorSteps + progress.steps;
    this.setOutput("steps", step);
    this.setOutput("steps_per_s", progress.stepsPerSecond);
    addHeldOut(this.curves, step, evaluation.recon, evaluation.kl);
    this.drawCurves();
    // The pictures follow in the next two frames, so that no single main-thread task grows long.
    const frame = ++this.frame;
    requestAnimationFrame(() => {
      if (frame !== this.frame) return;
      this.drawCanvas("originals", evaluation.originals, RECONSTRUCTED, RECONSTRUCTED);
      this.drawCanvas("reconstructions", evaluation.reconstructions, RECONSTRUCTED, RECONSTRUCTED);
      this.drawCanvas("samples", evaluation.samples, SAMPLES, 8);
      this.drawCanvas("interpolation", evaluation.interpolation, INTERPOLATION_STEPS, INTERPOLATION_STEPS);
      const gridTab = this.querySelector<HTMLElement>('[role=tab][data-view="grid"]');
      if (gridTab) gridTab.hidden = !evaluation.grid;
      if (!evaluation.grid && gridTab?.getAttribute("aria-selected") === "true") this.showView("latent");
      if (evaluation.grid) {
        this.drawCanvas("grid", evaluation.grid, GRID_SIDE * GRID_SIDE, GRID_SIDE);
        this.drawGridAxes();
      }
      requestAnimationFrame(() => {
        if (frame !== this.frame) return;
        this.drawScatter(evaluation);
        this.buildSliders(evaluation);
        this.requestProbe();
      });
    });
  }

  protected override showMeasurement({ measurement }: Measurement): void {
    if (measurement.steps !== this.measuredSteps) this.clearMeasured();
    this.measuredSteps = measurement.steps;
    const { gaps, logPx } = measurement;
    if (logPx !== undefined && Number.isFinite(logPx)) this.setOutput("log_px_test", logPx);
    if (gaps && Number.isFinite(gaps.amortization + gaps.approximation)) {
      this.setOutput("gap_amortization", gaps.amortization);
      this.setOutput("gap_approximation", gaps.approximation);
      this.gaps = gaps;
      this.showGaps(this.gapIndex);
    }
  }

  /** Shows digit `index` of the gaps' subset in the Gaps view. */
  private showGaps(index: number): void {
    const panel = this.querySelector<HTMLElement>('[data-panel="gaps"]');
    if (panel && this.gaps) this.gapIndex = drawGaps(panel, this.gaps, index);
  }

  private clearMeasured(): void {
    this.measuredSteps = undefined;
    this.gaps = undefined;
    const panel = this.querySelector<HTMLElement>('[data-panel="gaps"]');
    panel?.querySelectorAll<HTMLElement>("td[data-role]").forEach((cell) => (cell.textContent = "—"));
    panel?.querySelector("svg[data-role=gap-line]")?.replaceChildren();
    for (const name of MEASURED) {
      const output = this.output(name);
      if (!output) continue;
      delete output.dataset.value;
      output.textContent = "—";
    }
  }

  private sendViews(): void {
    if (this.state) this.client?.send({ type: "views", views: this.viewsFor(this.state) });
  }

  private drawCanvas(role: string, pixels: Float32Array, count: number, columns: number): void {
    const canvas = this.querySelector<HTMLCanvasElement>(`canvas[data-role=${role}]`);
    if (canvas && pixels.length) drawDigits(canvas, pixels, count, columns);
  }

  private drawCurves(): void {
    drawVaeCurves(
      this.querySelector<SVGSVGElement>("svg[data-role=recon-curve]"),
      this.querySelector<SVGSVGElement>("svg[data-role=kl-curve]"),
      this.curves,
      this.earlier,
    );
  }

  private drawScatter(evaluation: VaeEvaluationMessage): void {
    const canvas = this.querySelector<HTMLCanvasElement>("canvas[data-role=scatter]");
    const svg = this.scatterSvg();
    if (!canvas || !svg) return;
    this.shown = evaluation;
    this.scales = planeScales(this.plotBox, evaluation.projection?.points);
    drawScatter(canvas, svg, evaluation, this.scales);
    const caption = this.querySelector<HTMLElement>("[data-role=latent-caption]");
    if (caption) caption.textContent = latentCaption(evaluation, this.state?.latent ?? 2);
    ensureHandle(svg, !evaluation.projection, this.plotBox);
    placeHandle(svg, this.scales, this.probe);
  }

  private scatterSvg(): SVGSVGElement | null {
    return this.querySelector<SVGSVGElement>("svg[data-role=scatter-axes]");
  }

  private moveProbe(probe: number[]): void {
    this.probe = probe;
    const svg = this.scatterSvg();
    if (svg) placeHandle(svg, this.scales, this.probe);
    this.requestProbe();
  }

  /** The ring is a handle (src/widgets/handles); a click elsewhere on the plane moves it there. */
  private setupDrag(): void {
    const svg = this.scatterSvg();
    if (!svg) return;
    const set = (z: number[]) => this.moveProbe(z);
    const grab = () => (this.state?.latent === 2 ? planeGrab(this.scales, this.probe, set) : undefined);
    bindHandles(svg, { selector: "circle.handle", grab }, this.signal);
    svg.addEventListener(
      "click",
      (event) => {
        const matrix = svg.getScreenCTM();
        if (this.state?.latent !== 2 || !matrix || (event.target as Element).closest("circle.handle")) return;
        const point = new DOMPoint(event.clientX, event.clientY).matrixTransform(matrix.inverse());
        this.moveProbe(pointAt(this.scales, point.x, point.y));
      },
      { signal: this.signal },
    );
  }

  /** For latent > 2: sliders over the most active dimensions, starting from one held-out digit's code. */
  private buildSliders(evaluation: VaeEvaluationMessage): void {
    const box = this.querySelector<HTMLElement>("[data-role=sliders]");
    if (!box || !this.state) return;
    const latent = this.state.latent;
    if (latent === 2) {
      box.replaceChildren();
      this.sliderDims = [];
      return;
    }
    const order = mostActive(evaluation.activity, SLIDERS);
    if (order.join() === this.sliderDims.join() && box.childElementCount > 0) return;
    const first = evaluation.reconstructed[0] ?? 0;
    this.sliderDims = order;
    this.probe = Array.from(evaluation.codes.subarray(first * latent, (first + 1) * latent));
    const onInput = (dim: number, value: number) => {
      this.probe[dim] = value;
      this.requestProbe();
    };
    buildSliders(box, order, this.probe, evaluation.activity, onInput, this.signal);
  }

  /** Decodes the probe code; while a request is in flight, only the newest position is sent next. */
  private requestProbe(): void {
    if (!this.client || !this.state || this.probe.length !== this.state.latent) return;
    if (this.decoding) {
      this.decodeAgain = true;
      return;
    }
    this.decoding = true;
    const code = Float32Array.from(this.probe);
    const readout = this.querySelector<HTMLElement>("[data-role=point]");
    if (readout) {
      readout.textContent =
        this.state.latent === 2
          ? pointText(code[0] ?? 0, code[1] ?? 0)
          : `${this.state.latent}-dimensional code; the other dimensions stay at the digit's own μ.`;
    }
    void this.client.decode(code, 1).then((pixels) => {
      this.decoding = false;
      if (pixels.length) this.drawCanvas("decoded", pixels, 1, 1);
      if (this.decodeAgain) {
        this.decodeAgain = false;
        this.requestProbe();
      }
    });
  }
}

const sameBox = (a: PlotBox, b: PlotBox): boolean => a.width === b.width && a.height === b.height && a.font === b.font;

defineWidget(spec, VaeElement);
