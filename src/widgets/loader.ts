// Loads a widget's element only when it comes near the viewport, so a chapter's first load stays
// small and heavy widgets (TensorFlow.js) cost nothing until the reader reaches them.
import { whenVisible } from "./when-visible";

const elementModules = import.meta.glob("./*/element.ts");

const loaded = new Set<string>();

function load(id: string): void {
  if (loaded.has(id)) return;
  loaded.add(id);
  const importer = elementModules[`./${id}/element.ts`];
  if (!importer) {
    console.warn(`No element module for widget "${id}"`);
    return;
  }
  void importer();
}

function observe(): void {
  const roots = Array.from(document.querySelectorAll<HTMLElement>("[data-widget]"));
  const loadRoot = (root: HTMLElement) => load(root.dataset.widget ?? "");
  // An embed page is its widget: start at once, even in a slide that is not shown yet.
  if (roots.some((root) => root.hasAttribute("url-state"))) roots.forEach(loadRoot);
  else whenVisible(roots, loadRoot, "400px 0px");
  // Printing shows every widget as a reader who scrolled through would see it: load those not reached yet.
  window.addEventListener("beforeprint", () => roots.forEach(loadRoot));
}

observe();
