import { defineCollection } from "astro:content";
import { glob } from "astro/loaders";
import { z } from "astro/zod";

/** The book's chapters, in reading order; each slug is the file name and the URL. */
export const CHAPTER_SLUGS = ["autoencoders", "probability", "kl-divergence", "elbo", "vae"] as const;

/**
 * A work the chapter draws on, by its key in src/data/bibliography.ts ("kingma2013"): every work is
 * written there once, so every reference reads alike and every citation has its hover card. Works
 * cited in the text with <Cite k="…" /> join the list by themselves.
 */
const reference = z.string().regex(/^[a-z0-9-]+$/);

const chapters = defineCollection({
  loader: glob({
    base: "./content/chapters",
    pattern: "*.mdx",
    generateId: ({ entry }) => entry.replace(/^\d+-|\.mdx$/g, ""),
  }),
  schema: z.object({
    title: z.string().min(1),
    order: z.number().int().min(1),
    summary: z.string().min(1),
    prerequisites: z.array(z.enum(CHAPTER_SLUGS)).default([]),
    goals: z.array(z.string().min(1)).min(1),
    /** True while the chapter holds only its outline from the lecture notes. */
    coming: z.boolean().default(false),
    references: z.array(reference).default([]),
  }),
});

export const collections = { chapters };
