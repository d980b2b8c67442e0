// A plain-text name for HTML that holds KaTeX output, e.g. a link whose only content is a formula:
// the MathML's characters (ϕ, DKL(P∥Q)) without KaTeX's visual copy or TeX source. axe and some
// screen readers take no name from MathML inside a link, so such links get it as aria-label.
const MATH = /<math\b[^>]*>([\s\S]*?)<\/math>/g;
const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", nbsp: " " };

/** The MathML text of the formulas in the HTML, or undefined when it holds none. */
export function spokenMath(html: string): string | undefined {
  const formulas = Array.from(html.matchAll(MATH), (match) =>
    (match[1] ?? "")
      .replace(/<annotation\b[\s\S]*?<\/annotation>/g, "")
      .replace(/<[^>]+>/g, "")
      .replace(/&(#?\w+);/g, (entity, name: string) => ENTITIES[name] ?? entity)
      .replace(/\s+/g, ""),
  );
  const text = formulas.join(" ").trim();
  return text === "" ? undefined : text;
}
