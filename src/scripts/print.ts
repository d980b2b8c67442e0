// Printing makes a handout: solutions unfold and each control's current value is written out beside
// it (the controls themselves are hidden by the print stylesheet); both are undone after printing.
const PRINT_VALUE = "print-value";

export function initPrint(): void {
  let opened: HTMLDetailsElement[] = [];
  window.addEventListener("beforeprint", () => {
    opened = Array.from(document.querySelectorAll<HTMLDetailsElement>("details:not([open]):not(.embed-panel)"));
    opened.forEach((details) => (details.open = true));
    document
      .querySelectorAll<HTMLInputElement | HTMLSelectElement>(".widget input, .widget select")
      .forEach((control) => {
        if (control.closest(".embed-panel") || (control instanceof HTMLInputElement && control.type === "hidden"))
          return;
        const shown =
          control instanceof HTMLSelectElement
            ? (control.selectedOptions[0]?.textContent ?? control.value)
            : control.type === "checkbox" || control.type === "radio"
              ? control.checked
                ? "yes"
                : "no"
              : control.value;
        const note = document.createElement("span");
        note.className = PRINT_VALUE;
        note.textContent = shown;
        control.after(note);
      });
  });
  window.addEventListener("afterprint", () => {
    opened.forEach((details) => (details.open = false));
    opened = [];
    document.querySelectorAll(`.${PRINT_VALUE}`).forEach((note) => note.remove());
  });
}
