// The tags a chapter may use without an import: the author surface. Every component in this folder
// (notes, exercises, terms, citations, numbers, the derivation checks) under its file name, and one
// shell per widget with a spec.ts, under its tag name (kl-discrete → <KlDiscrete />). Widget building
// blocks (src/widgets/parts, charts, training) are not tags: tests/unit/components/author-tags.test.ts
// fails when a chapter uses one.
import { widgets } from "../widgets/registry";
import { shellFor } from "../widgets/shells";
import { shellName } from "../widgets/spec";

const authorComponents = import.meta.glob<unknown>("./[A-Z]*.astro", { eager: true, import: "default" });

export const mdxComponents: Record<string, unknown> = Object.fromEntries([
  ...Object.entries(authorComponents).map(([path, component]) => [path.replace(/^.*\/|\.astro$/g, ""), component]),
  ...widgets.map((spec) => [shellName(spec.id), shellFor(spec.id)]),
]);
