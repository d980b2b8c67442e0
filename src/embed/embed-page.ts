// The embed page around a widget: reports its height to a framing page, fits a fixed frame (a slide),
// gives keyboard focus back on Esc (so a slide deck's keys work again), and explains bad display parameters.
// It also attaches the widget's "Share" panel (./panel-watch.ts).
import { WIDGET_CHANGE } from "../widgets/events";
import { fillHeight } from "../lib/fill-height";
import { frameTabs } from "./frame-tabs";
import { watchEmbedPanels } from "./panel-watch";
import { displayParamProblems, MESSAGE_TYPES, type EmbedMessage } from "./protocol";

const root = document.querySelector<HTMLElement>("[data-widget]");
const id = root?.dataset.widget ?? "";
const framed = window.parent !== window;

/** The smallest scale at which a widget is still worth showing whole; below it the frame scrolls. */
const MIN_ZOOM = 0.55;
/**
 * The smallest text a scaled page may show, in CSS pixels (docs/embedding.md): 12 px in a frame,
 * 18 px on a projector. A widget that fits its frame only with smaller text scrolls instead.
 */
const MIN_TEXT = 12;
const MIN_PROJECTOR_TEXT = 18;
/** The largest scale a widget grows to in a large frame (a slide on a projector), so it fills the frame. */
const MAX_ZOOM = 2.5;
/** Zoom steps: fine enough that a widget fills its frame to within a few per cent. */
const ZOOM_STEP = 0.05;
/** The shortest columns worth laying out, in CSS pixels before zoom. */
const MIN_COLUMN_HEIGHT = 120;
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

/**
 * The smallest size (px, before the page's zoom) of any visible text in `container`, each formula at
 * its base size.
 */
function smallestText(container: Element): number {
  let smallest = Infinity;
  const visible = (element: Element) => element.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true });
  const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (
      !parent ||
      !node.textContent?.replace(/\u200b/g, "").trim() ||
      parent.closest("script, style, noscript, .katex-mathml")
    )
      continue;
    // A formula counts at its base size (its scripts and struts are smaller by design).
    const text = parent.closest(".katex") ?? parent;
    if (!visible(text)) continue;
    // SVG labels count at their set size: charts are laid out at their real width (../widgets/charts/real-width.ts).
    const size = parseFloat(getComputedStyle(text).fontSize);
    if (size > 0) smallest = Math.min(smallest, size);
  }
  return smallest;
}

