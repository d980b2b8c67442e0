// Printing makes a handout: solutions unfold, and each widget gets a list of its current settings
// (its controls are hidden on paper), so the printed figure and results can be reproduced. Both are
// undone after printing.
import { revealDeferred } from "../widgets/parts/deferred";

const PRINT_STATE = "print-state";
type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

function shownValue(control: Control): string {
  if (control instanceof HTMLSelectElement) return control.selectedOptions[0]?.textContent?.trim() ?? control.value;
  if (control instanceof HTMLInputElement && (control.type === "checkbox" || control.type === "radio")) {
    return control.checked ? "yes" : "no";
  }
  return control.value;
}

/** The control's label as it looks (formulas included), without the control itself or any id. */
function labelOf(control: Control): Node[] {
  const label = control.labels?.[0];
  if (!label) return [document.createTextNode(control.name)];
  const copy = label.cloneNode(true) as HTMLElement;
  copy.querySelectorAll("input, select, textarea, button, output").forEach((node) => node.remove());
  copy.querySelectorAll("[id]").forEach((node) => node.removeAttribute("id"));
  return Array.from(copy.childNodes);
}

function settingsOf(widget: HTMLElement): HTMLDListElement | undefined {
  const controls = Array.from(widget.querySelectorAll<Control>("input:not([type=hidden]), select, textarea")).filter(
    (control) =>
      !control.closest(".embed-panel") &&
      !(control instanceof HTMLInputElement && control.type === "radio" && !control.checked),
  );
  if (controls.length === 0) return undefined;
  const list = document.createElement("dl");
  list.className = PRINT_STATE;
  for (const control of controls) {
    const term = document.createElement("dt");
    term.append(...labelOf(control));
    const value = document.createElement("dd");
    value.textContent = shownValue(control);
    list.append(term, value);
  }
  return list;
}

export function initPrint(): void {
  let opened: HTMLDetailsElement[] = [];
  window.addEventListener("beforeprint", () => {
    // Controls of widgets the reader has not reached yet are still templates: their values are the settings.
    revealDeferred(document);
    opened = Array.from(document.querySelectorAll<HTMLDetailsElement>("details:not([open]):not(.embed-panel)"));
    opened.forEach((details) => (details.open = true));
    document.querySelectorAll<HTMLElement>("[data-widget]").forEach((widget) => {
      const settings = settingsOf(widget);
      if (!settings) return;
      const summary = widget.querySelector(".widget-summary");
      if (summary) summary.after(settings);
      else widget.prepend(settings);
    });
  });
  window.addEventListener("afterprint", () => {
    opened.forEach((details) => (details.open = false));
    opened = [];
    document.querySelectorAll(`.${PRINT_STATE}`).forEach((list) => list.remove());
  });
}
