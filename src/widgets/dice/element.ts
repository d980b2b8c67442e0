import { analyseDice, FACES, simulateConditionalRolls } from "../../lib/dice";
import { createRandom } from "../../lib/random";
import { normaliseWeights, roundDistribution, withProbability } from "../../lib/weights";
import { defineWidget, WidgetElement } from "../widget-element";
import { drawPanel, drawTrace } from "./draw";
import { spec, type DiceState } from "./spec";
import { describeDie, describeGiven, describeTrace, normalisedNote } from "./text";
import { panelLayout, traceLayout } from "./view";

type FaceSetName = "event" | "condition";

/** Arrow keys move a bar by a percentage point, Page keys by ten. */
const KEY_STEPS: Record<string, number> = {
  ArrowUp: 0.01,
  ArrowRight: 0.01,
  ArrowDown: -0.01,
  ArrowLeft: -0.01,
  PageUp: 0.1,
  PageDown: -0.1,
};

/** Simulations longer than this wait a tick, so that dragging redraws the exact figures every frame. */
const DEFER_ABOVE = 20_000;

class DiceElement extends WidgetElement<DiceState> {
  protected readonly spec = spec;
  private dragging?: { face: number; pointerId: number };

  protected override setup(): void {
    const signal = this.signal;
    this.querySelectorAll<HTMLButtonElement>(".face-picker button").forEach((button) => {
      button.addEventListener("click", () => this.toggleFace(button), { signal });
    });
    for (const face of FACES) {
      this.weightInput(face)?.addEventListener("input", () => this.setParamsSoon({ weights: this.typedWeights() }), {
        signal,
      });
    }
    for (const name of ["n", "seed"] as const) {
      const input = this.querySelector<HTMLInputElement>(`input[name="${name}"]`);
      input?.addEventListener("input", () => this.setParamsSoon({ [name]: input.value.trim() }), { signal });
    }
    this.querySelector("[data-role=reroll]")?.addEventListener(
      "click",
      () => {
        const seed = this.currentState()?.seed;
        if (seed !== undefined) this.setParams({ seed: String(seed + 1) });
      },
      { signal },
    );
    const die = this.dieSvg();
    if (!die) return;
    die.addEventListener("pointerdown", (event) => this.startDrag(event), { signal });
    die.addEventListener("pointermove", (event) => this.drag(event), { signal });
    for (const type of ["pointerup", "pointercancel", "lostpointercapture"]) {
      die.addEventListener(type, () => (this.dragging = undefined), { signal });
    }
    die.addEventListener("keydown", (event) => this.keyStep(event), { signal });
    this.showRaw();
  }

  /** Puts the URL's values into the controls as written, even bad ones, so the reader sees what the alert is about. */
  private showRaw(): void {
    const value = (key: keyof DiceState) => this.raw[key] ?? spec.params[key].fallback;
    const weights = value("weights").split(",");
    if (weights.length === FACES.length) {
      FACES.forEach((face, i) => {
        const input = this.weightInput(face);
        if (input) input.value = weights[i]?.trim() ?? "";
      });
    }
    for (const name of ["n", "seed"] as const) {
      const input = this.querySelector<HTMLInputElement>(`input[name="${name}"]`);
      if (input) input.value = value(name);
    }
    for (const set of ["event", "condition"] as const) {
      const parsed = spec.params[set].parse(value(set));
      if (!parsed.ok) continue;
      this.querySelectorAll<HTMLButtonElement>(`.face-picker[data-set="${set}"] button`).forEach((button) => {
        button.setAttribute("aria-pressed", String(parsed.value.includes(Number(button.dataset.face))));
      });
    }
  }

  protected override showState(state: DiceState): void {
    for (const set of ["event", "condition"] as const) {
      this.querySelectorAll<HTMLButtonElement>(`.face-picker[data-set="${set}"] button`).forEach((button) => {
        button.setAttribute("aria-pressed", String(state[set].includes(Number(button.dataset.face))));
      });
    }
    FACES.forEach((face, i) => {
      const input = this.weightInput(face);
      // Leave a field alone while the reader types in it.
      if (input && document.activeElement !== input) input.value = String(state.weights[i]);
    });
    for (const name of ["n", "seed"] as const) {
      const input = this.querySelector<HTMLInputElement>(`input[name="${name}"]`);
      if (input && document.activeElement !== input) input.value = String(state[name]);
    }
  }

