import { getCollection, type CollectionEntry } from "astro:content";
import { orderChapters } from "./chapter-files";

/** A chapter: its collection entry, and its number (from its file name, `NN-slug.mdx`). */
export type Chapter = CollectionEntry<"chapters"> & { readonly order: number };

/** The chapters in reading order; fails the build, naming the file, when the chapter files disagree. */
export async function chaptersInOrder(): Promise<Chapter[]> {
  return orderChapters(await getCollection("chapters"));
}
