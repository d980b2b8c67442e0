import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { orderChapters, type ChapterFile } from "../../../src/data/chapter-files";
import { notation } from "../../../src/data/notation";
import { widgets } from "../../../src/widgets/registry";

const dir = join(import.meta.dirname, "../../../content/chapters");

/** The chapter files as the glob loader gives them: the slug, the path and the frontmatter. */
const files: ChapterFile[] = readdirSync(dir)
  .filter((file) => file.endsWith(".mdx"))
  .map((file) => {
    const frontmatter = /^---\n([\s\S]*?)\n---/.exec(readFileSync(join(dir, file), "utf8"))?.[1] ?? "";
    const data = parse(frontmatter) as { prerequisites?: string[] };
    return {
      id: file.replace(/^\d+-|\.mdx$/g, ""),
      filePath: `content/chapters/${file}`,
      data: { prerequisites: data.prerequisites ?? [] },
    };
  });

const chapter = (file: string, prerequisites: string[] = []): ChapterFile => ({
  id: file.replace(/^\d+-|\.mdx$/g, ""),
  filePath: `content/chapters/${file}`,
  data: { prerequisites },
});

describe("the chapter list comes from the chapter files", () => {
  it("orders the book's chapters by their file numbers, from 1", () => {
    const ordered = orderChapters(files);
    expect(ordered.map((entry) => entry.order)).toEqual(ordered.map((_, index) => index + 1));
    expect(ordered.map((entry) => entry.filePath)).toEqual([...files.map((entry) => entry.filePath)].sort());
  });

  it("takes a sixth chapter from its file alone", () => {
    const sixth = chapter("06-normalising-flows.mdx", ["vae"]);
    const ordered = orderChapters([sixth, ...files]);
    expect(ordered.at(-1)).toMatchObject({ id: "normalising-flows", order: 6 });
    expect(ordered).toHaveLength(files.length + 1);
  });

  it("names the file to fix when the chapters disagree", () => {
    expect(() => orderChapters([...files, chapter("flows.mdx")])).toThrow(
      "content/chapters/flows.mdx: a chapter's file is named by its number and slug",
    );
    expect(() => orderChapters([...files, chapter("05-flows.mdx")])).toThrow(
      /content\/chapters\/05-\S+ and content\/chapters\/05-\S+ have the same number/,
    );
    expect(() => orderChapters([...files, chapter("07-flows.mdx")])).toThrow(
      "content/chapters/07-flows.mdx: chapters are numbered 01, 02, … with no gap; expected 06.",
    );
    expect(() => orderChapters([...files, chapter("06-flows.mdx", ["diffusion"])])).toThrow(
      'content/chapters/06-flows.mdx: the prerequisite "diffusion" is not an earlier chapter',
    );
    expect(() => orderChapters([chapter("01-a.mdx", ["b"]), chapter("02-b.mdx")])).toThrow(
      'content/chapters/01-a.mdx: the prerequisite "b" is not an earlier chapter (earlier: none).',
    );
  });

  it("every chapter a widget or a symbol names is one of the files", () => {
    const slugs = new Set(files.map((entry) => entry.id));
    for (const spec of widgets) expect(slugs, spec.id).toContain(spec.chapter);
    for (const entry of notation.flatMap((group) => group.entries))
      expect(slugs, entry.key).toContain(entry.introduced);
  });
});