  protected async render(state: DiceState, signal: AbortSignal): Promise<void> {
    const normalised = normaliseWeights(state.weights);
    const exact = normalised && analyseDice(normalised.probabilities, state.event, state.condition);
    if (!normalised || !exact) throw new Error("condition: P(B) = 0, so P(A | B) is not defined.");
    const p = normalised.probabilities;
    this.showNote(normalisedNote(normalised));
    this.setOutput("p_event", exact.pEvent);
    this.setOutput("expectation", exact.expectation);
    this.setOutput("p_condition", exact.pCondition);
    this.setOutput("p_joint", exact.pJoint);
    const die = this.dieSvg();
    if (die) drawPanel(die, panelLayout(p, state.event, state.condition), describeDie(p));

    if (state.n > DEFER_ABOVE) {
      await new Promise((resolve) => window.setTimeout(resolve, 0));
      if (signal.aborted) return;
    }
    const simulation = simulateConditionalRolls(p, state.event, state.condition, state.n, createRandom(state.seed));
    if (!simulation) throw new Error("condition: P(B) = 0, so no roll can meet it.");
    this.setOutput("sample_p_event", simulation.pEvent.estimate);
    this.setOutput("sample_p_event_se", simulation.pEvent.standardError);
    this.setOutput("sample_mean", simulation.mean.estimate);
    this.setOutput("sample_mean_se", simulation.mean.standardError);
    const frequencies = simulation.counts.map((count) => count / state.n);
    const given = this.querySelector<SVGSVGElement>("svg[data-role=panel-given]");
    if (given) {
      drawPanel(
        given,
        panelLayout(exact.given, state.event, state.condition, frequencies),
        describeGiven(exact.given, state.condition),
      );
    }
    const trace = this.querySelector<SVGSVGElement>("svg[data-role=trace]");
    if (trace) {
      drawTrace(
        trace,
        traceLayout(simulation.trace, exact.expectation, Math.sqrt(exact.variance), state.n),
        describeTrace(simulation.mean.estimate, exact.expectation, state.n),
      );
    }
  }

  private dieSvg(): SVGSVGElement | null {
    return this.querySelector<SVGSVGElement>("svg[data-role=panel-die]");
  }

  private weightInput(face: number): HTMLInputElement | null {
    return this.querySelector<HTMLInputElement>(`input[name="weight-${face}"]`);
  }

  private typedWeights(): string {
    return FACES.map((face) => this.weightInput(face)?.value.trim() ?? "").join(",");
  }

  /** Toggles a face in the event or condition as the URL has it (the buttons may lag a state that failed its check). */
  private toggleFace(button: HTMLButtonElement): void {
    const set = button.closest<HTMLElement>(".face-picker")?.dataset.set as FaceSetName | undefined;
    const face = Number(button.dataset.face);
    if (!set || !Number.isInteger(face)) return;
    const param = spec.params[set];
    const parsed = param.parse(this.raw[set] ?? param.fallback);
    const current = parsed.ok
      ? parsed.value
      : [
          ...this.querySelectorAll<HTMLButtonElement>(`.face-picker[data-set="${set}"] button[aria-pressed="true"]`),
        ].map((b) => Number(b.dataset.face));
    const next = current.includes(face) ? current.filter((f) => f !== face) : [...current, face];
    next.sort((a, b) => a - b);
    this.querySelectorAll<HTMLButtonElement>(`.face-picker[data-set="${set}"] button`).forEach((b) => {
      b.setAttribute("aria-pressed", String(next.includes(Number(b.dataset.face))));
    });
    this.setParams({ [set]: next.join(",") });
  }

  /** Sets one face's probability, the others keeping their proportions; the URL gets rounded probabilities. */
  private setFaceProbability(face: number, target: number): void {
    const state = this.currentState();
    const normalised = state && normaliseWeights(state.weights);
    if (!normalised) return;
    const next = roundDistribution(withProbability(normalised.probabilities, face - 1, target), face - 1);
    this.setParamsSoon({ weights: next.join(",") });
  }

  private startDrag(event: PointerEvent): void {
    const handle = (event.target as Element).closest<SVGRectElement>("rect.handle");
    if (!handle) return;
    event.preventDefault();
    handle.focus();
    this.dragging = { face: Number(handle.dataset.face), pointerId: event.pointerId };
    this.dieSvg()?.setPointerCapture(event.pointerId);
    this.drag(event);
  }

  private drag(event: PointerEvent): void {
    const svg = this.dieSvg();
    if (!this.dragging || event.pointerId !== this.dragging.pointerId || !svg) return;
    const matrix = svg.getScreenCTM();
    if (!matrix) return;
    const point = new DOMPoint(event.clientX, event.clientY).matrixTransform(matrix.inverse());
    const layout = panelLayout([], [], []);
    this.setFaceProbability(this.dragging.face, layout.valueAt(point.y));
  }

  private keyStep(event: KeyboardEvent): void {
    const handle = (event.target as Element).closest<SVGRectElement>("rect.handle");
    const state = this.currentState();
    const normalised = state && normaliseWeights(state.weights);
    if (!handle || !normalised) return;
    const face = Number(handle.dataset.face);
    const current = normalised.probabilities[face - 1] ?? 0;
    let target: number | undefined;
    if (event.key in KEY_STEPS) target = current + (KEY_STEPS[event.key] ?? 0);
    else if (event.key === "Home") target = 0;
    else if (event.key === "End") target = 1;
    if (target === undefined) return;
    event.preventDefault();
    this.setFaceProbability(face, Math.min(1, Math.max(0, target)));
  }
}

defineWidget("vae-dice", DiceElement);
