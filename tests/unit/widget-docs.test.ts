import { readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { widgetReference } from "../../src/widgets/reference";
import { widgets } from "../../src/widgets/registry";

const DOCS = new URL("../../docs/widgets.md", import.meta.url);

describe("docs/widgets.md", () => {
  it("is the reference generated from the widget specs (run `npm run docs:widgets` after changing a spec)", () => {
    const generated = widgetReference(widgets);
    if (process.env.WRITE_WIDGET_DOCS === "1") writeFileSync(DOCS, generated);
    expect(readFileSync(DOCS, "utf8")).toBe(generated);
  });

  it("documents every widget, parameter, default and output", () => {
    const text = widgetReference(widgets);
    expect(widgets.length).toBeGreaterThan(0);
    for (const spec of widgets) {
      expect(text).toContain(`## ${spec.id}\n`);
      for (const [name, param] of Object.entries(spec.params)) {
        const shown = param.fallback === "" ? "(empty)" : `\`${param.fallback}\``;
        expect(text).toContain(`| \`${name}\` | ${shown} |`);
      }
      for (const output of spec.outputs) expect(text).toContain(`\`${output}\``);
    }
  });
});
