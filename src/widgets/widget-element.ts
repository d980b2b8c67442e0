import { formatNumber } from "../lib/format";
import { plainCommas, toQuery, type RawParams } from "../lib/params";
import { revealDeferred } from "./parts/deferred";
import { WIDGET_CHANGE } from "./events";
import { checkElementName, elementName, parseState, type AnyWidgetSpec, type WidgetSpec } from "./spec";

/**
 * The base of every widget element (see docs/widget-contract.md): parameters in from
 * attributes or, on the embed page, from the query string; results out as `<output>`s with
 * `data-value`; `data-ready` when they match the state; bad input as a `role="alert"` message.
 *
 * Subclasses bind their controls in `setup` (listeners take `this.signal`, so they go away on
 * disconnect), draw and write outputs in `render`, and release anything else in `teardown`.
 */
export abstract class WidgetElement<S> extends HTMLElement {
  protected abstract readonly spec: WidgetSpec<S>;

  /** The current raw parameters: the single source of state, from which URLs are written. */
  protected raw: Record<string, string> = {};
  /** True while the parameters are invalid: the alert and the emptied outputs are then the widget's state. */
  protected inputInvalid = false;
  /** Aborted on disconnect: pass it to every addEventListener. */
  protected signal: AbortSignal = AbortSignal.abort();

  private lifetime?: AbortController;
  private pending?: AbortController;
  private refreshTimer = 0;
  /** Set at the first connection: later ones find controls this element filled itself (showState). */
  private hydrated = false;

  /** Embed pages set `url-state`: the query string is then the state and follows every change. */
  protected get usesUrlState(): boolean {
    return this.hasAttribute("url-state");
  }

  connectedCallback(): void {
    this.lifetime = new AbortController();
    this.signal = this.lifetime.signal;
    this.raw = this.readInitialParams();
    revealDeferred(this);
    // A value typed before this module loaded had no listener to hear it: it is the state, checked as any other.
    const early = this.hydrated ? {} : this.changedBeforeLoad();
    this.hydrated = true;
    Object.assign(this.raw, early);
    if (this.usesUrlState && Object.keys(early).length > 0) this.writeUrl();
    this.setup();
    void this.refresh();
  }

  disconnectedCallback(): void {
    window.clearTimeout(this.refreshTimer);
    this.pending?.abort();
    this.lifetime?.abort();
    this.teardown();
  }

  /**
   * What the reader changed in the controls before this module loaded, as raw parameters: each
   * control named after a parameter whose value is not the one its markup gives. A widget whose
   * parameter is spread over several controls (a vector, one field per entry) adds it here.
   */
  protected changedBeforeLoad(): Record<string, string> {
    const changed: Record<string, string> = {};
    for (const key of Object.keys(this.spec.params)) {
      for (const control of this.querySelectorAll<FormControl>(controlsNamed(key))) {
        const value = changedValue(control);
        if (value !== undefined && (changed[key] === undefined || document.activeElement === control))
          changed[key] = value;
      }
    }
    return changed;
  }

  /** Bind controls. Called once per connection, after `raw` is read. */
  protected setup(): void {}

  /** Called when the parameters are parsed again, `inputInvalid` set: e.g. to refuse to start while they are bad. */
  protected validityChanged(): void {}

  /** Release workers, timers, tensors: whatever `signal` does not cover. */
  protected teardown(): void {}

  /** Compute with src/lib, write outputs, draw. May be async; must stop early when `signal` aborts. */
  protected abstract render(state: S, signal: AbortSignal): void | Promise<void>;

  /** Update controls to show `state` (e.g. after the URL gave a state the server did not render). */
  protected showState(_state: S): void {}

