// The pages of a built site, shared by the e2e tests and bench:site.
import { readdirSync } from "node:fs";
import { join, relative } from "node:path";

/** Every page in `dist`, as a path relative to the base (e.g. "chapters/elbo/"; "" for the home page), sorted. */
export function builtPages(dist = "dist") {
  /** @type {string[]} */
  const pages = [];
  /** @param {string} folder */
  const walk = (folder) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name === "index.html") pages.push(`${relative(dist, folder)}/`.replace(/^\/$/, ""));
    }
  };
  walk(dist);
  return pages.sort();
}
