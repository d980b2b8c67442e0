import { klStdNormal } from "../../lib/kl-std-normal";
import { drawBars } from "../charts/draw-bars";
import { defineWidget, WidgetElement } from "../widget-element";
import { spec, type KlStdNormalState } from "./spec";
import { termsLayout } from "./view";

class KlStdNormalElement extends WidgetElement<KlStdNormalState> {
  protected readonly spec = spec;
  private resizeObserver?: ResizeObserver;
  private terms: readonly number[] = [];

  protected override setup(): void {
    for (const name of ["mu", "logvar"] as const) {
      const input = this.querySelector<HTMLInputElement>(`input[name="${name}"]`);
      input?.addEventListener("input", () => this.setParamsSoon({ [name]: input.value }), { signal: this.signal });
    }
    // Redraw at the figure's real width so labels keep their size on a phone.
    this.resizeObserver = new ResizeObserver(() => this.draw());
    const svg = this.querySelector("svg[data-role=bars]");
    if (svg) this.resizeObserver.observe(svg);
  }

  protected override teardown(): void {
    this.resizeObserver?.disconnect();
  }

  protected override showState(state: KlStdNormalState): void {
    for (const name of ["mu", "logvar"] as const) {
      const input = this.querySelector<HTMLInputElement>(`input[name="${name}"]`);
      // Leave the field alone while the reader types in it; otherwise show the state.
      if (input && document.activeElement !== input) input.value = state[name].join(", ");
    }
  }

  protected render(state: KlStdNormalState): void {
    const { total, terms } = klStdNormal(state.mu, state.logvar);
    this.setOutput("kl", total);
    this.terms = terms;
    this.draw();
  }

  private draw(): void {
    const svg = this.querySelector<SVGSVGElement>("svg[data-role=bars]");
    if (!svg || this.terms.length === 0) return;
    drawBars(svg, termsLayout(this.terms, Math.round(svg.getBoundingClientRect().width) || 640));
  }
}

defineWidget("vae-kl-std-normal", KlStdNormalElement);
