// The embed page around a widget: reports its height to a framing page, fits a fixed frame (a slide),
// gives keyboard focus back on Esc (so a slide deck's keys work again), and explains bad display parameters.
// It also attaches the widget's "Share" panel (./panel-watch.ts).
import { watchEmbedPanels } from "./panel-watch";
import { displayParamProblems, MESSAGE_TYPES, type EmbedMessage } from "./protocol";

const root = document.querySelector<HTMLElement>("[data-widget]");
const id = root?.dataset.widget ?? "";
const framed = window.parent !== window;

/** The smallest scale at which a widget is still worth showing whole; below it the frame scrolls. */
const MIN_ZOOM = 0.55;
/** Narrower frames (phones, course-page columns) scroll instead: scaling would make them unreadable. */
const MIN_FIT_WIDTH = 560;

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

/**
 * Calls `update` soon after anything may have changed the page's size. Timers and observers, not
 * animation frames: browsers pause rendering in frames that are off screen, and a host page with
 * several widgets needs every frame's height, visible or not.
 */
function onLayoutChange(update: () => void): void {
  let timer = 0;
  const schedule = () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(update, 30);
  };
  new ResizeObserver(schedule).observe(document.body);
  new MutationObserver(schedule).observe(document.body, { subtree: true, childList: true, attributes: true });
  window.addEventListener("resize", schedule);
  void document.fonts.ready.then(schedule);
  update();
}

function pageHeight(): number {
  return Math.ceil(document.body.getBoundingClientRect().height);
}

function embedInFrame(): void {
  const main = document.querySelector<HTMLElement>("main");
  let hostFitsFrame = false;
  let reported = 0;
  let fitted = "";

  /** The largest zoom (down to MIN_ZOOM) at which the page fits `available`, with the height it then needs. */
  const bestZoom = (available: number): { zoom: number; height: number } => {
    if (!main) return { zoom: 1, height: 0 };
    main.style.zoom = "";
    let best = { zoom: 1, height: pageHeight() };
    // Layouts reflow as the zoom changes, so the height is not monotonic in it: try large to small.
    for (let zoom = 1; best.height > available && zoom >= MIN_ZOOM - 1e-9; zoom -= 0.05) {
      main.style.zoom = String(zoom);
      const height = pageHeight();
      if (height <= available || height < best.height) best = { zoom, height };
    }
    return best;
  };

  /**
   * In a fixed frame as wide as a slide, picks the widget's own layout or its parts in columns,
   * whichever shows it larger, and scales the page down (CSS zoom, so clicks still land) until it
   * fits the frame's height. Off once a host script fits the frame to the page instead.
   */
  const fit = () => {
    if (!main) return;
    const state = () => `${window.innerWidth}×${window.innerHeight}:${main.scrollHeight}:${hostFitsFrame}`;
    if (state() === fitted) return;
    const html = document.documentElement;
    html.removeAttribute("data-embed-columns");
    main.style.zoom = "";
    const available = window.innerHeight;
    if (!hostFitsFrame && window.innerWidth >= MIN_FIT_WIDTH && pageHeight() > available) {
      const own = bestZoom(available);
      html.setAttribute("data-embed-columns", "");
      const columns = bestZoom(available);
      const ownFits = own.height <= available;
      const columnsBetter =
        columns.height <= available ? !ownFits || columns.zoom > own.zoom : !ownFits && columns.height < own.height;
      const chosen = columnsBetter ? columns : own;
      if (!columnsBetter) html.removeAttribute("data-embed-columns");
      main.style.zoom = chosen.zoom === 1 ? "" : String(chosen.zoom);
    }
    fitted = state();
  };

  const update = () => {
    fit();
    const height = pageHeight();
    if (height === reported || height <= 0) return;
    reported = height;
    post({ type: MESSAGE_TYPES.height, id, height });
  };

  window.addEventListener("message", (event: MessageEvent) => {
    const data: unknown = event.data;
    if (event.source !== window.parent || typeof data !== "object" || data === null) return;
    if ((data as { type?: unknown }).type !== MESSAGE_TYPES.autoHeight || hostFitsFrame) return;
    hostFitsFrame = true;
    reported = 0;
    update();
  });
  onLayoutChange(update);
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
watchEmbedPanels();
if (framed) embedInFrame();