  /** Change parameters from a control; the permalink follows and the widget recomputes. */
  protected setParams(changes: RawParams): void {
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined) delete this.raw[key];
      else this.raw[key] = value;
    }
    if (this.usesUrlState) this.writeUrl();
    void this.refresh();
  }

  /** Like setParams, but coalesces a burst of changes (dragging) into one recomputation per frame. */
  protected setParamsSoon(changes: RawParams): void {
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined) delete this.raw[key];
      else this.raw[key] = value;
    }
    // The outputs no longer match the state from this moment, not from the deferred refresh.
    this.removeAttribute("data-ready");
    if (this.refreshTimer) return;
    this.refreshTimer = window.setTimeout(() => {
      this.refreshTimer = 0;
      this.setParams({});
    }, 16);
  }

  /**
   * Binds each text field named after a parameter: typing recomputes once a frame (`input`), or at
   * once when the field commits (`change`, for settings that restart a model).
   */
  protected bindFields(names: readonly string[], on: "input" | "change" = "input"): void {
    for (const name of names) {
      const field = this.querySelector<HTMLInputElement>(`input[name="${name}"]`);
      const change = (value: string) =>
        on === "input" ? this.setParamsSoon({ [name]: value }) : this.setParams({ [name]: value });
      field?.addEventListener(on, () => change(field.value), { signal: this.signal });
    }
  }

  /** Shows values in the fields named after their parameters, leaving alone the one the reader is typing in. */
  protected showFields(values: Readonly<Record<string, string>>): void {
    for (const [name, value] of Object.entries(values)) {
      const field = this.querySelector<HTMLInputElement>(`input[name="${name}"]`);
      if (field && document.activeElement !== field) field.value = value;
    }
  }

  /** The parsed current state, or undefined when the parameters are invalid. */
  protected currentState(): S | undefined {
    const parsed = parseState(this.spec, this.raw);
    return parsed.ok ? parsed.state : undefined;
  }

  protected output(name: string): HTMLOutputElement | null {
    return this.querySelector<HTMLOutputElement>(`output[name="${name}"]`);
  }

  /** Writes a result: full precision in data-value, the rounded figure as text. */
  protected setOutput(name: string, value: number | string, text?: string): void {
    const element = this.output(name);
    if (!element) throw new Error(`The widget has no output named ${name}.`);
    if (typeof value === "number" && Number.isNaN(value)) {
      throw new Error(`${name} is not defined for these values.`);
    }
    element.dataset.value = String(value);
    element.textContent = text ?? (typeof value === "number" ? formatNumber(value) : value);
  }

  protected clearOutputs(): void {
    this.querySelectorAll<HTMLOutputElement>("output[name]").forEach((element) => {
      delete element.dataset.value;
      element.textContent = "—";
    });
  }

  /** Shows a message in the widget's alert region; an empty message hides it. */
  protected showAlert(message: string): void {
    const alert = this.querySelector<HTMLElement>("[data-role=alert]");
    if (!alert) return;
    alert.textContent = message;
    alert.hidden = message === "";
  }

  /** A visible note that is not an error (e.g. weights normalised); empty hides it. */
  protected showNote(message: string): void {
    const note = this.querySelector<HTMLElement>("[data-role=note]");
    if (!note) return;
    note.textContent = message;
    note.hidden = message === "";
  }

  /**
   * Where a bad parameter shows at its controls (contract rule 5): the controls to mark invalid, the
   * element the inline message follows, and the message as the reader sees it. A widget whose
   * parameter is spread over several controls (one field per entry) overrides it.
   */
  protected invalidPlace(key: string, detail: string): InvalidPlace {
    const controls = [...this.querySelectorAll<HTMLElement>(controlsNamed(key))];
    const first = controls[0];
    return {
      controls,
      anchor: first?.closest("label") ?? first,
      message: `${readerName(first, key)}: ${detail}`,
    };
  }

  /** Re-parses and re-renders; the newest call wins and an older one in flight is aborted. */
  protected async refresh(): Promise<void> {
    this.pending?.abort();
    const pending = new AbortController();
    this.pending = pending;
    this.removeAttribute("data-ready");
    this.dispatchEvent(new CustomEvent(WIDGET_CHANGE, { bubbles: true }));
    const parsed = parseState(this.spec, this.raw);
    this.inputInvalid = !parsed.ok;
    this.validityChanged();
    if (!parsed.ok) {
      this.fail(parsed.problems);
      return;
    }
    try {
      this.showAlert("");
      this.markInvalid(undefined);
      this.showState(parsed.state);
      await this.render(parsed.state, pending.signal);
      if (pending.signal.aborted) return;
      this.setAttribute("data-ready", "");
    } catch (error) {
      if (pending.signal.aborted) return;
      this.fail([error instanceof Error ? error.message : String(error)]);
    }
  }

  /** Bad input settles the widget too: the alert and the emptied outputs are its current state. */
  private fail(problems: readonly string[]): void {
    const message = this.markInvalid(problems);
    this.showAlert(message);
    this.clearOutputs();
    this.setAttribute("data-ready", "");
    this.dispatchEvent(new CustomEvent("widget-error", { detail: { message }, bubbles: true }));
  }

  /**
   * Marks each bad parameter's controls (aria-invalid, an inline message they are described by) and
   * the figures and notes of the last valid state as stale; undefined clears both. Returns the
   * message for the alert: each control's name as the reader sees it beside the parameter's.
   */
  private markInvalid(problems: readonly string[] | undefined): string {
    this.querySelectorAll("[data-invalid-mark]").forEach((control) => {
      control.removeAttribute("aria-invalid");
      control.removeAttribute("data-invalid-mark");
      const rest = (control.getAttribute("aria-describedby") ?? "")
        .split(" ")
        .filter((id) => !id.startsWith(FIELD_ERROR));
      if (rest.length > 0) control.setAttribute("aria-describedby", rest.join(" "));
      else control.removeAttribute("aria-describedby");
    });
    this.querySelectorAll(".field-error").forEach((element) => element.remove());
    this.querySelectorAll("[data-stale-hidden]").forEach((figure) => {
      figure.removeAttribute("aria-hidden");
      figure.removeAttribute("data-stale-hidden");
    });
    if (problems === undefined) {
      this.removeAttribute("data-stale");
      return "";
    }
    // Screen readers hear the alert; the dimmed figures of the last valid state are hidden from them.
    this.setAttribute("data-stale", "");
    this.querySelectorAll(STALE_FIGURES).forEach((figure) => {
      if (figure.hasAttribute("aria-hidden")) return;
      figure.setAttribute("aria-hidden", "true");
      figure.setAttribute("data-stale-hidden", "");
    });
    // The fields show the values as given (from the URL too), so the reader sees what the message is about.
    for (const [name, value] of Object.entries(this.raw)) {
      const field = this.querySelector<HTMLInputElement>(`input[name="${name}"]`);
      if (field && ["text", "number"].includes(field.type) && document.activeElement !== field) field.value = value;
    }
    return problems.map((problem) => this.markProblem(problem)).join(" ");
  }

  /** Marks the controls of the parameter `problem` names ("key: detail"); returns its message for the alert. */
  private markProblem(problem: string): string {
    const key = /^([A-Za-z_]\w*): /.exec(problem)?.[1];
    if (key === undefined || !(key in this.spec.params)) return problem;
    const place = this.invalidPlace(key, problem.slice(key.length + 2));
    if (!place.anchor) return place.message;
    const inline = document.createElement("p");
    inline.className = "field-error";
    inline.id = `${FIELD_ERROR}${++fieldErrors}`;
    inline.textContent = place.message;
    place.anchor.after(inline);
    for (const control of place.controls) {
      control.setAttribute("aria-invalid", "true");
      control.setAttribute("data-invalid-mark", "");
      const described = control.getAttribute("aria-describedby");
      control.setAttribute("aria-describedby", described ? `${described} ${inline.id}` : inline.id);
    }
    return place.message;
  }

  private readInitialParams(): Record<string, string> {
    const raw: Record<string, string> = {};
    const query = this.usesUrlState ? new URLSearchParams(window.location.search) : undefined;
    for (const key of Object.keys(this.spec.params)) {
      const value = query ? query.get(key) : this.getAttribute(key);
      if (value !== null) raw[key] = value;
    }
    return raw;
  }

  private writeUrl(): void {
    const url = new URL(window.location.href);
    const minimal = toQuery(this.spec.params, this.raw);
    for (const key of Object.keys(this.spec.params)) {
      const value = minimal.get(key);
      if (value === null) url.searchParams.delete(key);
      else url.searchParams.set(key, value);
    }
    // Before refresh() sends widget-change: the embed page passes the new permalink on to a framing deck (src/embed/embed-page.ts).
    history.replaceState(history.state, "", url);
  }

  /** Every parameter of the current state, defaults included (for images of the state). */
  parameters(): Record<string, string> {
    const specs: Readonly<Record<string, { readonly fallback: string }>> = this.spec.params;
    return Object.fromEntries(Object.entries(specs).map(([key, param]) => [key, this.raw[key] ?? param.fallback]));
  }

  /** The current state's minimal query string (defaults left out), without "?": the embed page's address follows it. */
  query(): string {
    return plainCommas(toQuery(this.spec.params, this.raw).toString());
  }
}

