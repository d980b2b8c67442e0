import { drawBars } from "../charts/draw-bars";
import { defineWidget, WidgetElement } from "../widget-element";
import { spec, type KlStdNormalState } from "./spec";
import { agreementText, bothFormulas, GENERAL_OUTPUTS } from "./formulas";
import { termsLayout } from "./view";
import { realWidth } from "../charts/real-width";

class KlStdNormalElement extends WidgetElement<KlStdNormalState> {
  protected readonly spec = spec;
  private resizeObserver?: ResizeObserver;
  private terms: readonly number[] = [];

  protected override setup(): void {
    this.addEventListener("widget-error", () => this.showVerdict(""), { signal: this.signal });
    this.bindFields(["mu", "logvar"]);
    // Redraw at the figure's real width so labels keep their size on a phone.
    this.resizeObserver = new ResizeObserver(() => this.draw());
    const svg = this.querySelector("svg[data-role=bars]");
    if (svg) this.resizeObserver.observe(svg);
  }

  protected override teardown(): void {
    this.resizeObserver?.disconnect();
  }

  protected override showState(state: KlStdNormalState): void {
    this.showFields({ mu: state.mu.join(", "), logvar: state.logvar.join(", ") });
  }

  private clearOutput(name: string): void {
    const output = this.output(name);
    if (!output) return;
    delete output.dataset.value;
    output.textContent = "—";
  }

  private showVerdict(text: string): void {
    const verdict = this.querySelector<HTMLElement>("[data-role=verdict]");
    if (verdict) verdict.textContent = text;
  }

  protected render(state: KlStdNormalState): void {
    const formulas = bothFormulas(state.mu, state.logvar);
    this.setOutput("kl", formulas.vae.total);
    if (formulas.general) {
      const { general } = formulas;
      this.setOutput("kl_general", general.value);
      this.setOutput("log_det_ratio", general.logDeterminantRatio);
      this.setOutput("dimension", general.dimension);
      this.setOutput("trace_term", general.traceTerm);
      this.setOutput("mean_term", general.meanTerm);
      this.setOutput("difference", formulas.difference);
      this.showNote("");
    } else {
      for (const name of GENERAL_OUTPUTS) this.clearOutput(name);
      this.showNote(formulas.generalProblem);
    }
    this.showVerdict(agreementText(formulas));
    this.terms = formulas.vae.terms;
    this.draw();
  }

  private draw(): void {
    const svg = this.querySelector<SVGSVGElement>("svg[data-role=bars]");
    if (!svg || this.terms.length === 0) return;
    drawBars(svg, termsLayout(this.terms, realWidth(svg)));
  }
}

defineWidget(spec, KlStdNormalElement);
