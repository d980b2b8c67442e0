import type { RawParams } from "../../lib/params";

/** A number the reader can drag (coarse) or type (exact); the slider only offers a convenient range. */
export interface SliderControl {
  readonly name: string;
  /** TeX for the label. */
  readonly tex: string;
  readonly min: number;
  readonly max: number;
  readonly step: number;
}

export const MODEL_CONTROLS: readonly SliderControl[] = [
  { name: "qm", tex: "q_m", min: -4, max: 4, step: 0.01 },
  { name: "qs", tex: "q_s", min: 0.05, max: 3, step: 0.01 },
  { name: "x", tex: "x", min: -8, max: 8, step: 0.01 },
  { name: "w", tex: "w", min: -3, max: 3, step: 0.01 },
  { name: "b", tex: "b", min: -3, max: 3, step: 0.01 },
  { name: "s", tex: "s", min: 0.1, max: 3, step: 0.01 },
];

/** Plain fields for the sample count, the seed and (elbo only) the importance samples K per estimate. */
export const SAMPLING_FIELDS = ["n", "seed", "k"] as const;

const field = (root: HTMLElement, name: string, kind: "range" | "text") =>
  root.querySelector<HTMLInputElement>(`input[type="${kind}"][name="${name}"]`);

/** Wires every slider to its text field and both to `change`, which takes raw parameter strings. */
export function bindModelControls(root: HTMLElement, signal: AbortSignal, change: (changes: RawParams) => void): void {
  for (const name of [...MODEL_CONTROLS.map((control) => control.name), ...SAMPLING_FIELDS]) {
    const slider = field(root, name, "range");
    const text = field(root, name, "text");
    slider?.addEventListener(
      "input",
      () => {
        if (text) text.value = slider.value;
        change({ [name]: slider.value });
      },
      { signal },
    );
    text?.addEventListener("input", () => change({ [name]: text.value }), { signal });
  }
}

/** Shows a state in the controls, leaving alone the field the reader is typing in. */
export function showModelControls(root: HTMLElement, state: Readonly<Record<string, number>>): void {
  for (const [name, value] of Object.entries(state)) {
    const slider = field(root, name, "range");
    const text = field(root, name, "text");
    if (slider && document.activeElement !== slider) slider.value = String(value);
    if (text && document.activeElement !== text) text.value = String(value);
  }
}
