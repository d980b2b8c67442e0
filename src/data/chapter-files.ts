/**
 * The chapter list comes from the chapter files alone: `content/chapters/NN-slug.mdx` gives the
 * chapter's number (NN) and its slug (the URL), so a new chapter is one new file. Pure, so a unit
 * test can check it on a made-up list (tests/unit/data/chapter-files.test.ts).
 */

/** What the ordering needs of a chapter entry (an Astro collection entry has these fields). */
export interface ChapterFile {
  /** The slug: the file name without its number and `.mdx`. */
  readonly id: string;
  /** The file, relative to the project root (the glob loader sets it). */
  readonly filePath?: string | undefined;
  readonly data: { readonly prerequisites: readonly string[] };
}

/** A file name a chapter may have: two digits, a hyphen, a lower-case slug, `.mdx`. */
export const CHAPTER_FILE = /^(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)\.mdx$/;

/**
 * The chapters sorted by the number their file name starts with, each with that number as its
 * `order`. Throws one error naming the file to fix when a name does not read `NN-slug.mdx`, two
 * files share a number, the numbers do not run 1, 2, 3, … or a prerequisite is not an earlier chapter.
 */
export function orderChapters<T extends ChapterFile>(entries: readonly T[]): (T & { readonly order: number })[] {
  const fileOf = (entry: T) => entry.filePath ?? `${entry.id}.mdx`;
  const numbered = entries.map((entry) => {
    const file = fileOf(entry);
    const match = CHAPTER_FILE.exec(file.split("/").pop() ?? file);
    if (!match) {
      throw new Error(`${file}: a chapter's file is named by its number and slug, like 06-normalising-flows.mdx.`);
    }
    return { ...entry, order: Number(match[1]) };
  });
  numbered.sort((a, b) => a.order - b.order);
  numbered.forEach((chapter, index) => {
    const before = numbered[index - 1];
    if (before && before.order === chapter.order) {
      throw new Error(`${fileOf(before)} and ${fileOf(chapter)} have the same number: renumber one of them.`);
    }
    if (chapter.order !== index + 1) {
      throw new Error(`${fileOf(chapter)}: chapters are numbered 01, 02, … with no gap; expected ${pad(index + 1)}.`);
    }
    const earlier = new Set(numbered.slice(0, index).map((other) => other.id));
    for (const slug of chapter.data.prerequisites) {
      if (!earlier.has(slug)) {
        throw new Error(
          `${fileOf(chapter)}: the prerequisite "${slug}" is not an earlier chapter (earlier: ${[...earlier].join(", ") || "none"}).`,
        );
      }
    }
  });
  return numbered;
}

const pad = (n: number) => String(n).padStart(2, "0");
