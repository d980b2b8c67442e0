import { scaleLinear, type ScaleLinear } from "d3-scale";
import { schemeTableau10 } from "d3-scale-chromatic";
import { select } from "d3-selection";
import { axisBottom, axisLeft } from "d3-axis";
import { formatNumber } from "../../lib/format";
import { createRandom } from "../../lib/random";
import type { FromWorker, Progress, Setup, VaeEvaluationMessage, VaeViewRequest } from "../../ml/protocol";
import { drawDigits } from "../training/digit-canvas";
import { drawLossChart, upTo } from "../training/loss-chart";
import { ModelWidget } from "../training/model-widget";
import { defineWidget } from "../widget-element";
import { spec, type VaeState } from "./spec";

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
/** The latent-2 scatter shows z in [−4, 4]², the bulk of the prior N(0, I) and then some. */
const PLANE_RANGE = 4;
const SLIDERS = 4;
const PLOT = 360;
const MARGIN = 28;

class VaeElement extends ModelWidget<VaeState> {
  protected readonly spec = spec;
  private state?: VaeState;
  private trainRecon: [number, number][] = [];
  private trainKl: [number, number][] = [];
  private heldRecon: [number, number][] = [];
  private heldKl: [number, number][] = [];
  private sampleRound = 0;
  /** The training step of the figures in the MEASURED outputs, if any. */
  private measuredSteps?: number;
  /** Counts evaluations shown, so that the pictures of an older one are not drawn over a newer. */
  private frame = 0;
  /** The code decoded in the side panel: dragged on the plane (latent 2) or set by sliders. */
  private probe: number[] = [];
  private sliderDims: number[] = [];
  private decoding = false;
  private decodeAgain = false;
  private x: ScaleLinear<number, number> = scaleLinear();
  private y: ScaleLinear<number, number> = scaleLinear();

  protected override setup(): void {
    super.setup();
    for (const name of NUMBER_INPUTS) {
      const input = this.querySelector<HTMLInputElement>(`input[name="${name}"]`);
      input?.addEventListener("change", () => this.setParams({ [name]: input.value }), { signal: this.signal });
    }
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
    this.setupDrag();
  }

  protected override teardown(): void {
    super.teardown();
    this.decoding = false;
    this.decodeAgain = false;
  }

