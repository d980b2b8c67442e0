import type { AnyWidgetSpec } from "./spec";

// Each widget folder holds a spec.ts; collecting them here keeps one list with no hand-kept index.
const specModules = import.meta.glob<{ spec: AnyWidgetSpec }>("./*/spec.ts", { eager: true });

export const widgets: readonly AnyWidgetSpec[] = Object.values(specModules)
  .map((module) => module.spec)
  .sort((a, b) => a.id.localeCompare(b.id));

export function widgetById(id: string): AnyWidgetSpec | undefined {
  return widgets.find((widget) => widget.id === id);
}
