// The embed page around a widget: reports its height to a framing page, gives keyboard focus back on
// Esc (so a slide deck's keys work again), and explains bad display parameters.
import { displayParamProblems, MESSAGE_TYPES, type EmbedMessage } from "./protocol";

const root = document.querySelector<HTMLElement>("[data-widget]");
const id = root?.dataset.widget ?? "";
const framed = window.parent !== window;

function post(message: EmbedMessage): void {
  // "*": the messages carry nothing private, and the host may be on any origin.
  window.parent.postMessage(message, "*");
}

function showDisplayProblems(): void {
  const problems = displayParamProblems(new URLSearchParams(window.location.search));
  const region = document.querySelector<HTMLElement>("[data-role=display-alert]");
  if (!region || problems.length === 0) return;
  region.textContent = problems.join(" ");
  region.hidden = false;
}

function reportHeight(): void {
  let reported = 0;
  let frame = 0;
  const measure = () => {
    frame = 0;
    const height = Math.ceil(document.body.getBoundingClientRect().height);
    if (height === reported || height <= 0) return;
    reported = height;
    post({ type: MESSAGE_TYPES.height, id, height });
  };
  new ResizeObserver(() => {
    if (!frame) frame = requestAnimationFrame(measure);
  }).observe(document.body);
}

function releaseFocusOnEscape(): void {
  document.addEventListener(
    "keydown",
    (event) => {
      if (event.key !== "Escape") return;
      if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
      if (!framed) return;
      post({ type: MESSAGE_TYPES.releaseFocus, id });
      // Without the host script the parent may still take focus (focus() is allowed across origins).
      window.parent.focus();
    },
    { capture: true },
  );
}

showDisplayProblems();
releaseFocusOnEscape();
if (framed) reportHeight();
