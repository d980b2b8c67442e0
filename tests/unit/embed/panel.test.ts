import { describe, expect, it } from "vitest";
import { escapeAttribute, hostScriptUrl, iframeSnippet, SNIPPET_THEME, withDisplay } from "../../../src/embed/panel";

const link = "https://example.org/book/embed/kl-discrete/?p=0.36,0.48,0.16&q=1,1,1";

describe("iframeSnippet", () => {
  it("writes a titled, lazy, 800×500 frame allowed to copy with the URL escaped for an attribute", () => {
    const snippet = iframeSnippet(link, { title: 'KL "discrete"' });
    expect(snippet).toBe(
      '<iframe src="https://example.org/book/embed/kl-discrete/?p=0.36,0.48,0.16&amp;q=1,1,1" title="KL &quot;discrete&quot;" width="800" height="500" allow="clipboard-write" loading="lazy" style="border:0;max-width:100%"></iframe>',
    );
  });

  it("asks for a slide's 1280×720 with the projector theme, whose large type needs it", () => {
    expect(iframeSnippet(withDisplay(link, "projector", false), { title: "t" })).toContain('width="1280" height="720"');
    expect(iframeSnippet(withDisplay(link, "dark", false), { title: "t" })).toContain('width="800" height="500"');
  });

  it("adds the host script only when asked", () => {
    const host = hostScriptUrl("https://example.org");
    expect(host).toBe("https://example.org/embed-host.js");
    const snippet = iframeSnippet(link, { title: "t", hostScript: host });
    expect(snippet.split("\n")).toHaveLength(2);
    expect(snippet).toMatch(/\n<script src="https:\/\/example\.org\/embed-host\.js" async><\/script>$/);
  });
});

describe("escapeAttribute", () => {
  it("escapes what could end or break an attribute", () => {
    expect(escapeAttribute(`a&b"c<d>e`)).toBe("a&amp;b&quot;c&lt;d&gt;e");
  });
});

describe("withDisplay", () => {
  it("adds theme and controls=0, keeping the state", () => {
    const url = new URL(withDisplay(link, "projector", false));
    expect(url.searchParams.get("theme")).toBe("projector");
    expect(url.searchParams.get("controls")).toBe("0");
    expect(url.searchParams.get("p")).toBe("0.36,0.48,0.16");
  });

  it("writes commas plainly, as the examples do", () => {
    expect(withDisplay(link, "dark", true)).toBe(`${link}&theme=dark`);
    expect(withDisplay("https://example.org/e/?p=1%2C2%2C3", "", true)).toBe("https://example.org/e/?p=1,2,3");
  });

  it("adds nothing for the defaults and drops display parameters that were there", () => {
    const plain = new URL(link).searchParams.toString();
    expect(new URL(withDisplay(link, "", true)).searchParams.toString()).toBe(plain);
    const cleared = withDisplay(`${link}&theme=dark&controls=0`, "", true);
    expect(new URL(cleared).searchParams.toString()).toBe(plain);
  });

  it("writes the display parameters after the widget's own, wherever the address had them", () => {
    expect(withDisplay("https://example.org/e/?theme=dark&controls=0&p=1,2,3", "projector", false)).toBe(
      "https://example.org/e/?p=1,2,3&theme=projector&controls=0",
    );
  });

  it("gives a snippet the light theme by default, and the reader's setting only when asked", () => {
    // A frame cannot take its host page's scheme: without a theme a reader in dark mode gets a dark frame.
    expect(SNIPPET_THEME).toBe("light");
    expect(iframeSnippet(withDisplay(link, SNIPPET_THEME, true), { title: "t" })).toContain(
      'src="https://example.org/book/embed/kl-discrete/?p=0.36,0.48,0.16&amp;q=1,1,1&amp;theme=light"',
    );
    expect(iframeSnippet(withDisplay(`${link}&theme=light`, "", true), { title: "t" })).not.toContain("theme=");
  });

  it("ignores a theme that does not exist", () => {
    expect(new URL(withDisplay(link, "neon", true)).searchParams.has("theme")).toBe(false);
  });
});
