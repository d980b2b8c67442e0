import { bayesUpdate } from "../../lib/bayes";
import { normaliseWeights, roundDistribution } from "../../lib/weights";
import { formatField } from "../../lib/format";
import { bindHandles, type Grab } from "../handles/bind";
import { changedValue, defineWidget, WidgetElement } from "../widget-element";
import { drawArea } from "./draw";
import { PRESETS } from "./presets";
import { MAX_HYPOTHESES, MIN_HYPOTHESES, spec, type BayesState } from "./spec";
import { bayesResults, describeArea, priorNote } from "./text";
import { labelSize, observeWidth, realWidth } from "../charts/real-width";
import { AREA, areaLayout, hypothesisLabel, type AreaLayout } from "./view";

const round = (value: number, decimals = 4) => Math.round(value * 10 ** decimals) / 10 ** decimals;

const isBorder = (handle: Element) => handle.classList.contains("prior-handle");
const indexOf = (handle: Element) => Number((handle as SVGElement).dataset.index);

class BayesElement extends WidgetElement<BayesState> {
  protected readonly spec = spec;
  /** What the diagram shows, kept to redraw it at a new width; the layout drawn last, for dragging. */
  private shown?: { readonly state: BayesState; readonly label: string };
  private layout?: AreaLayout;
  private resizeObserver?: ResizeObserver;

  protected override setup(): void {
    const signal = this.signal;
    this.querySelector("table")?.addEventListener(
      "input",
      (event) => {
        const name = (event.target as HTMLInputElement).name ?? "";
        if (name.startsWith("prior-")) this.setParamsSoon({ prior: this.typed("prior") });
        if (name.startsWith("likelihood-")) this.setParamsSoon({ likelihood: this.typed("likelihood") });
      },
      { signal },
    );
    this.button("add")?.addEventListener("click", () => this.addHypothesis(), { signal });
    this.button("remove")?.addEventListener("click", () => this.removeHypothesis(), { signal });
    this.button("posterior-as-prior")?.addEventListener("click", () => this.posteriorAsPrior(), { signal });
    const preset = this.querySelector<HTMLSelectElement>("select[data-role=preset]");
    preset?.addEventListener(
      "change",
      () => {
        const chosen = PRESETS.find((p) => p.key === preset.value);
        if (chosen) this.setParams({ prior: chosen.prior, likelihood: chosen.likelihood });
      },
      { signal },
    );
    const svg = this.svg();
    if (svg) {
      const selector = "rect.likelihood-handle, rect.prior-handle";
      bindHandles(svg, { selector, grab: (handle) => this.grab(handle) }, signal);
      this.resizeObserver = observeWidth([svg], () => this.draw());
    }
    this.showRaw();
  }

  protected override teardown(): void {
    this.resizeObserver?.disconnect();
  }

  /** A prior or likelihood typed into the table before this module loaded: the whole column is the parameter. */
  protected override changedBeforeLoad(): Record<string, string> {
    const changed = super.changedBeforeLoad();
    for (const kind of ["prior", "likelihood"] as const) {
      const fields = this.querySelectorAll<HTMLInputElement>(`input[name^="${kind}-"]`);
      if ([...fields].some((field) => changedValue(field) !== undefined)) changed[kind] = this.typed(kind);
    }
    return changed;
  }

  /** Puts the URL's values into the table as written, even bad ones, so the reader sees what the alert is about. */
  private showRaw(): void {
    const prior = (this.raw.prior ?? spec.params.prior.fallback).split(",");
    const likelihood = (this.raw.likelihood ?? spec.params.likelihood.fallback).split(",");
    const rows = Math.min(MAX_HYPOTHESES, Math.max(MIN_HYPOTHESES, prior.length, likelihood.length));
    this.syncRows(rows);
    for (let i = 0; i < rows; i++) {
      for (const [kind, parts] of [
        ["prior", prior],
        ["likelihood", likelihood],
      ] as const) {
        const input = this.querySelector<HTMLInputElement>(`input[name="${kind}-${i}"]`);
        if (input) input.value = parts[i]?.trim() ?? "";
      }
    }
  }

  protected override showState(state: BayesState): void {
    this.syncRows(state.prior.length);
    state.prior.forEach((weight, i) => {
      this.showValue(`prior-${i}`, weight);
      this.showValue(`likelihood-${i}`, state.likelihood[i] ?? 0);
    });
    const add = this.button("add");
    const remove = this.button("remove");
    if (add) add.disabled = state.prior.length >= MAX_HYPOTHESES;
    if (remove) remove.disabled = state.prior.length <= MIN_HYPOTHESES;
  }

  protected render(state: BayesState): void {
    const { prior, update, evidence, joint } = bayesResults(state);
    this.showNote(priorNote(prior));
    this.setOutput("evidence", evidence);
    update.posterior.forEach((posterior, i) => {
      this.setOutput(`joint_${i}`, joint[i] ?? 0);
      this.setOutput(`posterior_${i}`, posterior);
    });
    this.shown = { state, label: describeArea(prior.probabilities, state.likelihood, update.posterior, evidence) };
    this.draw();
  }

  /** The diagram at its real width and its labels' font size (also on resize), so labels keep their size. */
  private draw(): void {
    const svg = this.svg();
    if (!svg || !this.shown) return;
    this.layout = this.layoutAt(this.shown.state, svg);
    drawArea(svg, this.layout, this.shown.label);
  }

  private layoutAt(state: BayesState, svg: SVGSVGElement): AreaLayout {
    const { prior, update } = bayesResults(state);
    return areaLayout(
      prior.probabilities,
      state.likelihood,
      update.joint,
      update.posterior,
      realWidth(svg, AREA.width),
      labelSize(svg, AREA.fontSize),
    );
  }

