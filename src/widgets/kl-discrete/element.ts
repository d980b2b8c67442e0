import { formatField } from "../../lib/format";
import { normaliseWeights, roundDistribution, withProbability } from "../../lib/weights";
import { drawGroups } from "../charts/draw-grouped-bars";
import { bindHandles, type BoundHandles, type Grab } from "../handles/bind";
import { maxHeight, observeWidth, realWidth } from "../charts/real-width";
import { defineWidget, WidgetElement } from "../widget-element";
import { presets, spec, type KlDiscreteState } from "./spec";
import { contributionLayout, distributionLayout, distributionSliders, klDiscreteResults } from "./view";

const NAMES = ["p", "q"] as const;

class KlDiscreteElement extends WidgetElement<KlDiscreteState> {
  protected readonly spec = spec;
  /** The distributions' layout on screen, whose scale a drag uses. */
  private dragLayout?: ReturnType<typeof distributionLayout>;
  private handles?: BoundHandles;
  private result?: ReturnType<typeof klDiscreteResults>;
  private resizeObserver?: ResizeObserver;

  protected override setup(): void {
    this.bindFields(NAMES);
    const unit = this.querySelector<HTMLSelectElement>('select[name="unit"]');
    unit?.addEventListener("change", () => this.setParams({ unit: unit.value }), { signal: this.signal });
    const preset = this.querySelector<HTMLSelectElement>("select[data-role=preset]");
    preset?.addEventListener(
      "change",
      () => {
        const chosen = presets[Number(preset.value)];
        if (preset.value !== "" && chosen) this.setParams({ p: chosen.p, q: chosen.q });
      },
      { signal: this.signal },
    );
    const distributions = this.querySelector<SVGSVGElement>("svg[data-role=distributions]");
    const contributions = this.querySelector<SVGSVGElement>("svg[data-role=contributions]");
    this.resizeObserver = observeWidth([distributions, contributions], () => this.draw());
    if (distributions) {
      const bindings = {
        selector: "rect.handle",
        grab: (bar: SVGElement) => this.grabBar(bar),
        release: () => this.draw(),
      };
      this.handles = bindHandles(distributions, bindings, this.signal);
    }
  }

  protected override teardown(): void {
    this.resizeObserver?.disconnect();
  }

  protected override showState(state: KlDiscreteState): void {
    this.showFields(Object.fromEntries(NAMES.map((name) => [name, state[name].map((w) => formatField(w)).join(", ")])));
    const unit = this.querySelector<HTMLSelectElement>('select[name="unit"]');
    if (unit) unit.value = state.unit;
    const preset = this.querySelector<HTMLSelectElement>("select[data-role=preset]");
    if (preset) {
      const same = (text: string, values: number[]) => text === values.join(",");
      const index = presets.findIndex((candidate) => same(candidate.p, state.p) && same(candidate.q, state.q));
      preset.value = index >= 0 ? String(index) : "";
    }
    this.querySelectorAll<HTMLElement>("[data-role=unit]").forEach((element) => (element.textContent = state.unit));
  }

  protected render(state: KlDiscreteState): void {
    const result = klDiscreteResults(state);
    this.result = result;
    this.setOutput("kl_pq", result.forward.value);
    this.setOutput("kl_qp", result.reverse.value);
    this.showNote(result.note);
    this.draw();
  }

  /** Draws both charts at their real width (also on resize). */
  private draw(): void {
    const result = this.result;
    if (!result) return;
    const distributions = this.querySelector<SVGSVGElement>("svg[data-role=distributions]");
    if (distributions) {
      // While a drag lasts the probability axis keeps its top; it refits on release.
      const frozen = this.handles?.dragging ? this.dragLayout : undefined;
      const top = frozen?.valueAt(frozen.top);
      const width = realWidth(distributions);
      this.dragLayout = distributionLayout(result.p, result.q, width, maxHeight(distributions), top);
      drawGroups(distributions, this.dragLayout, distributionSliders(result.p, result.q));
    }
    const contributions = this.querySelector<SVGSVGElement>("svg[data-role=contributions]");
    if (contributions) {
      drawGroups(
        contributions,
        contributionLayout(
          result.forward.terms.map((t) => t.contribution),
          result.reverse.terms.map((t) => t.contribution),
          realWidth(contributions),
          maxHeight(contributions),
        ),
      );
    }
  }

  /**
   * A bar taken by a pointer or a key: setting its probability rescales the other outcomes of its
   * distribution in their proportions at the grab; the URL gets three decimals.
   */
  private grabBar(bar: SVGElement): Grab | undefined {
    const state = this.currentState();
    const layout = this.dragLayout;
    const name = NAMES[Number(bar.dataset.series)];
    const outcome = Number(bar.dataset.outcome);
    const start = state && name && normaliseWeights(state[name])?.probabilities;
    if (!layout || !name || !start) return undefined;
    const value = start[outcome] ?? 0;
    return {
      axes: [{ value, min: 0, max: 1, step: 0.01, bigStep: 0.1 }],
      anchor: { x: 0, y: layout.positionOf(value) },
      valuesAt: (_, y) => [Math.min(1, Math.max(0, layout.valueAt(y)))],
      set: ([target = value]) => {
        const next = roundDistribution(withProbability(start, outcome, target), outcome, 3);
        this.setParamsSoon({ [name]: next.join(",") });
      },
    };
  }
}

defineWidget(spec, KlDiscreteElement);
