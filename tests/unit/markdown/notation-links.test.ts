import { describe, expect, it } from "vitest";
import { unified } from "unified";
import remarkParse from "remark-parse";
import remarkMath from "remark-math";
import remarkRehype from "remark-rehype";
import rehypeKatex from "rehype-katex";
import rehypeStringify from "rehype-stringify";
import remarkNotationLinks, {
  findMathSymbols,
  markSymbols,
  mathPatterns,
  rehypeNotationLinks,
  texTokens,
  trustNotationMarkers,
  unmarkSymbols,
} from "../../../src/markdown/notation-links.mjs";
import { macros } from "../../../src/math/macros.mjs";

const notation = [
  {
    entries: [
      {
        key: "kl",
        tex: "\\KL(P \\,\\Vert\\, Q)",
        meaning: "Kullback–Leibler divergence",
        terms: ["KL divergence"],
        match: ["\\KL"],
      },
      { key: "q", tex: "q_\\phi(z \\mid x)", meaning: "the approximate posterior", terms: ["approximate posterior"] },
      {
        key: "posterior",
        tex: "p(z \\mid x)",
        meaning: "the true posterior",
        terms: ["posterior"],
        notTerms: ["aggregate posterior"],
      },
      { key: "phi", tex: "\\phi", meaning: "encoder parameters" },
      { key: "det", tex: "\\lvert \\Sigma \\rvert", meaning: "determinant", match: ["\\lvert # \\rvert"] },
      { key: "s", tex: "s", meaning: "noise scale", chapters: ["elbo"] },
    ],
  },
];

const pipeline = () =>
  unified()
    .use(remarkParse)
    .use(remarkMath)
    .use(remarkNotationLinks, { notation, base: "/book/" })
    .use(remarkRehype)
    .use(rehypeKatex, { macros, output: "htmlAndMathml", strict: "ignore", trust: trustNotationMarkers })
    .use(rehypeNotationLinks, { base: "/book/" });

/** Markdown through the book's pipeline (as astro.config.mjs orders it) to HTML. */
async function render(markdown: string, path = "content/chapters/04-elbo.mdx"): Promise<string> {
  return String(await pipeline().use(rehypeStringify).process({ value: markdown, path }));
}

type Hast = { type: string; properties?: Record<string, unknown>; children?: Hast[] };

/** For each notation link in the HTML tree, whether it or an ancestor is hidden from screen readers. */
async function linksHidden(markdown: string): Promise<boolean[]> {
  const processor = pipeline();
  const tree = (await processor.run(processor.parse(markdown), { path: "content/chapters/04-elbo.mdx" })) as Hast;
  const out: boolean[] = [];
  const walk = (node: Hast, hidden: boolean) => {
    const here = hidden || node.properties?.ariaHidden === "true";
    if (node.properties?.dataTip) out.push(here);
    node.children?.forEach((child) => walk(child, here));
  };
  walk(tree, false);
  return out;
}

const links = (html: string) => [...html.matchAll(/<a [^>]*href="\/book\/notation\/#sym-([a-z-]+)"[^>]*>/g)];

describe("texTokens", () => {
  it("reads TeX as the reader sees it: no spacing, one bar, no braces around one token", () => {
    const tokens = (tex: string) => texTokens(tex).map((token) => token.t);
    expect(tokens("q_{\\phi}(z \\given x)")).toEqual(tokens("q_\\phi\\left(z \\mid x\\right)"));
    expect(tokens("q_{\\phi}(z \\given x)")).toEqual(["q", "_", "\\phi", "(", "z", "|", "x", ")"]);
  });

  it("keeps each token's place in the source, a dropped brace pair included", () => {
    const [, , phi] = texTokens("q_{\\phi}");
    expect(phi).toEqual({ t: "\\phi", start: 2, end: 8 });
  });
});

describe("findMathSymbols", () => {
  const patterns = mathPatterns(notation[0]!.entries, "elbo");

  it("finds symbols inside a formula, each once, and not as a subscript", () => {
    const source = "\\KL(q_{\\phi}(z \\given x) \\Vert p) + \\KL(p \\Vert q) + r_\\phi";
    const found = findMathSymbols(source, patterns, new Set());
    expect(found.map((match) => [match.key, source.slice(match.start, match.end)])).toEqual([
      ["kl", "\\KL"],
      ["q", "q_{\\phi}(z \\given x)"],
    ]);
  });

  it("finds a one-letter symbol only as a formula of its own, and a wildcard's atom with its scripts", () => {
    expect(findMathSymbols("\\phi", patterns, new Set())).toEqual([{ key: "phi", start: 0, end: 4, whole: true }]);
    expect(findMathSymbols("\\phi + s", patterns, new Set())).toEqual([]);
    const source = "\\log \\lvert \\Sigma_{1} \\rvert";
    const [det] = findMathSymbols(source, patterns, new Set());
    expect(source.slice(det!.start, det!.end)).toBe("\\lvert \\Sigma_{1} \\rvert");
  });

  it("takes its markers out again, whatever braces the marked TeX holds", () => {
    const source = "\\KL(q_{\\phi} \\Vert \\{p\\}) + \\frac{1}{2}";
    const matches = [
      { key: "kl", start: 0, end: 3, whole: false },
      { key: "q", start: 4, end: 12, whole: false },
      { key: "set", start: 19, end: 24, whole: false },
    ];
    expect(markSymbols(source, matches)).toContain("\\htmlData{notation=set}{\\{p\\}}");
    expect(unmarkSymbols(markSymbols(source, matches))).toBe(source);
  });

  it("leaves symbols alone outside the chapters where they have their meaning", () => {
    expect(findMathSymbols("s", mathPatterns(notation[0]!.entries, "elbo"), new Set())).toHaveLength(1);
    expect(findMathSymbols("s", mathPatterns(notation[0]!.entries, "probability"), new Set())).toEqual([]);
  });
});