type FormControl = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/** A bad parameter's controls, the element its inline message follows, and that message. */
export interface InvalidPlace {
  readonly controls: readonly HTMLElement[];
  readonly anchor: HTMLElement | undefined;
  readonly message: string;
}

// Ids made in the browser, apart from the build's (src/widgets/parts/unique-id.ts).
const FIELD_ERROR = "field-error-";
let fieldErrors = 0;

/** What shows the last valid state: dimmed by widget.css while the state is invalid (`data-stale`). */
const STALE_FIGURES = "svg:not(button svg, summary svg), canvas";

const SUBSCRIPTS = "₀₁₂₃₄₅₆₇₈₉";

/**
 * A control's name as the reader sees it, with the parameter's: "Σ₁ (cov1)". Reads the label's
 * MathML (KaTeX) rather than its TeX source, with digit subscripts as Unicode subscripts.
 */
export function readerName(control: HTMLElement | undefined, key: string): string {
  const label = control && "labels" in control ? (control as HTMLInputElement).labels?.[0] : undefined;
  let name = control?.getAttribute("aria-label") ?? "";
  if (!name && label) {
    const copy = label.cloneNode(true) as HTMLElement;
    copy.querySelectorAll("input, select, textarea, output, annotation, .katex-html").forEach((e) => e.remove());
    copy.querySelectorAll("msub > :nth-child(2)").forEach((e) => {
      e.textContent = (e.textContent ?? "").replace(/\d/g, (digit) => SUBSCRIPTS[Number(digit)] ?? digit);
    });
    name = (copy.textContent ?? "").replace(/\s+/g, " ").trim();
  }
  // "s (slider)" names the parameter s itself: no need to say it twice.
  if (!name || name.replace(/\s*\(.*\)$/, "") === key) return key;
  return name.endsWith(")") ? `${name.slice(0, -1)}; ${key})` : `${name} (${key})`;
}

