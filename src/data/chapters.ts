import { getCollection, type CollectionEntry } from "astro:content";
import { CHAPTER_SLUGS } from "../content.config";

export type Chapter = CollectionEntry<"chapters">;

/** The chapters in reading order; fails the build if the collection and the fixed slugs disagree. */
export async function chaptersInOrder(): Promise<Chapter[]> {
  const chapters = (await getCollection("chapters")).sort((a, b) => a.data.order - b.data.order);
  const slugs = chapters.map((chapter) => chapter.id);
  if (slugs.join() !== CHAPTER_SLUGS.join()) {
    throw new Error(
      `Chapters must be ${CHAPTER_SLUGS.join(", ")} in that order (by their \`order\`); found ${slugs.join(", ")}. ` +
        "A new chapter's slug goes into CHAPTER_SLUGS in src/content.config.ts.",
    );
  }
  return chapters;
}
