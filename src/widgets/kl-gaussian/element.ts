import { formatField } from "../../lib/format";
import { klGaussianMonteCarlo } from "../../lib/kl-gaussian";
import type { MonteCarloPoint } from "../../lib/monte-carlo";
import { createRandom } from "../../lib/random";
import { convergencePlot } from "../charts/convergence";
import { drawPlot } from "../charts/draw-plot";
import { maxHeight, observeWidth, realWidth } from "../charts/real-width";
import { bindHandles, type BoundHandles, type Grab } from "../handles/bind";
import { defineWidget, WidgetElement } from "../widget-element";
import { spec, type KlGaussianState } from "./spec";
import { KL_GAUSSIAN_STATE } from "./state-event";
import { figureCaption, gaussianFigure, KL_ESTIMATE_LABEL, klGaussianClosedForm, type GaussianFigure } from "./view";

const FIELDS = ["mu1", "cov1", "mu2", "cov2", "n", "seed"] as const;

/** Two decimals are plenty for a dragged mean and keep the permalink short. */
const round = (value: number) => Math.round(value * 100) / 100;

class KlGaussianElement extends WidgetElement<KlGaussianState> {
  protected readonly spec = spec;
  private figure?: GaussianFigure;
  /** What the figures show, kept to redraw them at a new width. */
  private shown?: { normals: Parameters<typeof gaussianFigure>; path?: MonteCarloPoint[]; exact: number };
  private resizeObserver?: ResizeObserver;
  private handles?: BoundHandles;

  protected override setup(): void {
    this.bindFields(FIELDS);
    const normals = this.querySelector<SVGSVGElement>("svg[data-role=normals]");
    // Both figures redraw at a new width, e.g. when an embed page zooms to fit its frame.
    const convergence = this.querySelector<SVGSVGElement>("svg[data-role=convergence]");
    this.resizeObserver = observeWidth([normals, convergence], () => this.draw());
    if (normals) {
      const bindings = {
        selector: "circle[role=slider]",
        grab: (mean: SVGElement) => this.grabMean(mean),
        release: () => this.draw(),
      };
      this.handles = bindHandles(normals, bindings, this.signal);
    }
  }

  protected override teardown(): void {
    this.resizeObserver?.disconnect();
  }

  protected override showState(state: KlGaussianState): void {
    const shown = (value: number | readonly number[]) =>
      Array.isArray(value) ? value.map((entry) => formatField(entry)).join(", ") : String(value);
    this.showFields(Object.fromEntries(FIELDS.map((name) => [name, shown(state[name])])));
  }

  protected async render(state: KlGaussianState, signal: AbortSignal): Promise<void> {
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
      // While a drag lasts the plane keeps its scales, so the mean stays under the pointer; it refits on release.
      const view = this.handles?.dragging ? this.figure?.view : undefined;
      this.figure = gaussianFigure(p, q, realWidth(normals), maxHeight(normals), view);
      drawPlot(normals, this.figure.plot);
    }
    const convergence = this.querySelector<SVGSVGElement>("svg[data-role=convergence]");
    if (convergence && this.shown.path) {
      const plot = convergencePlot(
        this.shown.path,
        this.shown.exact,
        KL_ESTIMATE_LABEL,
        realWidth(convergence),
        maxHeight(convergence),
      );
      drawPlot(convergence, plot);
    }
  }

  /** A mean (2-D and up) taken by a pointer or a key: it moves the first two coordinates of mu1 or mu2. */
  private grabMean(mean: SVGElement): Grab | undefined {
    const state = this.currentState();
    const figure = this.figure;
    const name = mean.dataset.key === "p" ? "mu1" : "mu2";
    const start = state?.[name];
    if (!figure || !start || start.length < 2) return undefined;
    const [a = 0, b = 0] = start;
    const [x, y] = figure.position(a, b);
    const axis = (value: number) => ({ value, min: -Infinity, max: Infinity, step: 0.1, bigStep: 1 });
    return {
      axes: [axis(a), axis(b)],
      anchor: { x, y },
      valuesAt: (px, py) => figure.invert(px, py),
      set: ([first = a, second = b]) => {
        const moved = [...start];
        moved[0] = round(first);
        moved[1] = round(second);
        this.setParamsSoon({ [name]: moved.join(",") });
      },
    };
  }
}

defineWidget(spec, KlGaussianElement);
