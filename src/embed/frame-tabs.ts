/**
 * A widget's secondary parts behind tabs in a fixed frame too small for all of it (docs/embedding.md):
 * the shell marks them `data-frame-tab="<tab name>"` (a convergence chart, a table of details), and
 * when the whole widget does not fit the frame at a legible size, embed-page.ts turns the tabs on, so
 * the main figure and its key numbers fill the frame and each part is one click away. Hidden parts
 * stay in the page with their values (contract outputs and ids are unchanged).
 */

/** The tab of everything not marked: the main figure, its controls and key numbers. */
export const MAIN_TAB = "Figure";

export interface FrameTabs {
  /** Shows the tab bar with the main tab selected, or takes it away (every part shown). */
  setEnabled(enabled: boolean): void;
  readonly enabled: boolean;
  /** The tab shown, MAIN_TAB when the tabs are off. */
  readonly shown: string;
}

/** Tabs over `root`'s marked parts, or undefined when it marks none (hidden until enabled). */
export function frameTabs(root: HTMLElement): FrameTabs | undefined {
  const parts = Array.from(root.querySelectorAll<HTMLElement>("[data-frame-tab]"));
  if (parts.length === 0) return undefined;
  const names = [MAIN_TAB, ...new Set(parts.map((part) => part.dataset.frameTab ?? ""))];
  const bar = document.createElement("div");
  bar.className = "frame-tabs";
  bar.setAttribute("role", "group");
  bar.setAttribute("aria-label", "Show a part of the widget");
  bar.hidden = true;
  const buttons = names.map((name) => {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = name;
    // The page refits to the tab shown (embed-page.ts watches the page's layout).
    button.addEventListener("click", () => show(name));
    bar.append(button);
    return button;
  });
  root.querySelector(".widget-summary")?.after(bar);

  let shown = MAIN_TAB;
  let enabled = false;
  // The widget's other top-level blocks: in a part's tab, those that hold none of its parts step aside.
  const blocks = Array.from(root.children).filter(
    (child): child is HTMLElement =>
      child instanceof HTMLElement &&
      child !== bar &&
      !child.hasAttribute("data-frame-tab") &&
      !child.matches(".widget-title, .widget-summary, [role=alert], [data-role=note], .embed-panel"),
  );

  // Inside a block, what sits beside the elements holding a part (e.g. the other columns of a widget's own grid).
  let besideHidden: HTMLElement[] = [];

  function show(name: string): void {
    shown = name;
    buttons.forEach((button, index) => button.setAttribute("aria-pressed", String(names[index] === name)));
    for (const part of parts) part.toggleAttribute("data-frame-hidden", enabled && part.dataset.frameTab !== name);
    for (const block of blocks) {
      const holds = block.querySelector(`[data-frame-tab="${CSS.escape(name)}"]`) !== null;
      block.toggleAttribute("data-frame-hidden", enabled && name !== MAIN_TAB && !holds);
    }
    for (const element of besideHidden) element.removeAttribute("data-frame-hidden");
    besideHidden = enabled && name !== MAIN_TAB ? beside(name) : [];
    for (const element of besideHidden) element.setAttribute("data-frame-hidden", "");
  }

  /**
   * In a part's tab, the elements that sit beside the part's containers (below the widget's own
   * top-level blocks) and hold none of its parts: they step aside too, so a part nested in the
   * widget's layout shows without the rest of it. The part's own siblings stay (its figure's caption).
   */
  function beside(name: string): HTMLElement[] {
    const holders = new Set<Element>();
    for (const part of parts.filter((candidate) => candidate.dataset.frameTab === name)) {
      for (let element = part.parentElement; element && element !== root; element = element.parentElement) {
        holders.add(element);
      }
    }
    const aside = new Set<HTMLElement>();
    for (const holder of holders) {
      const parent = holder.parentElement;
      if (!parent || parent === root) continue;
      for (const sibling of Array.from(parent.children)) {
        if (sibling instanceof HTMLElement && !holders.has(sibling) && !sibling.hasAttribute("data-frame-tab")) {
          aside.add(sibling);
        }
      }
    }
    return [...aside];
  }

  return {
    setEnabled(next: boolean) {
      enabled = next;
      bar.hidden = !next;
      show(MAIN_TAB);
    },
    get enabled() {
      return enabled;
    },
    get shown() {
      return shown;
    },
  };
}
