// The search box in every page's header. Pagefind's index is built after `astro build`
// (src/integrations/reader-build.mjs); its script and index load only when the box is first used,
// from this site under its base path, so they work offline once the service worker has them.
interface PagefindSubResult {
  title: string;
  url: string;
  excerpt: string;
}
interface PagefindData {
  url: string;
  excerpt: string;
  meta: { title?: string };
  sub_results: PagefindSubResult[];
}
interface Pagefind {
  options(options: { baseUrl?: string; excerptLength?: number }): Promise<void>;
  init(): Promise<void>;
  debouncedSearch(
    term: string,
    options?: object,
    debounceMs?: number,
  ): Promise<{ results: { data(): Promise<PagefindData> }[] } | null>;
}

const MAX_PAGES = 6;
const MAX_SECTIONS = 3;

function sectionsOf(data: PagefindData): PagefindSubResult[] {
  // Sections with an anchor jump to the heading; the page's own entry (no anchor) adds nothing.
  return data.sub_results.filter((sub) => sub.url.includes("#")).slice(0, MAX_SECTIONS);
}

function resultItem(data: PagefindData): HTMLLIElement {
  const item = document.createElement("li");
  const sections = sectionsOf(data);
  const title = document.createElement("a");
  title.className = "search-page";
  title.href = sections[0]?.url ?? data.url;
  title.textContent = data.meta.title ?? data.url;
  const excerpt = document.createElement("p");
  excerpt.className = "search-excerpt";
  // Pagefind's excerpts are escaped text with <mark> around the matches.
  excerpt.innerHTML = sections[0]?.excerpt ?? data.excerpt;
  item.append(title, excerpt);
  if (sections.length > 1) {
    const list = document.createElement("ul");
    for (const section of sections) {
      const link = document.createElement("a");
      link.href = section.url;
      link.textContent = section.title;
      const entry = document.createElement("li");
      entry.append(link);
      list.append(entry);
    }
    item.append(list);
  }
  return item;
}

export function initSearch(): void {
  const box = document.querySelector<HTMLElement>("[data-search]");
  const input = box?.querySelector<HTMLInputElement>("input[type=search]");
  const panel = box?.querySelector<HTMLElement>(".search-results");
  const status = box?.querySelector<HTMLElement>("[role=status]");
  if (!box || !input || !panel || !status) return;
  const base = box.dataset.base ?? "/";
  let engine: Promise<Pagefind> | undefined;
  let latest = 0;

  const load = (): Promise<Pagefind> => {
    engine ??= (async () => {
      const pagefind = (await import(/* @vite-ignore */ `${base}pagefind/pagefind.js`)) as Pagefind;
      await pagefind.options({ baseUrl: base, excerptLength: 24 });
      await pagefind.init();
      return pagefind;
    })();
    return engine;
  };

  const close = () => {
    panel.hidden = true;
    box.classList.remove("open");
  };

  const say = (message: string) => {
    status.textContent = message;
  };

  const run = async () => {
    const term = input.value.trim();
    const ticket = ++latest;
    if (term === "") {
      panel.replaceChildren();
      close();
      say("");
      return;
    }
    let pagefind: Pagefind;
    try {
      pagefind = await load();
    } catch {
      engine = undefined;
      panel.replaceChildren(
        Object.assign(document.createElement("p"), {
          textContent: "Search is not available here: the index is built with the site (npm run build).",
        }),
      );
      panel.hidden = false;
      return;
    }
    const search = await pagefind.debouncedSearch(term, {}, 150);
    if (search === null || ticket !== latest) return;
    const pages = await Promise.all(search.results.slice(0, MAX_PAGES).map((result) => result.data()));
    if (ticket !== latest) return;
    const list = document.createElement("ol");
    list.append(...pages.map(resultItem));
    const summary = document.createElement("p");
    summary.className = "search-summary";
    summary.textContent =
      search.results.length === 0
        ? `Nothing in the book matches “${term}”.`
        : `${search.results.length} page${search.results.length === 1 ? "" : "s"} match “${term}”.`;
    panel.replaceChildren(summary, ...(pages.length > 0 ? [list] : []));
    panel.hidden = false;
    box.classList.add("open");
    say(summary.textContent);
  };

  input.addEventListener("focus", () => void load().catch(() => (engine = undefined)), { once: true });
  input.addEventListener("input", () => void run());
  box.addEventListener("keydown", (event) => {
    const links = Array.from(panel.querySelectorAll<HTMLAnchorElement>("a"));
    const at = links.indexOf(document.activeElement as HTMLAnchorElement);
    if (event.key === "Escape") {
      close();
      input.focus();
    } else if (event.key === "ArrowDown" && links.length > 0) {
      event.preventDefault();
      links[Math.min(at + 1, links.length - 1)]?.focus();
    } else if (event.key === "ArrowUp" && at >= 0) {
      event.preventDefault();
      if (at === 0) input.focus();
      else links[at - 1]?.focus();
    }
  });
  box.addEventListener("focusout", (event) => {
    if (!box.contains(event.relatedTarget as Node | null)) close();
  });
  input.addEventListener("focus", () => {
    if (panel.childElementCount > 0) {
      panel.hidden = false;
      box.classList.add("open");
    }
  });
  // A search link that points into this very page only moves the hash: close the panel too.
  panel.addEventListener("click", (event) => {
    if ((event.target as Element).closest("a")) close();
  });
}
