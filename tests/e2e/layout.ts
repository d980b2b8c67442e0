import { readdirSync } from "node:fs";
import { CHAPTER_FILE } from "../../src/data/chapter-files";

/** What the book-wide layout tests share: the chapters (from their files), and the sizes and schemes they are seen at. */
export const chapterSlugs: readonly string[] = readdirSync("content/chapters")
  .sort()
  .flatMap((file) => CHAPTER_FILE.exec(file)?.[2] ?? []);

/** A small phone, a common phone and a laptop, in CSS pixels. */
export const viewports = [
  { name: "320", width: 320, height: 640 },
  { name: "375", width: 375, height: 740 },
  { name: "laptop", width: 1366, height: 768 },
] as const;

export const schemes = ["light", "dark"] as const;

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** The overlap of two boxes, or undefined when they do not meet (touching edges do not count). */
export function intersection(a: Box, b: Box): Box | undefined {
  const box = {
    left: Math.max(a.left, b.left),
    top: Math.max(a.top, b.top),
    right: Math.min(a.right, b.right),
    bottom: Math.min(a.bottom, b.bottom),
  };
  return box.right - box.left > 0.5 && box.bottom - box.top > 0.5 ? box : undefined;
}
