import { defineCollection } from "astro:content";
import { glob } from "astro/loaders";
import { z } from "astro/zod";

/**
 * A work the chapter draws on, by its key in src/data/bibliography.ts ("kingma2013"): every work is
 * written there once, so every reference reads alike and every citation has its hover card. Works
 * cited in the text with <Cite k="…" /> join the list by themselves.
 */
const reference = z.string().regex(/^[a-z0-9-]+$/);

const chapters = defineCollection({
  // The file name is the chapter: NN-slug.mdx gives its number and URL (src/data/chapter-files.ts).
  loader: glob({
    base: "./content/chapters",
    pattern: "*.mdx",
    generateId: ({ entry }) => entry.replace(/^\d+-|\.mdx$/g, ""),
  }),
  schema: z.object({
    title: z.string().min(1),
    summary: z.string().min(1),
    /** Slugs of earlier chapters; src/data/chapter-files.ts checks that each is one. */
    prerequisites: z.array(z.string().regex(/^[a-z0-9-]+$/)).default([]),
    goals: z.array(z.string().min(1)).min(1),
    /** True while the chapter holds only its outline from the lecture notes. */
    coming: z.boolean().default(false),
    references: z.array(reference).default([]),
  }),
});

export const collections = { chapters };
