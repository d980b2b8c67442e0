// Every widget's server shell (<Name>.astro in its folder, Name = shellName(id)), by widget id, for
// the chapters, the embed pages and the gallery.
import { shellName } from "./spec";

type Shell = (props: Record<string, unknown>) => unknown;

const shellModules = import.meta.glob<Shell>("./*/[A-Z]*.astro", { eager: true, import: "default" });

export function shellFor(id: string): Shell {
  const path = `./${id}/${shellName(id)}.astro`;
  const shell = shellModules[path];
  if (!shell) throw new Error(`Widget ${id} has a spec but no shell: add src/widgets/${path.slice(2)}`);
  return shell;
}
