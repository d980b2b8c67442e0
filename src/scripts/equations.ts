// Display formulas wider than the column scroll in their own box. Such a box shows a shade at each
// side that has more to see (CSS on `data-scrolls`) and joins the Tab order as a named region, so a
// keyboard can scroll it (WCAG 2.1.1). A ResizeObserver measures each box when it is laid out, so
// the chapter sections off screen stay skipped; fonts arriving remeasure those laid out.
const SCROLLER = ".katex-display";

function nameOf(box: HTMLElement): string {
  const number = box.closest(".equation")?.querySelector(".tag")?.textContent?.trim();
  return `${number ? `Equation ${number}` : "Formula"}, scrolls sideways`;
}

function mark(box: HTMLElement): void {
  const hidden = box.scrollWidth - box.clientWidth;
  if (hidden <= 1) {
    if (!box.hasAttribute("data-scrolls")) return;
    box.removeAttribute("data-scrolls");
    box.removeAttribute("tabindex");
    box.removeAttribute("role");
    box.removeAttribute("aria-label");
    return;
  }
  const sides = [box.scrollLeft > 1 ? "left" : "", box.scrollLeft < hidden - 1 ? "right" : ""].filter(Boolean);
  box.dataset.scrolls = sides.join(" ");
  if (box.hasAttribute("tabindex")) return;
  box.tabIndex = 0;
  box.setAttribute("role", "region");
  box.setAttribute("aria-label", nameOf(box));
}

export function initEquations(): void {
  const boxes = document.querySelectorAll<HTMLElement>(SCROLLER);
  if (boxes.length === 0 || !("ResizeObserver" in window)) return;
  const laidOut = new Set<HTMLElement>();
  const observer = new ResizeObserver((entries) =>
    entries.forEach((entry) => {
      laidOut.add(entry.target as HTMLElement);
      mark(entry.target as HTMLElement);
    }),
  );
  boxes.forEach((box) => observer.observe(box));
  // KaTeX's fonts arriving widen a formula in a box whose own size does not change.
  document.fonts.addEventListener("loadingdone", () => laidOut.forEach(mark));
  document.addEventListener(
    "scroll",
    (event) => {
      if (event.target instanceof HTMLElement && event.target.matches(SCROLLER)) mark(event.target);
    },
    { capture: true, passive: true },
  );
}
