const FOCUSABLE =
  "input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled]), button:not([disabled]), a[href]";

/** Puts one template's controls in place of it and of its fallback; returns the ones Tab can reach. */
function reveal(template: HTMLTemplateElement, keepFocus = true): HTMLElement[] {
  const fallback = template.nextElementSibling;
  const hadFocus = fallback?.contains(document.activeElement) ?? false;
  const controls = Array.from(template.content.children).flatMap((child) =>
    child instanceof HTMLElement ? [child, ...child.querySelectorAll<HTMLElement>("*")] : [],
  );
  const focusable = controls.filter((element) => element.matches(FOCUSABLE));
  if (fallback?.hasAttribute("data-deferred-fallback")) fallback.remove();
  template.replaceWith(template.content);
  if (hadFocus && keepFocus) focusable[0]?.focus();
  return focusable;
}

/**
 * Puts in place the controls that <Deferred> shipped inside `root` as inert templates, in place of
 * their text fallbacks; safe to call twice.
 */
export function revealDeferred(root: ParentNode): void {
  root.querySelectorAll<HTMLTemplateElement>("template[data-deferred]").forEach((template) => reveal(template));
}

let listening = false;

/**
 * When Tab (or Shift+Tab) reaches a template's fallback, puts the controls of its widget in place
 * and moves focus to the first control (the last, going backwards), so the Tab order is the
 * document's at first visit, before any widget has loaded.
 */
export function revealOnFocus(): void {
  if (listening) return;
  listening = true;
  document.addEventListener("focusin", (event) => {
    const fallback = event.target;
    if (!(fallback instanceof HTMLElement) || !fallback.hasAttribute("data-deferred-fallback")) return;
    const template = fallback.previousElementSibling;
    if (!(template instanceof HTMLTemplateElement) || !template.hasAttribute("data-deferred")) return;
    const from = event.relatedTarget;
    const backwards =
      from instanceof Node && (fallback.compareDocumentPosition(from) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
    const scope = template.closest("[data-widget]");
    const controls = reveal(template, false);
    if (scope) revealDeferred(scope);
    (backwards ? controls.at(-1) : controls[0])?.focus();
  });
}
