/**
 * The widget reference for the repository's docs (docs/widgets.md), written from the same specs as
 * the gallery and the embed pages. `npm run docs:widgets` rewrites the file; a unit test fails when
 * the committed file differs, so the docs cannot drift from the code.
 */
import type { AnyWidgetSpec } from "./spec";

const SITE = "https://USER.github.io/REPO/";

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");
const code = (text: string) => (text === "" ? "(empty)" : `\`${text}\``);

function widgetSection(spec: AnyWidgetSpec): string {
  const page = `embed/${spec.id}/`;
  const rows = Object.entries(spec.params).map(
    ([name, param]) => `| \`${name}\` | ${code(param.fallback)} | ${cell(`${param.description}: ${param.expected}`)} |`,
  );
  const examples = spec.examples.map((example) => `- ${example.caption}: \`${page}?${example.query}\``);
  const first = spec.examples[0];
  const snippetSrc = `${SITE}${page}${first ? `?${first.query.replace(/&/g, "&amp;")}` : ""}`;
  return [
    `## ${spec.id}`,
    "",
    `**${spec.title}.** ${spec.summary}`,
    "",
    `Embed page: \`<base>${page}\`. In the book: chapter \`${spec.chapter}\`.`,
    "",
    "| parameter | default | expects |",
    "|---|---|---|",
    ...rows,
    "",
    `Outputs: ${spec.outputs.map((name) => `\`${name}\``).join(", ")}.`,
    "",
    ...(examples.length > 0 ? ["Examples:", "", ...examples, ""] : []),
    "Snippet:",
    "",
    "```html",
    `<iframe src="${snippetSrc}" title="${spec.title.replace(/"/g, "&quot;")}" width="800" height="500" allow="clipboard-write" loading="lazy" style="border:0;max-width:100%"></iframe>`,
    "```",
    "",
  ].join("\n");
}

export function widgetReference(specs: readonly AnyWidgetSpec[]): string {
  return [
    "<!-- Generated from src/widgets/*/spec.ts by `npm run docs:widgets` (src/widgets/reference.ts). Do not edit by hand. -->",
    "",
    "# Widget reference",
    "",
    "Each widget has an embed page at `<base>embed/<id>/` (for a GitHub Pages fork,",
    `\`<base>\` is \`${SITE}\`) that takes its whole state from the query string: unknown`,
    "parameters are ignored, absent ones take the defaults below. Changing a control updates the",
    "address bar, so it is always a permalink. Results are `<output name data-value>` elements",
    '(full precision in `data-value`); the widget root carries `data-widget="<id>"` and `data-ready`',
    'once the outputs match the state. Bad input shows a message in a `role="alert"` element naming',
    "the parameter, and the outputs are emptied.",
    "",
    "Vectors are comma-separated numbers; a k×k matrix is its k² entries row-major; a list of faces",
    "is comma-separated integers 1–6. Logarithms are natural (nats) unless `unit=bits`.",
    "",
    "Every embed page also takes two display parameters (see [embedding.md](embedding.md) for slides,",
    "auto-height and images):",
    "",
    "| parameter | default | expects |",
    "|---|---|---|",
    "| `theme` | the reader's light or dark setting | `light`, `dark` or `projector` (large type, high contrast) |",
    "| `controls` | `1` | `0` hides the controls: a pure display of a fixed state |",
    "",
    "The same reference, with a live preview of each widget, is the site's gallery at `<base>embed/`.",
    "",
    "| id | widget |",
    "|---|---|",
    ...specs.map((spec) => `| [\`${spec.id}\`](#${spec.id}) | ${cell(spec.title)} |`),
    "",
    ...specs.map(widgetSection),
  ].join("\n");
}
