import { bindModelControls, showModelControls } from "../elbo/model-controls";
import type { LinearGaussianState } from "../elbo/spec";
import { defineWidget, WidgetElement } from "../widget-element";
import { drawGradients } from "./draw";
import { gradientOutputs, gradientResultsInSlices, type GradientResults } from "./results";
import { spec } from "./spec";
import { DEFAULT_WIDTH, ROW_LABELS, gradientLayout } from "./view";
import { realWidth } from "../charts/real-width";

class ReparamElement extends WidgetElement<LinearGaussianState> {
  protected readonly spec = spec;
  private latest?: GradientResults;
  private resizeObserver?: ResizeObserver;
  /** The long row labels' width, measured once per size: a new zoom or theme resizes the figure. */
  private labelWidth?: number;

  protected override setup(): void {
    bindModelControls(this, this.signal, (changes) => this.setParamsSoon(changes));
    this.querySelector<HTMLButtonElement>('button[data-role="redraw"]')?.addEventListener(
      "click",
      () => {
        const seed = this.currentState()?.seed;
        if (seed !== undefined && seed < Number.MAX_SAFE_INTEGER) this.setParams({ seed: String(seed + 1) });
      },
      { signal: this.signal },
    );
    // Redraw at the figure's real width so its labels keep their size on a phone.
    this.resizeObserver = new ResizeObserver(() => {
      this.labelWidth = undefined;
      this.draw();
    });
    const svg = this.querySelector("svg[data-role=gradients]");
    if (svg) this.resizeObserver.observe(svg);
    // The book's own font may arrive after the first measurement, with other widths.
    void document.fonts.ready.then(() => {
      if (this.signal.aborted) return;
      this.labelWidth = undefined;
      this.draw();
    });
  }

  protected override teardown(): void {
    this.resizeObserver?.disconnect();
  }

  protected override showState(state: LinearGaussianState): void {
    showModelControls(this, { ...state });
  }

  protected async render(state: LinearGaussianState, signal: AbortSignal): Promise<void> {
    const results = await gradientResultsInSlices(state, signal);
    for (const [name, value] of Object.entries(gradientOutputs(results))) this.setOutput(name, value);
    this.showNote(
      state.n === 1
        ? "One draw says nothing about the spread: standard errors and sample variances are unbounded (∞)."
        : "",
    );
    this.latest = results;
    this.draw();
  }

  private draw(): void {
    const svg = this.querySelector<SVGSVGElement>("svg[data-role=gradients]");
    if (!svg || !this.latest) return;
    // Measuring forces a layout: once per size, not on every slider input.
    this.labelWidth ??= longLabelWidth(svg);
    drawGradients(svg, gradientLayout(this.latest, realWidth(svg, DEFAULT_WIDTH), this.labelWidth));
  }
}

/** The widest long row label at the text size the theme sets (user units): each label set to its long form and measured. */
function longLabelWidth(svg: SVGSVGElement): number {
  const widths = (["score", "reparam"] as const).map((key) => {
    const text = svg.querySelector<SVGTextElement>(`.interval-${key} text`);
    if (!text) return 0;
    text.textContent = ROW_LABELS[key].long;
    return text.getComputedTextLength();
  });
  return Math.max(...widths);
}

defineWidget(spec, ReparamElement);
