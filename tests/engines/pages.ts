// What the engines suite reads from pages, as scripts any engine runs (plain JavaScript sources:
// WebDriver classic, BiDi and Playwright all take a function's text and await what it returns).
import { readdirSync } from "node:fs";

export const BASE_PATH = process.env.BASE_PATH ?? "/vae-textbook/";
export const BASE_URL = `http://127.0.0.1:${Number(process.env.PORT ?? 4321)}${BASE_PATH}`;

/** Widget id → output name → data-value, and the text of any alert the widget shows. */
export interface Outputs {
  readonly values: Record<string, string>;
  readonly alert: string;
}

/** The widgets whose embed pages compute without training: every embed page but the two models'. */
export const MODEL_WIDGETS = ["vae", "autoencoder"];
export const DETERMINISTIC_WIDGETS = readdirSync("dist/embed", { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && !MODEL_WIDGETS.includes(entry.name))
  .map((entry) => entry.name)
  .sort();

export const embedUrl = (id: string, query = ""): string => `${BASE_URL}embed/${id}/${query ? `?${query}` : ""}`;

/**
 * A page script: waits (up to `timeoutMs`) for widget `id` to be ready (data-ready, contract rule 4)
 * and returns its outputs' data-value by name and its alert's text.
 */
export const readOutputs = (id: string, timeoutMs = 60_000): string => `async () => {
  const end = Date.now() + ${timeoutMs};
  let root;
  while (!(root = document.querySelector('[data-widget="${id}"][data-ready]'))) {
    if (Date.now() > end) {
      const status = document.querySelector('[data-widget="${id}"] [data-role=status]');
      throw new Error("widget ${id} was not ready within ${timeoutMs / 1000} s" + (status ? "; its status: " + status.textContent : ""));
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const values = {};
  for (const output of root.querySelectorAll("output[name]")) values[output.getAttribute("name")] = output.getAttribute("data-value");
  const alert = Array.from(root.querySelectorAll("[role=alert]")).map((a) => a.textContent.trim()).join(" ");
  return { values, alert };
}`;

/** A page script: the viewport box of the first element matching `selector` (throws when none). */
export const boxOf = (selector: string): string => `() => {
  const element = document.querySelector(${JSON.stringify(selector)});
  if (!element) throw new Error("no element matches ${selector.replace(/"/g, "'")}");
  const { x, y, width, height } = element.getBoundingClientRect();
  return { x, y, width, height };
}`;

/** A page script: focuses the first element matching `selector`; returns whether it has the focus. */
export const focus = (selector: string): string => `() => {
  const element = document.querySelector(${JSON.stringify(selector)});
  element?.focus();
  return Boolean(element) && document.activeElement === element;
}`;

/** Compares two engines' outputs: equal strings, or numbers within a relative 1e-9 (libm differs in the last bits). */
export function differences(actual: Outputs, expected: Outputs): string[] {
  const names = new Set([...Object.keys(expected.values), ...Object.keys(actual.values)]);
  const out: string[] = [];
  for (const name of names) {
    const [a, e] = [actual.values[name], expected.values[name]];
    if (a === e) continue;
    const [x, y] = [Number(a), Number(e)];
    const close =
      a != null &&
      e != null &&
      a !== "" &&
      e !== "" &&
      Number.isFinite(x) &&
      Number.isFinite(y) &&
      Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(y));
    if (!close) out.push(`${name}: ${a ?? "(missing)"} where Chromium has ${e ?? "(missing)"}`);
  }
  return out;
}
