// Hover definitions: a symbol's meaning (<Term>, <Sym>), a citation's reference (<Cite>) and a referenced
// equation (\eqref) appear in one popover on hover, keyboard focus or a first tap (a second tap follows
// the link). Screen readers get the same text through each trigger's aria-describedby, so the popover
// itself is visual only. It stays while the pointer is over it, and Escape closes it (WCAG 1.4.13).
const TRIGGER = "a[data-tip], a.eqref[data-equation]";
const SHOW_DELAY_MS = 120;
const HIDE_DELAY_MS = 250;
const GAP_PX = 6;
const MARGIN_PX = 8;

let popover: HTMLElement | undefined;
let current: HTMLElement | undefined;
let showTimer: number | undefined;
let hideTimer: number | undefined;

function ensurePopover(): HTMLElement {
  if (popover) return popover;
  popover = document.createElement("div");
  popover.className = "tip-popover";
  popover.setAttribute("aria-hidden", "true");
  if ("popover" in popover) popover.popover = "manual";
  popover.hidden = true;
  popover.addEventListener("pointerenter", () => window.clearTimeout(hideTimer));
  popover.addEventListener("pointerleave", () => scheduleHide());
  document.body.append(popover);
  return popover;
}

/** A copy that is safe to show twice on a page: no ids, no links or other focusable parts. */
function inertCopy(source: Element): DocumentFragment {
  const copy = source.cloneNode(true) as Element;
  copy.querySelectorAll("[id]").forEach((element) => element.removeAttribute("id"));
  // A wide formula's scroll region (src/scripts/equations.ts) is not one inside a popover.
  copy.querySelectorAll("[tabindex]").forEach((element) => element.removeAttribute("tabindex"));
  copy.querySelectorAll("a").forEach((link) => {
    const span = document.createElement("span");
    span.className = "tip-link";
    span.append(...link.childNodes);
    link.replaceWith(span);
  });
  const fragment = document.createDocumentFragment();
  fragment.append(...copy.childNodes);
  return fragment;
}

function contentFor(trigger: HTMLElement): DocumentFragment | undefined {
  const equationId = trigger.dataset.equation;
  if (equationId) {
    const equation = document.getElementById(equationId);
    if (!equation) return undefined;
    const wrapper = document.createElement("div");
    wrapper.className = "tip-equation";
    const label = document.createElement("p");
    label.className = "tip-label";
    label.textContent = `Equation ${trigger.textContent ?? ""}`;
    wrapper.append(label, inertCopy(equation));
    const fragment = document.createDocumentFragment();
    fragment.append(wrapper);
    return fragment;
  }
  const source = document.getElementById(trigger.dataset.tip ?? "");
  return source ? inertCopy(source) : undefined;
}

function place(trigger: HTMLElement, box: HTMLElement): void {
  const anchor = trigger.getBoundingClientRect();
  const width = box.offsetWidth;
  const height = box.offsetHeight;
  const left = Math.max(MARGIN_PX, Math.min(anchor.left, window.innerWidth - width - MARGIN_PX));
  const below = anchor.bottom + GAP_PX;
  const top =
    below + height > window.innerHeight && anchor.top - GAP_PX - height > 0 ? anchor.top - GAP_PX - height : below;
  box.style.left = `${left}px`;
  box.style.top = `${top}px`;
}

export function showTip(trigger: HTMLElement): void {
  window.clearTimeout(hideTimer);
  window.clearTimeout(showTimer);
  const content = contentFor(trigger);
  if (!content) return;
  const box = ensurePopover();
  box.replaceChildren(content);
  box.dataset.kind = trigger.dataset.equation ? "equation" : "text";
  box.hidden = false;
  if (box.popover && !box.matches(":popover-open")) box.showPopover();
  place(trigger, box);
  current = trigger;
  trigger.dataset.tipOpen = "";
}

export function hideTip(): void {
  window.clearTimeout(showTimer);
  window.clearTimeout(hideTimer);
  if (!popover || !current) return;
  if (popover.popover && popover.matches(":popover-open")) popover.hidePopover();
  popover.hidden = true;
  delete current.dataset.tipOpen;
  current = undefined;
}

function scheduleHide(): void {
  window.clearTimeout(showTimer);
  window.clearTimeout(hideTimer);
  hideTimer = window.setTimeout(hideTip, HIDE_DELAY_MS);
}

const triggerOf = (target: EventTarget | null): HTMLElement | undefined =>
  target instanceof Element ? ((target.closest(TRIGGER) as HTMLElement | null) ?? undefined) : undefined;

export function initTips(): void {
  let lastPointer = "mouse";
  let openBeforeTap = false;
  document.addEventListener("pointerdown", (event) => {
    lastPointer = event.pointerType;
    const trigger = triggerOf(event.target);
    openBeforeTap = trigger !== undefined && trigger === current;
    if (current && !trigger && !popover?.contains(event.target as Node)) hideTip();
  });
  document.addEventListener("pointerover", (event) => {
    if (event.pointerType === "touch") return;
    const trigger = triggerOf(event.target);
    if (!trigger || trigger === current) return;
    window.clearTimeout(showTimer);
    showTimer = window.setTimeout(() => showTip(trigger), SHOW_DELAY_MS);
  });
  document.addEventListener("pointerout", (event) => {
    if (event.pointerType === "touch") return;
    const trigger = triggerOf(event.target);
    if (!trigger || trigger.contains(event.relatedTarget as Node | null)) return;
    if (trigger === current) scheduleHide();
    else window.clearTimeout(showTimer);
  });
  document.addEventListener("focusin", (event) => {
    const trigger = triggerOf(event.target);
    if (trigger) showTip(trigger);
  });
  document.addEventListener("focusout", (event) => {
    if (triggerOf(event.target) === current) scheduleHide();
  });
  document.addEventListener("click", (event) => {
    const trigger = triggerOf(event.target);
    // On touch the first tap shows the meaning; a second tap on the same trigger follows its link.
    if (trigger && lastPointer === "touch" && !openBeforeTap) {
      event.preventDefault();
      showTip(trigger);
    }
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && current) hideTip();
  });
  window.addEventListener("scroll", () => current && popover && place(current, popover), { passive: true });
  window.addEventListener("resize", () => current && hideTip());
}
