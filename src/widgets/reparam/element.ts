import { bindModelControls, showModelControls } from "../elbo/model-controls";
import type { LinearGaussianState } from "../elbo/spec";
import { defineWidget, WidgetElement } from "../widget-element";
import { drawGradients } from "./draw";
import { gradientOutputs, gradientResults } from "./results";
import { spec } from "./spec";
import { gradientLayout } from "./view";

class ReparamElement extends WidgetElement<LinearGaussianState> {
  protected readonly spec = spec;

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
  }

  protected override showState(state: LinearGaussianState): void {
    showModelControls(this, { ...state });
  }

  protected render(state: LinearGaussianState): void {
    const results = gradientResults(state);
    for (const [name, value] of Object.entries(gradientOutputs(results))) this.setOutput(name, value);
    this.showNote(
      state.n === 1 ? "One draw says nothing about the spread: standard errors and sample variances are unbounded (∞)." : "",
    );
    const svg = this.querySelector<SVGSVGElement>("svg[data-role=gradients]");
    if (svg) drawGradients(svg, gradientLayout(results));
  }
}

defineWidget("vae-reparam", ReparamElement);
