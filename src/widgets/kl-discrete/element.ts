import { drag } from "d3-drag";
import { select } from "d3-selection";
import { drawGroups } from "../charts/draw-grouped-bars";
import type { GroupedBar } from "../charts/grouped-bars";
import { maxHeight, observeWidth, realWidth } from "../charts/real-width";
import { defineWidget, WidgetElement } from "../widget-element";
import { presets, spec, type KlDiscreteState } from "./spec";
import { contributionLayout, distributionLayout, dragWeights, klDiscreteResults } from "./view";

const NAMES = ["p", "q"] as const;

class KlDiscreteElement extends WidgetElement<KlDiscreteState> {
  protected readonly spec = spec;
  /** The probabilities on screen, which a drag starts from. */
  private shown: { p: number[]; q: number[] } = { p: [], q: [] };
  private dragLayout?: ReturnType<typeof distributionLayout>;
  private result?: ReturnType<typeof klDiscreteResults>;
  private resizeObserver?: ResizeObserver;

  protected override setup(): void {
    for (const name of NAMES) {
      const input = this.querySelector<HTMLInputElement>(`input[name="${name}"]`);
      input?.addEventListener("input", () => this.setParamsSoon({ [name]: input.value }), { signal: this.signal });
    }
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
    this.resizeObserver = observeWidth([this.querySelector("svg[data-role=distributions]")], () => this.draw());
  }

  protected override teardown(): void {
    this.resizeObserver?.disconnect();
  }

  protected override showState(state: KlDiscreteState): void {
    for (const name of NAMES) {
      const input = this.querySelector<HTMLInputElement>(`input[name="${name}"]`);
      if (input && document.activeElement !== input) input.value = state[name].join(", ");
    }
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
    this.shown = { p: result.p, q: result.q };
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
      this.dragLayout = distributionLayout(result.p, result.q, realWidth(distributions), maxHeight(distributions));
      drawGroups(distributions, this.dragLayout);
      this.bindDrag(distributions);
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

  /** Dragging a bar sets that outcome's probability; the other outcomes rescale so the sum stays 1. */
  private bindDrag(svg: SVGSVGElement): void {
    svg.setAttribute("data-draggable", "");
    const toViewBox = (clientY: number) => {
      const box = svg.getBoundingClientRect();
      const height = this.dragLayout?.height ?? 1;
      return ((clientY - box.top) / Math.max(1, box.height)) * height;
    };
    select(svg)
      .select("g.bars")
      .selectAll<SVGRectElement, GroupedBar>("rect")
      .call(
        drag<SVGRectElement, GroupedBar>().on("drag", (event: { sourceEvent: PointerEvent | MouseEvent }, bar) => {
          const layout = this.dragLayout;
          if (!layout) return;
          const name = NAMES[bar.series] ?? "p";
          const target = layout.valueAt(toViewBox(event.sourceEvent.clientY));
          this.setParamsSoon({ [name]: dragWeights(this.shown[name], bar.outcome, target) });
        }),
      );
  }
}

defineWidget("vae-kl-discrete", KlDiscreteElement);
