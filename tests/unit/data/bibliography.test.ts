import { describe, expect, it } from "vitest";
import { bibEntry, bibliography, citedKeys, referenceText, resolveReferences } from "../../../src/data/bibliography";
import { notation, notationEntry } from "../../../src/data/notation";

describe("bibliography", () => {
  it("has each key once, and the works the book is built on", () => {
    const keys = bibliography.map((entry) => entry.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of ["kingma2013", "vincent2008", "kullback1951", "bishop2006", "weng2018"]) {
      expect(keys).toContain(key);
    }
    for (const entry of bibliography) expect(entry.key).toMatch(/^[a-z0-9-]+$/);
  });

  it("writes a reference as authors (year). title. venue.", () => {
    expect(referenceText(bibEntry("kullback1951"))).toBe(
      "Solomon Kullback and Richard A. Leibler (1951). On Information and Sufficiency. The Annals of Mathematical Statistics 22(1), 79–86.",
    );
  });

  it("fails on an unknown key and names the known ones", () => {
    expect(() => bibEntry("nobody1900")).toThrow(/Unknown citation key "nobody1900".*kingma2013/);
  });

  it("finds the keys cited in an MDX body, once each, in order, groups included", () => {
    const body =
      'As <Cite k="kingma2013" /> and <Cite at="§2" k="bishop2006">Bishop</Cite> show, <Cite k="kingma2013 rezende2014"/>.';
    expect(citedKeys(body)).toEqual(["kingma2013", "bishop2006", "rezende2014"]);
    expect(citedKeys('No citations, only <Term k="phi">φ</Term>.')).toEqual([]);
  });

  it("refuses citations side by side, which read as two parentheticals", () => {
    expect(() => citedKeys('VAE <Cite k="kingma2013" /><Cite k="rezende2014" />.')).toThrow(/k="key1 key2"/);
    expect(() => citedKeys('VAE <Cite k="kingma2013" at="§2" /> <Cite k="rezende2014" />.')).toThrow(/side by side/);
    expect(() => citedKeys('<Cite k="weng2018" bare>Weng</Cite>\n<Cite k="kingma2013" />')).toThrow(/side by side/);
    expect(citedKeys('<Cite k="kingma2013" /> and <Cite k="rezende2014" />')).toEqual(["kingma2013", "rezende2014"]);
  });

  it("resolves frontmatter keys and cited works into one list, each from the bibliography", () => {
    const list = resolveReferences(["weng2018", "vincent2008"], '<Cite k="kingma2013" />, then <Cite k="weng2018" />');
    expect(list.map((reference) => reference.key)).toEqual(["weng2018", "vincent2008", "kingma2013"]);
    expect(list[1]?.entry.title).toMatch(/Denoising Autoencoders/);
    expect(() => resolveReferences(["nobody1900"], "")).toThrow(/Unknown citation key/);
    expect(() => resolveReferences([], '<Cite k="nobody1900" />')).toThrow(/Unknown citation key/);
  });
});

describe("notation lookup", () => {
  it("finds every entry by its key and fails on an unknown one", () => {
    for (const entry of notation.flatMap((group) => group.entries)) expect(notationEntry(entry.key)).toBe(entry);
    expect(() => notationEntry("nope")).toThrow(/Unknown notation key "nope".*phi/);
  });
});