  private svg(): SVGSVGElement | null {
    return this.querySelector<SVGSVGElement>("svg[data-role=area]");
  }

  private button(role: string): HTMLButtonElement | null {
    return this.querySelector<HTMLButtonElement>(`button[data-role="${role}"]`);
  }

  private showValue(name: string, value: number): void {
    const input = this.querySelector<HTMLInputElement>(`input[name="${name}"]`);
    // Leave a field alone while the reader types in it.
    if (input && document.activeElement !== input) input.value = formatField(value);
  }

  private typed(kind: "prior" | "likelihood"): string {
    return [...this.querySelectorAll<HTMLInputElement>(`input[name^="${kind}-"]`)]
      .map((input) => input.value.trim())
      .join(",");
  }

  /** One table row per hypothesis; rows are added or removed to match the state. */
  private syncRows(count: number): void {
    const body = this.querySelector("tbody");
    if (!body) return;
    while (body.rows.length > count) body.rows[body.rows.length - 1]?.remove();
    while (body.rows.length < count) body.append(this.createRow(body.rows.length));
  }

  private createRow(i: number): HTMLTableRowElement {
    const row = document.createElement("tr");
    row.dataset.index = String(i);
    const label = hypothesisLabel(i);
    const head = document.createElement("th");
    head.scope = "row";
    const swatch = document.createElement("span");
    swatch.className = `swatch h-${i}`;
    swatch.setAttribute("aria-hidden", "true");
    head.append(swatch, label);
    const input = (name: string, aria: string) => {
      const cell = document.createElement("td");
      const field = document.createElement("input");
      Object.assign(field, { type: "text", name, inputMode: "decimal", spellcheck: false, autocomplete: "off" });
      field.setAttribute("aria-label", aria);
      cell.append(field);
      return cell;
    };
    const output = (name: string) => {
      const cell = document.createElement("td");
      const element = document.createElement("output");
      element.name = name;
      element.textContent = "—";
      cell.append(element);
      return cell;
    };
    row.append(
      head,
      input(`prior-${i}`, `Prior weight of ${label}`),
      input(`likelihood-${i}`, `Likelihood P(E | ${label})`),
      output(`joint_${i}`),
      output(`posterior_${i}`),
    );
    return row;
  }

  /** A new hypothesis takes half the largest prior weight, so the others keep their values; likelihood 0.5. */
  private addHypothesis(): void {
    const state = this.currentState();
    if (!state || state.prior.length >= MAX_HYPOTHESES) return;
    const prior = [...state.prior];
    const largest = prior.indexOf(Math.max(...prior));
    const half = (prior[largest] ?? 0) / 2;
    prior[largest] = half;
    this.setParams({ prior: [...prior, half].join(","), likelihood: [...state.likelihood, 0.5].join(",") });
  }

  /** Removing the last hypothesis hands its prior weight to the one before it. */
  private removeHypothesis(): void {
    const state = this.currentState();
    if (!state || state.prior.length <= MIN_HYPOTHESES) return;
    const prior = state.prior.slice(0, -1);
    prior[prior.length - 1] = (prior.at(-1) ?? 0) + (state.prior.at(-1) ?? 0);
    this.setParams({ prior: prior.join(","), likelihood: state.likelihood.slice(0, -1).join(",") });
  }

  /** Today's posterior is tomorrow's prior: a second, independent observation of the same evidence. */
  private posteriorAsPrior(): void {
    const state = this.currentState();
    const prior = state && normaliseWeights(state.prior);
    const update = prior && bayesUpdate(prior.probabilities, state.likelihood);
    if (update) this.setParams({ prior: update.posterior.map(String).join(",") });
  }

  /**
   * A likelihood handle or a border, taken by a pointer or a key: its value comes from the state
   * (which runs ahead of the drawing while a key repeats) and changes start from the state at the grab.
   */
  private grab(handle: SVGElement): Grab | undefined {
    const state = this.currentState();
    const prior = state && normaliseWeights(state.prior);
    const svg = this.svg();
    if (!state || !prior || !svg) return undefined;
    // The drawn diagram's scales (the fractions' axes do not depend on the state).
    const { fractionAtX, fractionAtY, xOfFraction, yOfFraction } = this.layout ?? this.layoutAt(state, svg);
    const index = indexOf(handle);
    if (!isBorder(handle)) {
      const value = state.likelihood[index] ?? 0;
      return {
        axes: [{ value, min: 0, max: 1, step: 0.01, bigStep: 0.1 }],
        anchor: { x: 0, y: yOfFraction(value) },
        valuesAt: (_, y) => [fractionAtY(y)],
        set: ([target = 0]) => {
          const likelihood = state.likelihood.map((l, i) => (i === index ? round(target) : l));
          this.setParamsSoon({ likelihood: likelihood.join(",") });
        },
      };
    }
    // The border after hypothesis `index`: prior mass passes between it and the next one.
    const p = prior.probabilities;
    const before = p.slice(0, index).reduce((a, b) => a + b, 0);
    const pair = (p[index] ?? 0) + (p[index + 1] ?? 0);
    const value = before + (p[index] ?? 0);
    return {
      axes: [{ value, min: before, max: before + pair, step: 0.01, bigStep: 0.1 }],
      anchor: { x: xOfFraction(value), y: 0 },
      valuesAt: (x) => [fractionAtX(x)],
      set: ([target = value]) => {
        const moved = Math.min(before + pair, Math.max(before, target)) - before;
        const next = [...p];
        next[index] = moved;
        next[index + 1] = pair - moved;
        this.setParamsSoon({ prior: roundDistribution(next, index + 1).join(",") });
      },
    };
  }
}

defineWidget(spec, BayesElement);
