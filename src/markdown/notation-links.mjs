// Hover definitions from the notation page (src/data/notation.ts), found by the build: in each `##`
// section of a chapter, the first use of each entry, as a symbol in a formula or as a term in the
// prose, links to the entry's row on the notation page and shows its meaning on hover, focus or tap
// (src/scripts/tips.ts). The remark step decides what to link; the rehype step, after KaTeX, makes
// the links inside formulas. Headings, links, code, worked solutions and hints are left alone.
//
// Inside a formula the symbol's TeX is wrapped in \htmlData{notation=KEY}{…}, which KaTeX renders as
// a <span data-notation> around the symbol's HTML and leaves out of the MathML, so spacing, MathML
// and equation numbers stay as they were. A formula that is the symbol alone ($\phi$) is wrapped
// whole in the link instead, as <Term> does.

import { expandMacros } from "../math/macros.mjs";

/** @typedef {{ key: string; tex: string; meaning: string; terms?: readonly string[]; notTerms?: readonly string[]; match?: readonly string[]; chapters?: readonly string[] }} Entry */
/** @typedef {{ t: string; start: number; end: number }} Token */
/** @typedef {{ key: string; start: number; end: number; whole: boolean }} MathMatch */

/** KaTeX's trust option: the build's own \htmlData markers and nothing else. @param {{ command: string }} context */
export const trustNotationMarkers = (context) => context.command === "\\htmlData";

// Spacing and delimiter sizes do not change which symbol a formula writes.
const IGNORED = new Set([
  "\\,",
  "\\;",
  "\\:",
  "\\!",
  "\\ ",
  "~",
  "\\quad",
  "\\qquad",
  "\\left",
  "\\right",
  "\\middle",
  "\\big",
  "\\Big",
  "\\bigg",
  "\\Bigg",
  "\\bigl",
  "\\bigr",
  "\\Bigl",
  "\\Bigr",
  "\\biggl",
  "\\biggr",
]);
// One spelling for each bar: \given is the book's macro for a spaced \vert (src/math/macros.mjs).
const SAME = new Map([
  ["\\mid", "|"],
  ["\\given", "|"],
  ["\\vert", "|"],
  ["\\Vert", "‖"],
  ["\\|", "‖"],
]);
// Commands whose next token is their argument, so that token is not a symbol of its own.
const TAKES_ARGUMENT =
  /^\\(?:tilde|hat|bar|vec|dot|ddot|overline|mathbf|mathrm|mathcal|mathbb|mathit|boldsymbol|operatorname|text|textrm|frac|tfrac|dfrac|sqrt)$/;
// One Latin or Greek letter names many things across a book: found only as a formula of its own.
const GREEK =
  /^\\(?:alpha|beta|gamma|delta|epsilon|varepsilon|zeta|eta|theta|vartheta|iota|kappa|lambda|mu|nu|xi|pi|rho|sigma|tau|upsilon|phi|varphi|chi|psi|omega|Gamma|Delta|Theta|Lambda|Xi|Pi|Sigma|Upsilon|Phi|Psi|Omega)$/;

/**
 * TeX as the tokens a reader sees: control words, control symbols and single characters, without
 * spacing commands, with every bar spelled alike, and with braces around one token dropped (so
 * `q_{\phi}` reads as `q_\phi`). Each token keeps its place [start, end) in the source, a dropped
 * brace pair's included, so a run of tokens is always a balanced stretch of source.
 * @param {string} source
 * @returns {Token[]}
 */
export function texTokens(source) {
  /** @type {Token[]} */
  const raw = [];
  for (const match of source.matchAll(/\\[A-Za-z]+|\\.|%[^\n]*|\S/g)) {
    const text = match[0];
    if (text.startsWith("%") || IGNORED.has(text)) continue;
    raw.push({ t: SAME.get(text) ?? text, start: match.index, end: match.index + text.length });
  }
  /** @type {Token[]} */
  const out = [];
  for (const token of raw) {
    out.push(token);
    const n = out.length;
    const open = out[n - 3];
    const inner = out[n - 2];
    if (token.t === "}" && open?.t === "{" && inner && inner.t !== "{" && inner.t !== "}") {
      out.splice(n - 3, 3, { t: inner.t, start: open.start, end: token.end });
    }
  }
  return out;
}

