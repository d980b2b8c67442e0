// Components that chapters may use without importing them: every widget shell and every
// component in this folder, under its file name (e.g. <KlDiscrete />, <Note kind="slip">).
const widgetShells = import.meta.glob<unknown>("../widgets/*/[A-Z]*.astro", { eager: true, import: "default" });
const bookComponents = import.meta.glob<unknown>("./[A-Z]*.astro", { eager: true, import: "default" });

const byFileName = (modules: Record<string, unknown>) =>
  Object.entries(modules).map(([path, component]) => [path.replace(/^.*\/|\.astro$/g, ""), component] as const);

export const mdxComponents: Record<string, unknown> = Object.fromEntries([
  ...byFileName(bookComponents),
  ...byFileName(widgetShells),
]);
