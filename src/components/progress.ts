/**
 * Which exercises a reader has solved, remembered in this browser only (localStorage; no account,
 * nothing sent). Where storage is blocked (a sandboxed frame, some private modes) or full, nothing is
 * remembered and nothing fails.
 */
const KEY = "vae-progress";

/** The store, or undefined where the browser refuses it (reading `localStorage` itself may throw). */
function store(): Storage | undefined {
  try {
    return typeof localStorage === "undefined" ? undefined : localStorage;
  } catch {
    return undefined;
  }
}

/** The page a set of exercises belongs to, the same for `/x/`, `/x` and `/x/index.html`. */
export function progressPage(pathname: string): string {
  return pathname.replace(/index\.html$/, "").replace(/\/?$/, "/");
}

type Progress = Record<string, string[]>;

function readAll(): Progress {
  try {
    const parsed: unknown = JSON.parse(store()?.getItem(KEY) ?? "{}");
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return {};
    return Object.fromEntries(
      Object.entries(parsed).map(([page, ids]) => [
        page,
        Array.isArray(ids) ? ids.filter((id): id is string => typeof id === "string") : [],
      ]),
    );
  } catch {
    return {};
  }
}

function writeAll(progress: Progress): boolean {
  try {
    const target = store();
    if (!target) return false;
    if (Object.keys(progress).length === 0) target.removeItem(KEY);
    else target.setItem(KEY, JSON.stringify(progress));
    return true;
  } catch {
    return false;
  }
}

/** The anchors (`exercise-<id>`) solved on this page. */
export function solvedOn(page: string): Set<string> {
  return new Set(readAll()[page] ?? []);
}

/** Remembers a solved exercise; false when the browser would not store it. */
export function markSolved(page: string, anchor: string): boolean {
  const progress = readAll();
  const solved = new Set(progress[page] ?? []);
  solved.add(anchor);
  progress[page] = [...solved];
  return writeAll(progress);
}

/** Forgets this page's solved exercises; false when the browser would not store the change. */
export function clearProgress(page: string): boolean {
  const progress = readAll();
  delete progress[page];
  return writeAll(progress);
}