describe("notation links through the pipeline", () => {
  it("links a symbol inside a formula without touching its MathML or its TeX annotation", async () => {
    const plain = await render("Text $\\KL(p \\Vert q)$.", "content/chapters/01-x.mdx");
    const html = await render("Text $\\KL(p \\Vert q)$.");
    const [link] = links(html);
    expect(link?.[1]).toBe("kl");
    expect(link?.[0]).toContain('aria-describedby="notation-tip-kl-meaning"');
    expect(link?.[0]).toContain('aria-label="DKL"');
    // The annotation (which search indexes) is the TeX as written, without the build's markers, its macros in standard TeX.
    const mathml = (text: string) => /<math[\s\S]*?<\/math>/.exec(text)?.[0];
    expect(mathml(html)).toBe(mathml(plain));
    expect(mathml(html)).toContain('<annotation encoding="application/x-tex">D_{\\text{KL}}(p \\Vert q)</annotation>');
    // KaTeX's HTML copy stays hidden from screen readers, all but the link, which must not be.
    expect(await linksHidden("Text $\\KL(p \\Vert q) + \\lvert A \\rvert$.")).toEqual([false, false]);
    expect(html).toMatch(/<span class="katex-html"><span class="base"><span class="strut" [^>]*aria-hidden="true"/);
  });

  it("links in chapters only: other pages mark what they show by hand", async () => {
    expect(links(await render("The $\\KL(p \\Vert q)$.", "src/pages/reading.mdx"))).toEqual([]);
  });

  it("links inside MDX components, whose children are the chapter's text", async () => {
    const tree = {
      type: "root",
      children: [
        {
          type: "mdxJsxFlowElement",
          name: "Note",
          children: [
            { type: "element", tagName: "a", properties: { dataTip: "t", dataNotationWhole: "phi" }, children: [] },
          ],
        },
      ],
    };
    rehypeNotationLinks()(tree);
    expect(tree.children[0]?.children[0]?.properties).toEqual({ dataTip: "t" });
  });

  it("links a formula that is the symbol alone as a whole, named by its MathML", async () => {
    const html = await render("The parameters $\\phi$ of the encoder.");
    expect(links(html).map((link) => link[1])).toEqual(["phi"]);
    expect(links(html)[0]?.[0]).toContain('aria-label="ϕ"');
  });

  it("links a term in the prose once per section, not in headings, links or code", async () => {
    const html = await render(
      [
        "## The KL divergence",
        "",
        "A [KL divergence](https://example.org) and `KL divergence` are not linked; the KL divergence is, once:",
        "KL divergences again.",
        "",
        "## Next",
        "",
        "The KL divergence again.",
      ].join("\n"),
    );
    expect(links(html).map((link) => link[1])).toEqual(["kl", "kl"]);
    expect(html).toContain("<h2>The KL divergence</h2>");
    expect(html).toContain('href="https://example.org">KL divergence</a>');
    expect(html).toContain("<code>KL divergence</code>");
    expect(html).toMatch(/the <a [^>]*>KL divergence<\/a> is, once/);
  });

  it("leaves a phrase that names something else, and takes the longer term where two overlap", async () => {
    const html = await render("The aggregate posterior is not the posterior; the approximate posterior is q.");
    expect(links(html).map((link) => link[1])).toEqual(["posterior", "q"]);
    expect(html).toMatch(
      /The aggregate posterior is not the <a [^>]*>posterior<\/a>; the <a [^>]*>approximate posterior<\/a>/,
    );
  });

  it("counts a symbol and its term as one entry, and writes one card source per entry", async () => {
    const html = await render(
      "The approximate posterior $q_\\phi(z \\mid x)$ and $\\KL(q \\Vert p)$, a KL divergence.",
    );
    expect(links(html).map((link) => link[1])).toEqual(["q", "kl"]);
    expect(html.match(/id="notation-tip-q"/g)).toHaveLength(1);
    expect(html).toContain('<span id="notation-tip-q-meaning">the approximate posterior</span>');
  });
});