const controlsNamed = (name: string) => ["input", "select", "textarea"].map((tag) => `${tag}[name="${name}"]`).join();

/**
 * A control's value as a parameter string if the reader changed it (a checkbox gives the flag "1" or
 * "0"), else undefined. Unchanged means what the same markup gives untouched: a fresh copy of an
 * input, which the browser sanitises alike (a range input's value is clamped to its bounds and step).
 */
export function changedValue(control: FormControl): string | undefined {
  if (control instanceof HTMLSelectElement) {
    const options = [...control.options];
    const pristine = options.filter((option) => option.defaultSelected).at(-1) ?? options[0];
    return pristine === undefined || pristine.selected ? undefined : control.value;
  }
  if (control instanceof HTMLTextAreaElement) return control.value === control.defaultValue ? undefined : control.value;
  if (control.type === "checkbox") {
    return control.checked === control.defaultChecked ? undefined : control.checked ? "1" : "0";
  }
  if (["radio", "hidden", "button", "submit", "reset", "file"].includes(control.type)) return undefined;
  const copy = document.createElement("input");
  for (const attribute of control.attributes) copy.setAttribute(attribute.name, attribute.value);
  return control.value === copy.value ? undefined : control.value;
}

/**
 * Defines the widget's element once (modules may be imported again by hot reload or by two pages),
 * under the tag its spec's id gives (`elementName`), the same tag WidgetFrame.astro renders.
 */
export function defineWidget(spec: Pick<AnyWidgetSpec, "id">, element: CustomElementConstructor): void {
  defineOnce(elementName(spec.id), element);
}

/** Defines the element of a derivation check that follows the widget of `spec`, under `checkElementName`. */
export function defineCheck(spec: Pick<AnyWidgetSpec, "id">, element: CustomElementConstructor): void {
  defineOnce(checkElementName(spec.id), element);
}

function defineOnce(name: string, element: CustomElementConstructor): void {
  if (!customElements.get(name)) customElements.define(name, element);
}
