import { formatNumber } from "../../lib/format";
import { checkStep, describeExample } from "./checks";
import { whenVisible } from "../when-visible";
import { defineCheck } from "../widget-element";
import { spec } from "./spec";
import { ELBO_STATE_EVENT, ELBO_STATE_REQUEST, type ElboStateDetail } from "./results";

/** `<vae-elbo-check data-step>` (checkElementName): recomputes one derivation step's check whenever the elbo widget's state changes. */
class ElboCheckElement extends HTMLElement {
  private lifetime?: AbortController;
  private hasState = false;

  connectedCallback(): void {
    this.lifetime = new AbortController();
    document.addEventListener(
      ELBO_STATE_EVENT,
      (event) => this.update((event as CustomEvent<ElboStateDetail>).detail),
      { signal: this.lifetime.signal },
    );
    this.setAttribute("data-ready", "");
    document.dispatchEvent(new CustomEvent(ELBO_STATE_REQUEST));
    // A reader who jumps to a step has not passed the widget, whose module loads when it is seen:
    // load it when the step is seen, and the widget (wherever it is) announces its state.
    whenVisible(
      [this],
      () => {
        if (!this.hasState) void import("./element");
      },
      "400px 0px",
    );
  }

  disconnectedCallback(): void {
    this.lifetime?.abort();
  }

  private update(detail: ElboStateDetail): void {
    this.hasState = true;
    const definition = checkStep(this.dataset.step ?? "");
    if (!definition) return;
    const verdict = this.querySelector<HTMLElement>("[data-role=verdict]");
    const example = this.querySelector<HTMLElement>("[data-role=example]");
    if (detail === null) {
      for (const row of definition.rows) this.write(row.name, undefined);
      if (verdict) verdict.textContent = "The widget above has an invalid value; fix it to see this check.";
      return;
    }
    const values = definition.values(detail);
    for (const row of definition.rows) this.write(row.name, values[row.name]);
    if (verdict) verdict.textContent = definition.verdict(values);
    if (example) example.textContent = describeExample(detail);
  }

  private write(name: string, value: number | undefined): void {
    const output = this.querySelector<HTMLOutputElement>(`output[name="${name}"]`);
    if (!output) return;
    if (value === undefined || Number.isNaN(value)) {
      delete output.dataset.value;
      output.textContent = "—";
      return;
    }
    output.dataset.value = String(value);
    output.textContent = formatNumber(value);
  }
}

defineCheck(spec, ElboCheckElement);
