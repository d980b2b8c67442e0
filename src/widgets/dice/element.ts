import { FACES, type TracePoint } from "../../lib/dice";
import { normaliseWeights, roundDistribution, withProbability } from "../../lib/weights";
import { formatField } from "../../lib/format";
import { labelSize, observeWidth, realWidth } from "../charts/real-width";
import { bindHandles, type Grab } from "../handles/bind";
import { defineWidget, readerName, WidgetElement, type InvalidPlace } from "../widget-element";
import { drawPanel, drawTrace } from "./draw";
import { spec, type DiceState } from "./spec";
import { describeDie, describeGiven, describeTrace, normalisedNote } from "./text";
import { diceResults, diceSimulation, PANEL, panelLayout, TRACE, traceLayout } from "./view";

type FaceSetName = "event" | "condition";

const faceOf = (handle: Element) => Number((handle as SVGElement).dataset.face);

/**
 * A simulation of more rolls than this (a million take about 50 ms) waits until changes pause, so
 * that dragging redraws the exact figures every frame; a newer change aborts the wait.
 */
const DEFER_ABOVE = 20_000;
const DEFER_MS = 120;

/** What the three figures show, kept to redraw them at a new width. */
interface Figures {
  readonly state: DiceState;
  readonly p: readonly number[];
  readonly exact: ReturnType<typeof diceResults>["exact"];
  readonly simulated?: {
    readonly frequencies: readonly number[];
    readonly trace: readonly TracePoint[];
    readonly mean: number;
  };
}