/** The end (exclusive) of the atom at tokens[i]: a token or braced group, with its sub- and superscripts. @param {Token[]} tokens @param {number} i */
function atomEnd(tokens, i) {
  /** @param {number} at */
  const groupEnd = (at) => {
    if (tokens[at]?.t !== "{") return at + 1;
    let depth = 0;
    for (let j = at; j < tokens.length; j++) {
      if (tokens[j]?.t === "{") depth++;
      else if (tokens[j]?.t === "}" && --depth === 0) return j + 1;
    }
    return tokens.length;
  };
  let end = groupEnd(i);
  while (tokens[end]?.t === "_" || tokens[end]?.t === "^") end = groupEnd(end + 1);
  return end;
}

/**
 * Where `pattern` (tokens, `#` standing for any one atom) matches `tokens` from index i: the end
 * index, or -1.
 * @param {Token[]} tokens @param {number} i @param {string[]} pattern
 */
function matchAt(tokens, i, pattern) {
  let at = i;
  for (const want of pattern) {
    if (at >= tokens.length) return -1;
    if (want === "#") {
      if (tokens[at]?.t === "}") return -1;
      at = atomEnd(tokens, at);
    } else if (tokens[at]?.t === want) at++;
    else return -1;
  }
  return at;
}

/** @param {Entry} entry @param {string | undefined} chapter */
const inScope = (entry, chapter) => !entry.chapters || (chapter !== undefined && entry.chapters.includes(chapter));

/**
 * The book's patterns: for each entry in scope in the chapter, its TeX forms as tokens; a form that
 * is one letter is found only as a formula of its own.
 * @param {readonly Entry[]} entries @param {string | undefined} chapter
 */
export function mathPatterns(entries, chapter) {
  return entries
    .filter((entry) => inScope(entry, chapter))
    .flatMap((entry) =>
      (entry.match ?? [entry.tex]).map((form) => {
        const tokens = texTokens(form).map((token) => token.t);
        const single = tokens.length === 1 && (/^[A-Za-z]$/.test(tokens[0] ?? "") || GREEK.test(tokens[0] ?? ""));
        return { key: entry.key, tokens, wholeOnly: single };
      }),
    );
}

/**
 * The notation symbols in one formula, left to right, longest form first, skipping keys in `skip`:
 * each with its stretch of source. `whole` marks a formula that is the symbol alone.
 * @param {string} source the formula's TeX
 * @param {ReturnType<typeof mathPatterns>} patterns
 * @param {ReadonlySet<string>} skip keys already linked in this section
 * @param {boolean} inline whether the formula is inline, where it may be the symbol alone
 * @returns {MathMatch[]}
 */
export function findMathSymbols(source, patterns, skip, inline = true) {
  const tokens = texTokens(source);
  /** @type {MathMatch[]} */
  const found = [];
  const taken = new Set(skip);
  for (const pattern of patterns) {
    if (!inline || taken.has(pattern.key) || pattern.tokens.length !== tokens.length) continue;
    if (matchAt(tokens, 0, pattern.tokens) === tokens.length) {
      return [{ key: pattern.key, start: 0, end: source.length, whole: true }];
    }
  }
  for (let i = 0; i < tokens.length;) {
    const before = tokens[i - 1]?.t ?? "";
    let best = { end: -1, key: "" };
    if (before !== "_" && before !== "^" && !TAKES_ARGUMENT.test(before)) {
      for (const pattern of patterns) {
        if (pattern.wholeOnly || taken.has(pattern.key)) continue;
        const end = matchAt(tokens, i, pattern.tokens);
        if (end > best.end) best = { end, key: pattern.key };
      }
    }
    if (best.end < 0) {
      i++;
      continue;
    }
    const first = tokens[i];
    const last = tokens[best.end - 1];
    if (first && last) found.push({ key: best.key, start: first.start, end: last.end, whole: false });
    taken.add(best.key);
    i = best.end;
  }
  return found;
}

/** The formula with each symbol wrapped in KaTeX's \htmlData marker. @param {string} source @param {MathMatch[]} matches */
export function markSymbols(source, matches) {
  let out = source;
  for (const match of [...matches].sort((a, b) => b.start - a.start)) {
    out = `${out.slice(0, match.start)}\\htmlData{notation=${match.key}}{${out.slice(match.start, match.end)}}${out.slice(match.end)}`;
  }
  return out;
}

const MARKER = "\\htmlData{notation=";

/**
 * The formula as its author wrote it: markSymbols undone. KaTeX keeps the marked TeX as the MathML's
 * <annotation>, which search indexes and the plain fallback shows, so the markers come out there.
 * @param {string} tex
 */
