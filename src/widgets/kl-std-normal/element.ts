import { klStdNormal } from "../../lib/kl-std-normal";
import { drawBars } from "../charts/draw-bars";
import { defineWidget, WidgetElement } from "../widget-element";
import { spec, type KlStdNormalState } from "./spec";
import { termsLayout } from "./view";

class KlStdNormalElement extends WidgetElement<KlStdNormalState> {
  protected readonly spec = spec;

  protected override setup(): void {
    for (const name of ["mu", "logvar"] as const) {
      const input = this.querySelector<HTMLInputElement>(`input[name="${name}"]`);
      input?.addEventListener("input", () => this.setParamsSoon({ [name]: input.value }), { signal: this.signal });
    }
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
    const svg = this.querySelector<SVGSVGElement>("svg[data-role=bars]");
    if (svg) drawBars(svg, termsLayout(terms));
  }
}

defineWidget("vae-kl-std-normal", KlStdNormalElement);