class DiceElement extends WidgetElement<DiceState> {
  protected readonly spec = spec;
  private figures?: Figures;
  private resizeObserver?: ResizeObserver;

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
    if (die) bindHandles(die, { selector: "rect.handle", grab: (handle) => this.grabFace(faceOf(handle)) }, signal);
    this.resizeObserver = observeWidth([die, this.givenSvg(), this.traceSvg()], () => this.draw());
    this.showRaw();
  }

  /** The weights are six fields: a bad entry is shown at its face's field, in the face's words. */
  protected override invalidPlace(key: string, detail: string): InvalidPlace {
    const group = this.querySelector<HTMLElement>(
      key === "weights" ? ".dice-weights" : `.face-picker[data-set="${key}"]`,
    );
    if (!group) return super.invalidPlace(key, detail);
    const entry = key === "weights" ? /; entry (\d+) is "(.*)"\.?$/.exec(detail) : null;
    const field = entry ? this.weightInput(Number(entry[1])) : null;
    if (entry && field) {
      const value = entry[2] === "" ? "empty" : entry[2]?.replace(/^-/, "−");
      const allowed = spec.params.weights.expected.replace(/^.*, each /, "");
      return {
        controls: [field],
        anchor: group,
        message: `${readerName(field, key)} is ${value}; a weight must be ${allowed}.`,
      };
    }
    const name = group.querySelector("legend")?.textContent?.replace(/:.*$/, "").trim();
    const controls = key === "weights" ? [...group.querySelectorAll<HTMLElement>("input")] : [];
    const count = key === "weights" ? /got (\d+) entr/.exec(detail)?.[1] : undefined;
    if (count) {
      const more = Number(count) > FACES.length;
      return {
        controls,
        anchor: group,
        message:
          `${name ?? "Weights"} (weights): the address gives ${count} weights, but a die has ${FACES.length} faces; ` +
          (more
            ? `the fields show the first ${FACES.length}. Type in a field to keep those.`
            : "the faces without one are empty. Type a weight for each."),
      };
    }
    return { controls, anchor: group, message: `${name ? `${name} (${key})` : key}: ${detail}` };
  }

  protected override teardown(): void {
    this.resizeObserver?.disconnect();
  }

  /** Puts the URL's values into the controls as written, even bad ones, so the reader sees what the alert is about. */
  private showRaw(): void {
    const value = (key: keyof DiceState) => this.raw[key] ?? spec.params[key].fallback;
    // Face by face whatever their count: a face the address gives no weight shows empty, and the
    // alert names the entries with no face (the fields never keep an earlier state's weights).
    const weights = value("weights").split(",");
    FACES.forEach((face, i) => {
      const input = this.weightInput(face);
      if (input) input.value = weights[i]?.trim() ?? "";
    });
    for (const name of ["n", "seed"] as const) {
      const input = this.querySelector<HTMLInputElement>(`input[name="${name}"]`);
      if (input) input.value = value(name);
    }
    // A set the alert is about still presses the faces it names, so the buttons show the address, not the default.
    for (const set of ["event", "condition"] as const) {
      const parsed = spec.params[set].parse(value(set));
      const named = parsed.ok
        ? parsed.value
        : value(set)
            .split(",")
            .map((entry) => Number(entry.trim()));
      this.querySelectorAll<HTMLButtonElement>(`.face-picker[data-set="${set}"] button`).forEach((button) => {
        button.setAttribute("aria-pressed", String(named.includes(Number(button.dataset.face))));
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
      // Three significant digits fit six fields across a phone; the state keeps every digit.
      if (input && document.activeElement !== input) input.value = formatField(state.weights[i] ?? 0, 3);
    });
    for (const name of ["n", "seed"] as const) {
      const input = this.querySelector<HTMLInputElement>(`input[name="${name}"]`);
      if (input && document.activeElement !== input) input.value = String(state[name]);
    }
  }

  protected async render(state: DiceState, signal: AbortSignal): Promise<void> {
    const { normalised, p, exact, pCondition, pJoint } = diceResults(state);
    this.showNote(normalisedNote(normalised));
    this.setOutput("p_event", exact.pEvent);
    this.setOutput("expectation", exact.expectation);
    this.setOutput("p_condition", pCondition);
    this.setOutput("p_joint", pJoint);
    this.figures = { state, p, exact };
    this.draw();

    if (state.n > DEFER_ABOVE) {
      await new Promise((resolve) => window.setTimeout(resolve, DEFER_MS));
      if (signal.aborted) return;
    }
    const { simulation, frequencies } = diceSimulation(state);
    this.setOutput("sample_p_event", simulation.pEvent.estimate);
    this.setOutput("sample_p_event_se", simulation.pEvent.standardError);
    this.setOutput("sample_mean", simulation.mean.estimate);
    this.setOutput("sample_mean_se", simulation.mean.standardError);
    this.figures = {
      state,
      p,
      exact,
      simulated: { frequencies, trace: simulation.trace, mean: simulation.mean.estimate },
    };
    this.draw();
  }

  /** Draws the figures at their real width (also on resize), so their labels keep their size on a phone. */
  private draw(): void {
    if (!this.figures) return;
    const { state, p, exact, simulated } = this.figures;
    const die = this.dieSvg();
    if (die)
      drawPanel(die, panelLayout(p, state.event, state.condition, undefined, ...this.panelSize(die)), describeDie(p));
    if (!simulated) return;
    const given = this.givenSvg();
    if (given) {
      drawPanel(
        given,
        panelLayout(exact.given, state.event, state.condition, simulated.frequencies, ...this.panelSize(given)),
        describeGiven(exact.given, state.condition),
      );
    }
    const trace = this.traceSvg();
    if (trace) {
      drawTrace(
        trace,
        traceLayout(
          simulated.trace,
          exact.expectation,
          Math.sqrt(exact.variance),
          state.n,
          realWidth(trace, TRACE.width),
          labelSize(trace, TRACE.fontSize),
        ),
        describeTrace(simulated.mean, exact.expectation, state.n),
      );
    }
  }

  /** A panel's real width and label size, as panelLayout takes them. */
  private panelSize(svg: SVGSVGElement | null): [number, number] {
    return [realWidth(svg, PANEL.width), labelSize(svg, PANEL.fontSize)];
  }

  private dieSvg(): SVGSVGElement | null {
    return this.querySelector<SVGSVGElement>("svg[data-role=panel-die]");
  }

  private givenSvg(): SVGSVGElement | null {
    return this.querySelector<SVGSVGElement>("svg[data-role=panel-given]");
  }

  private traceSvg(): SVGSVGElement | null {
    return this.querySelector<SVGSVGElement>("svg[data-role=trace]");
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

  /**
   * A face's bar, taken by a pointer or a key: setting its probability rescales the other faces in
   * their proportions at the grab (the state runs ahead of the drawing, so it starts from the state);
   * the URL gets rounded probabilities.
   */
  private grabFace(face: number): Grab | undefined {
    const normalised = normaliseWeights(this.currentState()?.weights ?? []);
    if (!normalised) return undefined;
    const start = normalised.probabilities;
    // The drawn panel's geometry (its height follows its width).
    const layout = panelLayout(start, [], [], undefined, ...this.panelSize(this.dieSvg()));
    return {
      axes: [{ value: start[face - 1] ?? 0, min: 0, max: 1, step: 0.01, bigStep: 0.1 }],
      anchor: { x: 0, y: layout.bars[face - 1]?.y ?? layout.baseY },
      valuesAt: (_, y) => [layout.valueAt(y)],
      set: ([target = 0]) => {
        const next = roundDistribution(withProbability(start, face - 1, target), face - 1);
        this.setParamsSoon({ weights: next.join(",") });
      },
    };
  }
}

defineWidget(spec, DiceElement);
