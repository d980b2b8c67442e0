import { drag } from "d3-drag";
import { select } from "d3-selection";
import { KL_GAUSSIAN_STATE } from "./state-event";
import { klGaussianMonteCarlo } from "../../lib/kl-gaussian";
import type { MonteCarloPoint } from "../../lib/monte-carlo";
import { createRandom } from "../../lib/random";
import { convergencePlot } from "../charts/convergence";
import { drawPlot } from "../charts/draw-plot";
import type { PlotPoint } from "../charts/plot";
import { maxHeight, observeWidth, realWidth } from "../charts/real-width";
import { defineWidget, WidgetElement } from "../widget-element";
import { spec, type KlGaussianState } from "./spec";
import { figureCaption, gaussianFigure, klGaussianClosedForm, type GaussianFigure } from "./view";

const FIELDS = ["mu1", "cov1", "mu2", "cov2", "n", "seed"] as const;

/** Two decimals are plenty for a dragged mean and keep the permalink short. */
const round = (value: number) => Math.round(value * 100) / 100;

class KlGaussianElement extends WidgetElement<KlGaussianState> {
  protected readonly spec = spec;
  private figure?: GaussianFigure;
  private state?: KlGaussianState;
  /** What the figures show, kept to redraw them at a new width. */
  private shown?: { normals: Parameters<typeof gaussianFigure>; path?: MonteCarloPoint[]; exact: number };
  private resizeObserver?: ResizeObserver;

  protected override setup(): void {
    for (const name of FIELDS) {
      const input = this.querySelector<HTMLInputElement>(`input[name="${name}"]`);
      input?.addEventListener("input", () => this.setParamsSoon({ [name]: input.value }), { signal: this.signal });
    }
    this.resizeObserver = observeWidth([this.querySelector("svg[data-role=normals]")], () => this.draw());
  }

  protected override teardown(): void {
    this.resizeObserver?.disconnect();
  }

  protected override showState(state: KlGaussianState): void {
    for (const name of FIELDS) {
      const input = this.querySelector<HTMLInputElement>(`input[name="${name}"]`);
      const value = state[name];
      if (input && document.activeElement !== input)
        input.value = Array.isArray(value) ? value.join(", ") : String(value);
    }
  }

  protected async render(state: KlGaussianState, signal: AbortSignal): Promise<void> {
    this.state = state;
    const { p, q, closedForm } = klGaussianClosedForm(state);
    this.setOutput("kl", closedForm.value);
    this.setOutput("log_det_ratio", closedForm.logDeterminantRatio);
    this.setOutput("dimension", closedForm.dimension);
    this.setOutput("trace_term", closedForm.traceTerm);
    this.setOutput("mean_term", closedForm.meanTerm);
    this.shown = { normals: [p, q], exact: closedForm.value };
    this.draw();
    const caption = this.querySelector("[data-role=figure-caption]");
    if (caption) caption.textContent = figureCaption(state.mu1.length);

    for (const name of ["kl_mc", "kl_mc_se"]) {
      const output = this.output(name);
      if (output) {
        delete output.dataset.value;
        output.textContent = name.endsWith("_se") ? "…" : "sampling…";
      }
    }
    const estimate = await klGaussianMonteCarlo(p, q, state.n, createRandom(state.seed), { signal });
    this.setOutput("kl_mc", estimate.mean);
    this.setOutput("kl_mc_se", estimate.standardError);
    this.shown = { ...this.shown, path: [...estimate.path] };
    this.draw();
    // The chapter's derivation checks (./check-element.ts) follow this example.
    this.dispatchEvent(new CustomEvent(KL_GAUSSIAN_STATE, { detail: state, bubbles: true }));
  }

  /** Draws the figures at their real width (also on resize). */
  private draw(): void {
    if (!this.shown) return;
    const normals = this.querySelector<SVGSVGElement>("svg[data-role=normals]");
    if (normals) {
      const [p, q] = this.shown.normals;
      this.figure = gaussianFigure(p, q, realWidth(normals), maxHeight(normals));
      drawPlot(normals, this.figure.plot);
      this.bindDrag(normals);
    }
    const convergence = this.querySelector<SVGSVGElement>("svg[data-role=convergence]");
    if (convergence && this.shown.path) {
      const plot = convergencePlot(
        this.shown.path,
        this.shown.exact,
        "estimate of the KL (nats)",
        realWidth(convergence),
        maxHeight(convergence),
      );
      drawPlot(convergence, plot);
    }
  }

  /** In 2-D and up, the means are draggable points; dragging moves the first two coordinates of mu1 or mu2. */
  private bindDrag(svg: SVGSVGElement): void {
    const toViewBox = (event: MouseEvent | PointerEvent): [number, number] => {
      const box = svg.getBoundingClientRect();
      const plot = this.figure?.plot;
      const scale = plot ? plot.width / Math.max(1, box.width) : 1;
      return [(event.clientX - box.left) * scale, (event.clientY - box.top) * scale];
    };
    select(svg)
      .select("g.points")
      .selectAll<SVGCircleElement, PlotPoint>("circle")
      .attr("data-draggable", "")
      .call(
        drag<SVGCircleElement, PlotPoint>().on("drag", (event: { sourceEvent: MouseEvent | PointerEvent }, point) => {
          const state = this.state;
          if (!state || !this.figure) return;
          const name = point.key === "p" ? "mu1" : "mu2";
          const [a, b] = this.figure.invert(...toViewBox(event.sourceEvent));
          const moved = [...state[name]];
          moved[0] = round(a);
          moved[1] = round(b);
          this.setParamsSoon({ [name]: moved.join(",") });
        }),
      );
  }
}

defineWidget("vae-kl-gaussian", KlGaussianElement);
