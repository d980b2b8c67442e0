// Every widget's server shell (<Name>.astro in its folder), by widget id, for the embed pages and the gallery.
type Shell = (props: Record<string, unknown>) => unknown;

const shellModules = import.meta.glob<Shell>("./*/[A-Z]*.astro", { eager: true, import: "default" });

export function shellFor(id: string): Shell {
  const entry = Object.entries(shellModules).find(([path]) => path.startsWith(`./${id}/`));
  if (!entry) throw new Error(`Widget ${id} has a spec but no .astro shell`);
  return entry[1];
}
