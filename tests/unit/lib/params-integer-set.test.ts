import { describe, expect, it } from "vitest";
import { integerSetParam } from "../../../src/lib/params";

const faces = integerSetParam({ fallback: [3], description: "faces", min: 1, max: 6, minSize: 1 });
const maybeEmpty = integerSetParam({ fallback: [], description: "faces", min: 1, max: 6, minSize: 0 });

describe("integerSetParam", () => {
  it("reads distinct integers in any order, with spaces", () => {
    expect(faces.parse("1, 3,5")).toEqual({ ok: true, value: [1, 3, 5] });
    expect(faces.parse("6,2")).toEqual({ ok: true, value: [6, 2] });
    expect(faces.fallback).toBe("3");
  });

  it("reads an empty value as the empty set only when allowed", () => {
    expect(maybeEmpty.parse("")).toEqual({ ok: true, value: [] });
    const result = faces.parse("");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain("empty");
  });

  it("names what is wrong: out of range, not an integer, not a number, repeated", () => {
    for (const [raw, fragment] of [
      ["7", '"7" is not an integer from 1 to 6'],
      ["0,1", '"0"'],
      ["2.5", '"2.5"'],
      ["three", '"three"'],
      ["1,,2", '""'],
      ["3,3", "3 is listed twice"],
    ] as const) {
      const result = faces.parse(raw);
      expect(result.ok, raw).toBe(false);
      if (!result.ok) expect(result.message).toContain(fragment);
    }
  });
});
