// Loads a widget's element only when it comes near the viewport, so a chapter's first load stays
// small and heavy widgets (TensorFlow.js) cost nothing until the reader reaches them.
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
  const roots = document.querySelectorAll<HTMLElement>("[data-widget]");
  // An embed page is its widget: start at once, even in a slide that is not shown yet.
  const embedded = Array.from(roots).some((root) => root.hasAttribute("url-state"));
  if (embedded || !("IntersectionObserver" in window)) {
    roots.forEach((root) => load(root.dataset.widget ?? ""));
    return;
  }
  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        observer.unobserve(entry.target);
        load((entry.target as HTMLElement).dataset.widget ?? "");
      }
    },
    { rootMargin: "400px 0px" },
  );
  roots.forEach((root) => observer.observe(root));
}

observe();