  protected override showState(state: VaeState): void {
    this.state = state;
    for (const name of NUMBER_INPUTS) {
      const input = this.querySelector<HTMLInputElement>(`input[name="${name}"]`);
      if (input && document.activeElement !== input) input.value = String(state[name]);
    }
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

  protected clearViews(): void {
    this.trainRecon = [];
    this.trainKl = [];
    this.heldRecon = [];
    this.heldKl = [];
    this.drawCurves();
  }

  protected rewindViews(step: number): void {
    this.trainRecon = upTo(this.trainRecon, step);
    this.trainKl = upTo(this.trainKl, step);
    this.heldRecon = upTo(this.heldRecon, step);
    this.heldKl = upTo(this.heldKl, step);
    this.drawCurves();
  }

  protected showProgress(progress: Progress): void {
    if ("recon" in progress.train) {
      this.trainRecon.push([progress.steps, progress.train.recon]);
      this.trainKl.push([progress.steps, progress.train.kl]);
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
    this.setOutput("steps", progress.steps);
    this.setOutput("steps_per_s", progress.stepsPerSecond);
    this.heldRecon.push([progress.steps, evaluation.recon]);
    this.heldKl.push([progress.steps, evaluation.kl]);
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
      if (evaluation.grid) this.drawCanvas("grid", evaluation.grid, GRID_SIDE * GRID_SIDE, GRID_SIDE);
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
    }
  }

  private clearMeasured(): void {
    this.measuredSteps = undefined;
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
    const recon = this.querySelector<SVGSVGElement>("svg[data-role=recon-curve]");
    const kl = this.querySelector<SVGSVGElement>("svg[data-role=kl-curve]");
    if (recon) {
      drawLossChart(
        recon,
        [
          { label: "training", colour: "var(--series-1)", points: this.trainRecon },
          { label: "held-out", colour: "var(--series-2)", points: this.heldRecon, dots: true },
        ],
        "reconstruction −log p(x|z), nats",
      );
    }
    if (kl) {
      drawLossChart(
        kl,
        [
          { label: "training", colour: "var(--series-3)", points: this.trainKl },
          { label: "held-out", colour: "var(--series-2)", points: this.heldKl, dots: true },
        ],
        "KL(q(z|x) ‖ p(z)), nats",
      );
    }
  }

  /** The points of the latent view: the codes themselves for latent 2, else their PCA projection. */
  private points(evaluation: VaeEvaluationMessage): Float32Array {
    return evaluation.projection?.points ?? evaluation.codes;
  }

  private drawScatter(evaluation: VaeEvaluationMessage): void {
    const canvas = this.querySelector<HTMLCanvasElement>("canvas[data-role=scatter]");
    const svg = this.querySelector<SVGSVGElement>("svg[data-role=scatter-axes]");
    if (!canvas || !svg) return;
    const points = this.points(evaluation);
    let extent = PLANE_RANGE;
    if (evaluation.projection) {
      extent = 0;
      for (const value of points) extent = Math.max(extent, Math.abs(value));
      extent = Math.max(0.5, Math.ceil(extent * 1.05 * 2) / 2);
    }
    this.x = scaleLinear()
      .domain([-extent, extent])
      .range([MARGIN, PLOT - 8]);
    this.y = scaleLinear()
      .domain([-extent, extent])
      .range([PLOT - MARGIN, 8]);
    const ratio = window.devicePixelRatio || 1;
    canvas.width = PLOT * ratio;
    canvas.height = PLOT * ratio;
    const context = canvas.getContext("2d");
    if (!context) return;
    context.scale(ratio, ratio);
    context.globalAlpha = 0.7;
    for (let i = 0; i < evaluation.labels.length; i++) {
      // Both the latent-2 codes and the projection have two coordinates per digit.
      const px = this.x(points[i * 2]!);
      const py = this.y(points[i * 2 + 1]!);
      context.fillStyle = schemeTableau10[evaluation.labels[i]!] ?? "gray";
      context.beginPath();
      context.arc(px, py, 2, 0, 2 * Math.PI);
      context.fill();
    }
    const root = select(svg).attr("viewBox", `0 0 ${PLOT} ${PLOT}`);
    root.selectAll("g.axis").remove();
    root
      .append("g")
      .attr("class", "axis")
      .attr("transform", `translate(0,${PLOT - MARGIN})`)
      .call(axisBottom(this.x).ticks(5));
    root.append("g").attr("class", "axis").attr("transform", `translate(${MARGIN},0)`).call(axisLeft(this.y).ticks(5));
    const legend = this.querySelector<HTMLElement>("[data-role=legend]");
    if (legend && !legend.childElementCount) {
      for (let digit = 0; digit < 10; digit++) {
        const item = document.createElement("span");
        item.style.setProperty("--swatch", schemeTableau10[digit] ?? "gray");
        item.textContent = String(digit);
        legend.append(item);
      }
    }
    const caption = this.querySelector<HTMLElement>("[data-role=latent-caption]");
    if (caption) {
      caption.textContent = evaluation.projection
        ? `Codes μ(x) of the ${evaluation.labels.length} held-out digits projected on their first two principal axes (the latent space has ${this.state?.latent} dimensions), coloured by class. The sliders move the four most used dimensions (largest variance of μ over the held-out digits) of one digit's code; the decoded digit follows.`
        : `Codes μ(x) of the ${evaluation.labels.length} held-out digits, coloured by class. Drag the ring (or focus it and use the arrow keys) to decode any point z of the plane.`;
    }
    const handle = root.selectAll<SVGCircleElement, null>("circle.handle").data(evaluation.projection ? [] : [null]);
    handle.exit().remove();
    handle
      .enter()
      .append("circle")
      .attr("class", "handle")
      .attr("r", 8)
      .attr("tabindex", 0)
      .attr("role", "slider")
      .attr("aria-label", "Point z of the latent plane to decode");
    this.placeHandle();
  }

  private placeHandle(): void {
    const handle = this.querySelector<SVGCircleElement>("circle.handle");
    if (!handle) return;
    const [z1 = 0, z2 = 0] = this.probe;
    handle.setAttribute("cx", String(this.x(z1)));
    handle.setAttribute("cy", String(this.y(z2)));
    handle.setAttribute("aria-valuetext", `z = (${formatNumber(z1, 3)}, ${formatNumber(z2, 3)})`);
  }

  private setupDrag(): void {
    const svg = this.querySelector<SVGSVGElement>("svg[data-role=scatter-axes]");
    if (!svg) return;
    let dragging = false;
    const move = (event: PointerEvent) => {
      if (this.state?.latent !== 2) return;
      const box = svg.getBoundingClientRect();
      const px = ((event.clientX - box.left) / box.width) * PLOT;
      const py = ((event.clientY - box.top) / box.height) * PLOT;
      const [lo, hi] = this.x.domain() as [number, number];
      const clampToPlot = (value: number) => Math.min(hi, Math.max(lo, value));
      this.probe = [clampToPlot(this.x.invert(px)), clampToPlot(this.y.invert(py))];
      this.placeHandle();
      this.requestProbe();
    };
    svg.addEventListener(
      "pointerdown",
      (event) => {
        dragging = true;
        svg.setPointerCapture(event.pointerId);
        move(event);
      },
      { signal: this.signal },
    );
    svg.addEventListener("pointermove", (event) => dragging && move(event), { signal: this.signal });
    svg.addEventListener("pointerup", () => (dragging = false), { signal: this.signal });
    svg.addEventListener(
      "keydown",
      (event) => {
        if (this.state?.latent !== 2) return;
        const step = event.shiftKey ? 0.5 : 0.1;
        const delta: Record<string, [number, number]> = {
          ArrowLeft: [-step, 0],
          ArrowRight: [step, 0],
          ArrowUp: [0, step],
          ArrowDown: [0, -step],
        };
        const change = delta[event.key];
        if (!change) return;
        event.preventDefault();
        this.probe = [(this.probe[0] ?? 0) + change[0], (this.probe[1] ?? 0) + change[1]];
        this.placeHandle();
        this.requestProbe();
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
    const order = evaluation.activity
      .map((activity, dim) => ({ activity, dim }))
      .sort((a, b) => b.activity - a.activity)
      .slice(0, SLIDERS)
      .map(({ dim }) => dim);
    const first = evaluation.reconstructed[0] ?? 0;
    if (order.join() !== this.sliderDims.join() || box.childElementCount === 0) {
      this.sliderDims = order;
      this.probe = Array.from(evaluation.codes.subarray(first * latent, (first + 1) * latent));
      box.replaceChildren(
        ...order.map((dim) => {
          const label = document.createElement("label");
          const name = document.createElement("span");
          name.textContent = `z${dim + 1}`;
          label.title = `Activity (variance of μ over held-out digits): ${formatNumber(evaluation.activity[dim] ?? 0, 2)}`;
          const input = document.createElement("input");
          Object.assign(input, {
            type: "range",
            min: "-3",
            max: "3",
            step: "0.05",
            value: String(this.probe[dim] ?? 0),
          });
          input.setAttribute("aria-label", `Latent dimension ${dim + 1}`);
          input.addEventListener(
            "input",
            () => {
              this.probe[dim] = Number(input.value);
              this.requestProbe();
            },
            { signal: this.signal },
          );
          label.append(name, input);
          return label;
        }),
      );
    }
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
          ? `z = (${formatNumber(code[0] ?? 0, 3)}, ${formatNumber(code[1] ?? 0, 3)})`
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

defineWidget("vae-vae", VaeElement);
