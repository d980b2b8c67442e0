import type { WidgetSpec } from "./spec";

// Each widget folder holds a spec.ts; collecting them here keeps one list with no hand-kept index.
const specModules = import.meta.glob<{ spec: WidgetSpec<unknown> }>("./*/spec.ts", { eager: true });

export const widgets: readonly WidgetSpec<unknown>[] = Object.values(specModules)
  .map((module) => module.spec)
  .sort((a, b) => a.id.localeCompare(b.id));

export function widgetById(id: string): WidgetSpec<unknown> | undefined {
  return widgets.find((widget) => widget.id === id);
}