export function unmarkSymbols(tex) {
  let out = tex;
  for (let at = out.indexOf(MARKER); at >= 0; at = out.indexOf(MARKER, at)) {
    const open = out.indexOf("}{", at) + 2;
    let depth = 1;
    let end = open;
    for (; end < out.length && depth > 0; end++) {
      if (out[end] === "\\") end++;
      else if (out[end] === "{") depth++;
      else if (out[end] === "}") depth--;
    }
    // A marker's body is balanced TeX; an unclosed one is left as it is.
    if (depth > 0) break;
    out = `${out.slice(0, at)}${out.slice(open, end - 1)}${out.slice(end)}`;
  }
  return out;
}

const escapeRegExp = (/** @type {string} */ text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * The book's terms as one regular expression per entry in scope: a term matches as a whole word,
 * plural allowed, not after a hyphen (log-likelihood is not the likelihood); a term with a capital
 * letter (ELBO, Gaussian) matches only as written, others in any case.
 * @param {readonly Entry[]} entries @param {string | undefined} chapter
 */
export function termPatterns(entries, chapter) {
  /** @param {string} term */
  const regex = (term) =>
    new RegExp(
      `(?<![\\p{L}\\p{N}-])${escapeRegExp(term).replace(/ /g, "\\s+")}s?(?![\\p{L}\\p{N}])`,
      /\p{Lu}/u.test(term) ? "gu" : "giu",
    );
  return entries
    .filter((entry) => inScope(entry, chapter))
    .flatMap((entry) => [
      ...(entry.terms ?? []).map((term) => ({ key: entry.key, regex: regex(term) })),
      // Phrases that hold a term but name something else ("aggregate posterior"): matched, never linked.
      ...(entry.notTerms ?? []).map((phrase) => ({ key: "", regex: regex(phrase) })),
    ]);
}

/**
 * The first term of each entry not in `skip` in a text, in order, without overlaps (the longer
 * term wins where two start together; a phrase of `notTerms` covers its words without a link).
 * @param {string} text @param {ReturnType<typeof termPatterns>} patterns @param {ReadonlySet<string>} skip
 * @returns {{ key: string; start: number; end: number }[]}
 */
export function findTerms(text, patterns, skip) {
  /** @type {{ key: string; start: number; end: number }[]} */
  const candidates = [];
  for (const pattern of patterns) {
    if (skip.has(pattern.key)) continue;
    for (const match of text.matchAll(pattern.regex)) {
      candidates.push({ key: pattern.key, start: match.index, end: match.index + match[0].length });
    }
  }
  candidates.sort((a, b) => a.start - b.start || b.end - a.end);
  const taken = new Set(skip);
  /** @type {{ key: string; start: number; end: number }[]} */
  const found = [];
  let from = 0;
  for (const candidate of candidates) {
    if (candidate.start < from || taken.has(candidate.key)) continue;
    if (candidate.key !== "") {
      found.push(candidate);
      taken.add(candidate.key);
    }
    from = candidate.end;
  }
  return found;
}

// Author tags whose contents are already a link or a number, and the folded parts of an exercise.
const SKIP_TAGS = new Set(["Term", "Sym", "Cite", "Num", "Solution", "InWords"]);
const SKIP_SLOTS = new Set(["hint", "solution", "answer"]);
const SKIP_TYPES = new Set(["heading", "link", "linkReference", "inlineCode", "code", "html", "definition"]);

/**
 * True for an mdast node whose text the build does not link: headings, links, code, and the
 * author tags and exercise parts above.
 * @param {any} node
 */
export function isSkipped(node) {
  if (SKIP_TYPES.has(node.type)) return true;
  if (node.type !== "mdxJsxFlowElement" && node.type !== "mdxJsxTextElement") return false;
  if (SKIP_TAGS.has(node.name)) return true;
  return (node.attributes ?? []).some(
    (/** @type {any} */ attribute) => attribute.name === "slot" && SKIP_SLOTS.has(String(attribute.value)),
  );
}

/** The chapter slug of a chapter file (content/chapters/03-kl-divergence.mdx → kl-divergence). @param {string | undefined} path */
export function chapterOf(path) {
  const match = /content\/chapters\/(?:\d+-)?([a-z0-9-]+)\.mdx?$/.exec((path ?? "").replaceAll("\\", "/"));
  return match?.[1];
}

/** The id of an entry's card source on a page, and of its meaning (the links' description). @param {string} key */
export const tipId = (key) => `notation-tip-${key}`;
/** @param {string} key */
export const meaningId = (key) => `notation-tip-${key}-meaning`;

/** @param {string} base @param {string} key */
const hrefOf = (base, key) => `${base}notation/#sym-${key}`;

/** @param {string} tex */
const inlineMath = (tex) => ({
  type: "inlineMath",
  value: tex,
  data: {
    hName: "code",
    hProperties: { className: ["language-math", "math-inline"] },
    hChildren: [{ type: "text", value: tex }],
  },
});

/** @param {any} node @param {string} value */
function setMathSource(node, value) {
  node.value = value;
  const children = node.data?.hChildren;
  if (Array.isArray(children)) {
    /** @param {any[]} list */
    const set = (list) => {
      for (const child of list) {
        if (child.type === "text") child.value = value;
        else if (Array.isArray(child.children)) set(child.children);
      }
    };
    set(children);
  }
}

/**
 * The remark step. Options: `notation`, the notation page's groups (src/data/notation.ts), and
 * `base`, the site's base path ending in "/".
 * @param {{ notation: readonly { entries: readonly Entry[] }[]; base?: string }} options
 */
export default function remarkNotationLinks(options) {
  const entries = options.notation.flatMap((group) => group.entries);
  const byKey = new Map(entries.map((entry) => [entry.key, entry]));
  const base = options.base ?? "/";
  /** @param {any} tree @param {any} file */
  return (tree, file) => {
    const chapter = chapterOf(file?.path);
    // Chapters only: other pages (the reading guide) mark what they show by hand.
    if (chapter === undefined) return;
    const symbols = mathPatterns(entries, chapter);
    const terms = termPatterns(entries, chapter);
    /** @type {Set<string>} */
    let linked = new Set();
    /** @type {Set<string>} */
    const used = new Set();
    /** @param {string} key @param {any[]} children @param {boolean} whole */
    const link = (key, children, whole) => {
      linked.add(key);
      used.add(key);
      return {
        type: "link",
        url: hrefOf(base, key),
        children,
        data: {
          hProperties: {
            className: ["term"],
            dataTip: tipId(key),
            ariaDescribedBy: meaningId(key),
            ...(whole ? { dataNotationWhole: key } : {}),
          },
        },
      };
    };

    /** @param {any} node */
    const visit = (node) => {
      if (!Array.isArray(node.children)) return;
      for (let index = 0; index < node.children.length; index++) {
        const child = node.children[index];
        if (node.type === "root" && child.type === "heading" && child.depth <= 2) linked = new Set();
        if (
          (child.type === "mdxJsxTextElement" || child.type === "mdxJsxFlowElement") &&
          /^(Term|Sym)$/.test(child.name)
        ) {
          const key = (child.attributes ?? []).find((/** @type {any} */ a) => a.name === "k")?.value;
          if (typeof key === "string") linked.add(key);
        }
        if (isSkipped(child)) continue;
        if (child.type === "inlineMath" || child.type === "math") {
          const matches = findMathSymbols(child.value, symbols, linked, child.type === "inlineMath");
          const whole = matches[0]?.whole ? matches[0] : undefined;
          if (whole) {
            node.children[index] = link(whole.key, [child], true);
            continue;
          }
          const inside = matches.filter((match) => !match.whole);
          for (const match of inside) {
            linked.add(match.key);
            used.add(match.key);
          }
          if (inside.length > 0) setMathSource(child, markSymbols(child.value, inside));
          continue;
        }
        if (child.type === "text") {
          const found = findTerms(child.value, terms, linked);
          if (found.length === 0) continue;
          /** @type {any[]} */
          const parts = [];
          let from = 0;
          for (const term of found) {
            if (term.start > from) parts.push({ type: "text", value: child.value.slice(from, term.start) });
            parts.push(link(term.key, [{ type: "text", value: child.value.slice(term.start, term.end) }], false));
            from = term.end;
          }
          if (from < child.value.length) parts.push({ type: "text", value: child.value.slice(from) });
          node.children.splice(index, 1, ...parts);
          index += parts.length - 1;
          continue;
        }
        visit(child);
      }
    };
    visit(tree);
    if (used.size === 0) return;

    // One card source per entry on the page: the symbol and its meaning, hidden; the card shows a copy.
    const sources = [...used].map((key) => {
      const entry = byKey.get(key);
      return {
        type: "notationTip",
        data: {
          hName: "span",
          hProperties: { id: tipId(key), className: ["tip-source"], hidden: true },
        },
        children: [
          {
            type: "notationTipSymbol",
            data: { hName: "span", hProperties: { className: ["tip-symbol"] } },
            children: [inlineMath(entry?.tex ?? "")],
          },
          { type: "text", value: " " },
          {
            type: "notationTipMeaning",
            data: { hName: "span", hProperties: { id: meaningId(key) } },
            children: [{ type: "text", value: entry?.meaning ?? "" }],
          },
        ],
      };
    });
    tree.children.push({
      type: "notationTips",
      data: { hName: "div", hProperties: { className: ["notation-tips"], hidden: true, dataPagefindIgnore: true } },
      children: sources,
    });
  };
}

/** @param {any} node @returns {string} */
const textOf = (node) =>
  node.type === "text" ? node.value : Array.isArray(node.children) ? node.children.map(textOf).join("") : "";

/** @param {any} node @param {string} name */
const hasClass = (node, name) => node.type === "element" && [node.properties?.className ?? []].flat().includes(name);

/** @param {any} node @param {(node: any) => boolean} test @returns {boolean} */
const contains = (node, test) =>
  test(node) || (Array.isArray(node.children) && node.children.some((child) => contains(child, test)));

/** @param {any} node @param {string} name @returns {any} */
const findByClass = (node, name) => {
  if (hasClass(node, name)) return node;
  for (const child of node.children ?? []) {
    const found = findByClass(child, name);
    if (found) return found;
  }
  return undefined;
};

/** The spoken text of KaTeX's MathML under a node, without the TeX annotation. @param {any} node */
const spokenMathOf = (node) => {
  const mathml = findByClass(node, "katex-mathml");
  /** @param {any} n @returns {string} */
  const text = (n) =>
    n.type === "element" && n.tagName === "annotation"
      ? ""
      : n.type === "text"
        ? n.value
        : (n.children ?? []).map(text).join("");
  return mathml ? text(mathml).replace(/\s+/g, "") : undefined;
};

const isNotationLink = (/** @type {any} */ node) =>
  node.type === "element" && node.tagName === "a" && node.properties?.dataTip;

/**
 * Hides from screen readers, below `node`, everything but the notation links: KaTeX's HTML copy of a
 * formula is aria-hidden (the MathML is what is spoken), and a focusable link must not be.
 * @param {any} node
 */
function hideAllButLinks(node) {
  delete node.properties.ariaHidden;
  node.children = node.children.map((/** @type {any} */ child) => {
    if (isNotationLink(child)) return child;
    if (child.type === "element") {
      if (contains(child, isNotationLink)) hideAllButLinks(child);
      else child.properties = { ...child.properties, ariaHidden: "true" };
      return child;
    }
    if (child.type === "text" && child.value.trim() !== "") {
      return { type: "element", tagName: "span", properties: { ariaHidden: "true" }, children: [child] };
    }
    return child;
  });
}

/**
 * The rehype step, after rehype-katex: turns each symbol KaTeX marked (<span data-notation>) into
 * a link named by its text, and names the links around whole formulas by their MathML text.
 * Option: `base`, the site's base path ending in "/".
 * @param {{ base?: string }} [options]
 */
export function rehypeNotationLinks(options = {}) {
  const base = options.base ?? "/";
  /** @param {any} tree */
  return (tree) => {
    /** @param {any} node @param {any} katexHtml */
    const visit = (node, katexHtml) => {
      // Into MDX's component elements too (<Note>, <Exercise>): their children are the chapter's text.
      if (!Array.isArray(node.children)) return;
      if (node.type === "element") {
        if (node.tagName === "annotation") {
          // Search excerpts and copied formulas read this TeX: the book's macros written out, as a reader can paste it.
          for (const child of node.children)
            if (child.type === "text") child.value = expandMacros(unmarkSymbols(child.value));
          return;
        }
        const key = node.properties?.dataNotation;
        if (typeof key === "string" && katexHtml) {
          const name = textOf(node).replace(/[\s\u200b]+/g, "");
          node.tagName = "a";
          node.properties = {
            className: [...[node.properties.className ?? []].flat(), "term", "term-in-math"],
            href: hrefOf(base, key),
            dataTip: tipId(key),
            ariaDescribedBy: meaningId(key),
            ariaLabel: name,
          };
          for (const child of node.children)
            if (child.type === "element") child.properties = { ...child.properties, ariaHidden: "true" };
          katexHtml.notationLinks = true;
          return;
        }
        if (node.properties?.dataNotationWhole !== undefined) {
          delete node.properties.dataNotationWhole;
          const name = spokenMathOf(node);
          if (name) node.properties.ariaLabel = name;
        }
      }
      const inside = hasClass(node, "katex-html") ? node : katexHtml;
      for (const child of node.children ?? []) visit(child, inside);
      if (node === inside && node !== katexHtml && node.notationLinks) {
        delete node.notationLinks;
        hideAllButLinks(node);
      }
    };
    visit(tree, undefined);
  };
}
