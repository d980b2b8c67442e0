// Elements that name each other (aria-describedby, aria-labelledby) need ids unique on their page.
// One counter for the whole build gives that, and the same ids on every build of the same commit
// (Math.random() would change every page's HTML, and so the service worker's hashes, on each deploy).
let count = 0;

/** `<prefix>-<n>`, n counting the ids made in this build so far. */
export function uniqueId(prefix: string): string {
  count += 1;
  return `${prefix}-${count}`;
}
