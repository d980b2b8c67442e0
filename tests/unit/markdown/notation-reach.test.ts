// Every notation entry is reachable from each chapter that uses it: where its symbol appears in a
// formula or its words in the prose, the build links it at least once. "Uses" is judged here on
// KaTeX's MathML (what the formula says, however its TeX is spelled), not by the build's matcher.
import { readdirSync, readFileSync } from "node:fs";
import katex from "katex";
import { unified } from "unified";
import remarkParse from "remark-parse";
import remarkMdx from "remark-mdx";
import remarkMath from "remark-math";
import { describe, expect, it } from "vitest";
import { notation } from "../../../src/data/notation";
import remarkNotationLinks, { chapterOf, isSkipped } from "../../../src/markdown/notation-links.mjs";
import { macros } from "../../../src/math/macros.mjs";

type Mdast = {
  type: string;
  value?: string;
  url?: string;
  name?: string;
  attributes?: { name: string; value: unknown }[];
  data?: { hProperties?: Record<string, unknown> };
  children?: Mdast[];
};

const CHAPTERS = new URL("../../../content/chapters/", import.meta.url);
const entries = notation.flatMap((group) => group.entries);

/** A formula as the leaves of its MathML, each with its font when that matters: "⟨p⟩⟨(⟩⟨x⟩⟨)⟩", "⟨E:double-struck⟩". */
function leaves(tex: string): string {
  const mathml = katex.renderToString(tex, { output: "mathml", macros: { ...macros }, strict: "ignore" });
  const found = mathml
    .replace(/<annotation[\s\S]*?<\/annotation>/g, "")
    .matchAll(/<(mi|mo|mn|mtext)([^>]*)>([^<]*)<\/\1>/g);
  return [...found]
    .map(([, , attributes, text]) => {
      const value = (text ?? "").trim().replace(/\|/g, "∣");
      const variant = /mathvariant="([^"]+)"/.exec(attributes ?? "")?.[1];
      const font = variant && variant !== "normal" && variant !== "italic" ? `:${variant}` : "";
      return value === "" ? "" : `⟨${value}${font}⟩`;
    })
    .join("");
}

/** The formulas and prose of a chapter a reader sees linked (not headings, links, code, solutions). */
function visible(tree: Mdast) {
  const inline: string[] = [];
  const all: string[] = [];
  const prose: string[] = [];
  const walk = (node: Mdast) => {
    if (isSkipped(node)) return;
    if (node.type === "inlineMath" || node.type === "math") {
      const formula = leaves((node.value ?? "").replace(/\\label\{[^}]*\}|\\eqref\{[^}]*\}/g, ""));
      all.push(formula);
      if (node.type === "inlineMath") inline.push(formula);
    } else if (node.type === "text") prose.push(node.value ?? "");
    node.children?.forEach(walk);
  };
  walk(tree);
  return { inline, all, prose: prose.join(" ") };
}

/** The keys the build linked in a tree after remarkNotationLinks. */
function linkedKeys(tree: Mdast): Set<string> {
  const keys = new Set<string>();
  const walk = (node: Mdast) => {
    const tip = node.data?.hProperties?.dataTip;
    if (node.type === "link" && typeof tip === "string") keys.add(tip.replace(/^notation-tip-/, ""));
    for (const match of (node.value ?? "").matchAll(/\\htmlData\{notation=([^}]+)\}/g)) keys.add(match[1] ?? "");
    if (/^(Term|Sym)$/.test(node.name ?? "")) {
      const key = node.attributes?.find((attribute) => attribute.name === "k")?.value;
      if (typeof key === "string") keys.add(key);
    }
    node.children?.forEach(walk);
  };
  walk(tree);
  return keys;
}

const files = readdirSync(CHAPTERS).filter((name) => name.endsWith(".mdx"));

describe("notation entries are reachable from the chapters that use them", () => {
  it.each(files)("%s", (name) => {
    const path = `content/chapters/${name}`;
    const chapter = chapterOf(path);
    const source = readFileSync(new URL(name, CHAPTERS), "utf8");
    const parse = () => unified().use(remarkParse).use(remarkMdx).use(remarkMath).parse(source) as Mdast;
    const seen = visible(parse());
    const tree = parse();
    remarkNotationLinks({ notation })(tree, { path });
    const linked = linkedKeys(tree);

    const used = entries.filter((entry) => {
      if (entry.chapters && !entry.chapters.includes(chapter ?? "")) return false;
      const forms = (entry.match ?? [entry.tex]).map((form) => leaves(form.includes("#") ? entry.tex : form));
      const inFormulas = forms.some((form) =>
        form.split("⟩").length === 2 ? seen.inline.includes(form) : seen.all.some((formula) => formula.includes(form)),
      );
      const inProse = (entry.terms ?? []).some((term) =>
        new RegExp(
          `(?<![\\p{L}-])${term.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/ /g, "\\s+")}`,
          /\p{Lu}/u.test(term) ? "u" : "iu",
        ).test(seen.prose),
      );
      return inFormulas || inProse;
    });
    expect(used.length).toBeGreaterThan(0);
    expect(used.map((entry) => entry.key).filter((key) => !linked.has(key))).toEqual([]);
  });
});
