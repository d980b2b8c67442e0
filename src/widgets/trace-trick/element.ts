import type { MonteCarloPoint } from "../../lib/monte-carlo";
import { createRandom } from "../../lib/random";
import { crossTermMonteCarlo, quadraticFormMonteCarlo } from "../../lib/trace-trick";
import { convergencePlot } from "../charts/convergence";
import { drawPlot } from "../charts/draw-plot";
import { maxHeight, observeWidth, realWidth } from "../charts/real-width";
import { defineWidget, WidgetElement } from "../widget-element";
import { spec, type TraceTrickState } from "./spec";
import { IDENTITY_OUTPUTS, traceTrickExact } from "./view";

const FIELDS = ["mu", "cov", "a", "m", "n", "seed"] as const;

class TraceTrickElement extends WidgetElement<TraceTrickState> {
  protected readonly spec = spec;
  private shown?: { path: MonteCarloPoint[]; exact: number };
  private resizeObserver?: ResizeObserver;

  protected override setup(): void {
    this.bindFields(FIELDS);
    this.resizeObserver = observeWidth([this.querySelector("svg[data-role=convergence]")], () => this.draw());
  }

  protected override teardown(): void {
    this.resizeObserver?.disconnect();
  }

  protected override showState(state: TraceTrickState): void {
    const shown = (value: number | readonly number[] | null) =>
      Array.isArray(value) ? value.join(", ") : String(value ?? "");
    this.showFields(Object.fromEntries(FIELDS.map((name) => [name, shown(state[name])])));
  }

  protected async render(state: TraceTrickState, signal: AbortSignal): Promise<void> {
    const { x, a, m, expectation, identities } = traceTrickExact(state);
    this.setOutput("exact", expectation.value);
    this.setOutput("trace_term", expectation.traceTerm);
    this.setOutput("shift_term", expectation.shiftTerm);
    for (const [name, key] of IDENTITY_OUTPUTS) this.setOutput(name, identities[key]);
    for (const name of ["mc", "mc_se", "cross_mc", "cross_mc_se"]) {
      const output = this.output(name);
      if (output) {
        delete output.dataset.value;
        output.textContent = name.endsWith("_se") ? "…" : "sampling…";
      }
    }
    // The same seed for both: the cross term is sampled on the very draws of x behind the mean.
    const estimate = await quadraticFormMonteCarlo(x, a, m, state.n, createRandom(state.seed), { signal });
    const cross = await crossTermMonteCarlo(x, a, m, state.n, createRandom(state.seed), { signal });
    this.setOutput("mc", estimate.mean);
    this.setOutput("mc_se", estimate.standardError);
    this.setOutput("cross_mc", cross.mean);
    this.setOutput("cross_mc_se", cross.standardError);
    this.shown = { path: [...estimate.path], exact: expectation.value };
    this.draw();
  }

  /** Draws the convergence plot at its real width (also on resize). */
  private draw(): void {
    const svg = this.querySelector<SVGSVGElement>("svg[data-role=convergence]");
    if (!svg || !this.shown) return;
    drawPlot(
      svg,
      convergencePlot(this.shown.path, this.shown.exact, "mean of (x − m)ᵀA(x − m)", realWidth(svg), maxHeight(svg)),
    );
  }
}

defineWidget(spec, TraceTrickElement);