function embedInFrame(): void {
  const main = document.querySelector<HTMLElement>("main");
  let hostFitsFrame = false;
  let reported = 0;

  /**
   * The page's height at `zoom`. In columns, the widget is given the frame's height and its parts
   * fill column after column (`column-fill: auto`), so they pack instead of balancing; parts that
   * would spill past the frame's right edge count as not fitting (Infinity).
   */
  const heightAt = (zoom: number, available: number, columns: boolean): number => {
    if (!main) return 0;
    main.style.zoom = String(zoom);
    if (!columns || !root) return pageHeight();
    root.style.height = "";
    // The widget gets the rest of the frame, from exact boxes: from rounded ones the height moved by a pixel
    // with the widget's height before the fit (its charts drawn or not yet), and kl-gaussian's border with it.
    const height = fillHeight(
      available,
      document.body.getBoundingClientRect().height,
      root.getBoundingClientRect().height,
      zoom,
    );
    // Columns shorter than a few lines under the parts spanning them (title, summary, tabs) do not
    // fit, and Chromium can take seconds to lay out the hundreds of columns they would make.
    const spanning = Array.from(root.children)
      .filter((child) => getComputedStyle(child).columnSpan === "all")
      .reduce((sum, child) => sum + (child as HTMLElement).offsetHeight, 0);
    if (height - spanning < MIN_COLUMN_HEIGHT) return Infinity;
    root.style.height = `${height}px`;
    // Parts spilling past the right edge, or a part too tall for a column (it cannot break), do not fit.
    const spills = root.scrollWidth > root.clientWidth + 1 || root.scrollHeight > root.clientHeight + 1;
    return spills ? Infinity : pageHeight();
  };

  /** The smallest zoom at which the smallest text is still legible (MIN_TEXT, MIN_PROJECTOR_TEXT), at least MIN_ZOOM. */
  const legibleFloor = (): number => {
    const minText = document.documentElement.hasAttribute("data-projector") ? MIN_PROJECTOR_TEXT : MIN_TEXT;
    const legible = root ? minText / smallestText(root) : 0;
    return Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, Math.ceil((legible - 1e-6) / ZOOM_STEP) * ZOOM_STEP));
  };

  /**
   * The largest zoom from MAX_ZOOM down to the smallest legible one (MIN_TEXT, at least MIN_ZOOM) at
   * which the page fits `available`, with the height it then needs (the least overflow when nothing fits).
   */
  const bestZoom = (available: number, columns: boolean): { zoom: number; height: number } => {
    let best = { zoom: MAX_ZOOM, height: Infinity };
    const floor = legibleFloor();
    const at = (zoom: number) => {
      const height = heightAt(zoom, available, columns);
      if (height < best.height && height > available) best = { zoom, height };
      return height;
    };
    // Coarse steps from large to small (layouts reflow as the zoom changes, so the height is not
    // monotonic in it), then fine steps above the first zoom that fits: some 15 layouts, not 40.
    const coarse = 5 * ZOOM_STEP;
    let lowest = MAX_ZOOM + ZOOM_STEP;
    for (let zoom = MAX_ZOOM; zoom >= floor - 1e-9; zoom = Math.round((zoom - coarse) * 100) / 100) {
      lowest = zoom;
      const height = at(zoom);
      if (height > available) continue;
      for (let finer = Math.min(MAX_ZOOM, zoom + coarse - ZOOM_STEP); finer > zoom + 1e-9; finer -= ZOOM_STEP) {
        const rounded = Math.round(finer * 100) / 100;
        const fineHeight = at(rounded);
        if (fineHeight <= available) return { zoom: rounded, height: fineHeight };
      }
      return { zoom, height: heightAt(zoom, available, columns) };
    }
    // Between the last coarse step and the legibility floor.
    for (let zoom = Math.round((lowest - ZOOM_STEP) * 100) / 100; zoom >= floor - 1e-9; zoom -= ZOOM_STEP) {
      const rounded = Math.round(zoom * 100) / 100;
      const height = at(rounded);
      if (height <= available) return { zoom: rounded, height };
    }
    // Nothing fits at a legible size: the least overflow, and the frame scrolls.
    return best;
  };

  /**
   * In a fixed frame as wide as a slide, picks the widget's own layout or its parts in columns,
   * whichever shows it larger, and scales the page (CSS zoom, so clicks still land) to the largest
   * size that fits the frame's height: up on a large slide, so the widget fills the frame and its
   * text grows with it (docs/embedding.md), down when it is taller than the frame. Off once a host
   * script fits the frame to the page instead.
   */
  /** The page shows whole in the frame at its current layout. */
  const fitsNow = (): boolean =>
    pageHeight() <= window.innerHeight &&
    (!root || (root.scrollWidth <= root.clientWidth + 1 && root.scrollHeight <= root.clientHeight + 1));

  // A full fit lays the page out some 80 times, and charts redraw at the zoom it picks (which may
  // change the height again): refit only for a new frame size, or when the page no longer fits, at
  // most MAX_REFITS times per frame size and per new state of the widget, so it can never oscillate.
  const MAX_REFITS = 3;
  let frameKey = "";
  let refits = 0;
  let tabsSizeKey = "";
  const tabs = root ? frameTabs(root) : undefined;
  let readyOnce = false;
  if (root) {
    new MutationObserver(() => {
      if (!root.hasAttribute("data-ready")) return;
      refits = 0;
      // Tabs turned on while the widget was still connecting (its figures not yet drawn at their size) are
      // decided again, once, on the widget as it is when first ready: a frame it fits whole shows it whole.
      if (!readyOnce) {
        readyOnce = true;
        tabsSizeKey = "";
        frameKey = "";
      }
    }).observe(root, { attributes: true, attributeFilter: ["data-ready"] });
  }

  const fit = () => {
    if (!main) return;
    const sizeKey = `${window.innerWidth}×${window.innerHeight}:${hostFitsFrame}`;
    // A new tab shown is a new page to fit.
    const key = `${sizeKey}:${tabs?.shown ?? ""}`;
    if (key !== frameKey) {
      frameKey = key;
      refits = 0;
    } else if (fitsNow()) {
      return;
    } else if (refits >= MAX_REFITS) {
      // Charts that redrew at the chosen zoom grew past the frame: the secondary parts behind tabs,
      // then one step smaller each time, down to the legibility floor (only ever down: no oscillation).
      if (hostFitsFrame || window.innerWidth < MIN_FIT_WIDTH) return;
      if (tabs && !tabs.enabled) {
        tabs.setEnabled(true);
        fitLayout(window.innerHeight);
        frameKey = `${sizeKey}:${tabs.shown}`;
        return;
      }
      const zoom = Number(main.style.zoom || 1);
      const smaller = Math.round((zoom - ZOOM_STEP) * 100) / 100;
      if (smaller >= legibleFloor() - 1e-9) {
        heightAt(smaller, window.innerHeight, document.documentElement.hasAttribute("data-embed-columns"));
      }
      return;
    }
    refits += 1;
    const available = window.innerHeight;
    const fixedFrame = !hostFitsFrame && window.innerWidth >= MIN_FIT_WIDTH;
    if (!fixedFrame) {
      // The page at its own size, every part shown: it scrolls, or the host fits the frame to it.
      if (tabs?.enabled) tabs.setEnabled(false);
      document.documentElement.removeAttribute("data-embed-columns");
      main.style.removeProperty("zoom");
      root?.style.removeProperty("height");
      return;
    }
    if (tabs && tabsSizeKey !== sizeKey) {
      tabsSizeKey = sizeKey;
      tabs.setEnabled(false);
    }
    // Secondary parts go behind tabs where the whole widget does not fit at a legible size; once on
    // for a frame size they stay on (the controls a widget adds as it connects only make it taller).
    if (fitLayout(available) > available && tabs && !tabs.enabled) {
      tabs.setEnabled(true);
      fitLayout(available);
      frameKey = `${sizeKey}:${tabs.shown}`;
    }
  };

  /**
   * Picks the widget's own layout or its parts in columns, whichever shows it larger at a zoom that
   * fits `available`, and sets it; returns the page's height then.
   */
  const fitLayout = (available: number): number => {
    const html = document.documentElement;
    html.removeAttribute("data-embed-columns");
    main?.style.removeProperty("zoom");
    root?.style.removeProperty("height");
    const own = bestZoom(available, false);
    html.setAttribute("data-embed-columns", "");
    // A widget that lays out its own columns opts out in its CSS (`columns: auto` under data-embed-columns).
    const flows = root !== null && getComputedStyle(root).columnWidth !== "auto";
    const columns = flows ? bestZoom(available, true) : { zoom: 0, height: Infinity };
    const ownFits = own.height <= available;
    const columnsBetter =
      columns.height <= available ? !ownFits || columns.zoom > own.zoom : !ownFits && columns.height < own.height;
    const chosen = columnsBetter ? columns : own;
    if (!columnsBetter) {
      html.removeAttribute("data-embed-columns");
      root?.style.removeProperty("height");
    }
    // Sets the chosen layout again (the widget's height in columns depends on the zoom).
    return heightAt(chosen.zoom, available, columnsBetter);
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

/** Tells the framing page each new permalink, so a deck that reloads the frame restores the state (docs/embedding.md). */
function reportState(): void {
  // The widget's one change event (../widgets/events.ts) follows its address update; a recomputation that left the address as it was is not news.
  let reported = window.location.href;
  document.addEventListener(WIDGET_CHANGE, () => {
    const url = window.location.href;
    if (url === reported) return;
    reported = url;
    post({ type: MESSAGE_TYPES.state, id, url });
  });
}

showDisplayProblems();
releaseFocusOnEscape();
watchEmbedPanels();
if (framed) {
  embedInFrame();
  reportState();
}
