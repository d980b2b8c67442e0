import { describe, expect, it } from "vitest";
import {
  enumParam,
  flagParam,
  numberParam,
  parseFiniteNumber,
  parseParams,
  samplesParam,
  seedParam,
  toQuery,
  vectorParam,
} from "../../../src/lib/params";

describe("parseFiniteNumber", () => {
  it("reads plain decimals and exponents", () => {
    expect(parseFiniteNumber("0.25")).toBe(0.25);
    expect(parseFiniteNumber(" -3 ")).toBe(-3);
    expect(parseFiniteNumber("1e-3")).toBe(0.001);
    expect(parseFiniteNumber(".5")).toBe(0.5);
  });

  it("refuses what is not a finite decimal", () => {
    for (const raw of ["", " ", "abc", "NaN", "Infinity", "-Infinity", "0x10", "1e999", "1,5", "1..2", "--1"]) {
      expect(parseFiniteNumber(raw), raw).toBeUndefined();
    }
  });
});

describe("parameters", () => {
  const scale = numberParam({ fallback: 1, min: 0, exclusiveMin: true, description: "a scale" });
  const faces = vectorParam({ fallback: [1, 1], minLength: 2, maxLength: 4, min: 0, description: "weights" });

  it("checks ranges without clamping", () => {
    expect(scale.parse("2")).toEqual({ ok: true, value: 2 });
    const zero = scale.parse("0");
    expect(zero.ok).toBe(false);
    if (!zero.ok) expect(zero.message).toMatch(/greater than 0/);
    expect(numberParam({ fallback: 1, integer: true, description: "" }).parse("1.5").ok).toBe(false);
  });

  it("checks vector lengths and entries, naming the entry", () => {
    expect(faces.parse("1,2,3")).toEqual({ ok: true, value: [1, 2, 3] });
    const short = faces.parse("1");
    expect(!short.ok && short.message).toMatch(/2 to 4 .* got 1 entry/);
    const negative = faces.parse("1,-2");
    expect(!negative.ok && negative.message).toMatch(/entry 2 is "-2"/);
    const empty = faces.parse("");
    expect(!empty.ok && empty.message).toMatch(/empty/);
  });

  it("reads enums, flags, samples and seeds", () => {
    const unit = enumParam({ fallback: "nats", values: ["nats", "bits"] as const, description: "" });
    expect(unit.parse("bits")).toEqual({ ok: true, value: "bits" });
    expect(unit.parse("BITS").ok).toBe(false);
    const flag = flagParam({ fallback: false, description: "" });
    expect(flag.parse("1")).toEqual({ ok: true, value: true });
    expect(flag.parse("yes").ok).toBe(false);
    expect(samplesParam(1000).parse("1000000").ok).toBe(true);
    expect(samplesParam(1000).parse("1000001").ok).toBe(false);
    expect(samplesParam(1000).parse("0").ok).toBe(false);
    expect(seedParam().parse("-7")).toEqual({ ok: true, value: -7 });
    expect(seedParam().parse("1.5").ok).toBe(false);
  });

  it("parses a whole state: defaults for absent, unknown ignored, every error named", () => {
    const specs = { scale, faces };
    expect(parseParams(specs, { other: "x" })).toEqual({ ok: true, value: { scale: 1, faces: [1, 1] } });
    const bad = parseParams(specs, { scale: "-1" });
    expect(!bad.ok && bad.message).toMatch(/^scale: expected a number greater than 0, got "-1"\.$/);
    const both = parseParams(specs, { scale: "-1", faces: "x" });
    expect(both.ok).toBe(false);
    if (both.ok) return;
    expect(both.problems?.map((problem) => problem.split(":")[0])).toEqual(["scale", "faces"]);
    expect(both.message).toBe(both.problems?.join(" "));
  });

  it("writes only what differs from the defaults into a permalink", () => {
    expect(toQuery({ scale, faces }, { scale: "1", faces: "2,2", other: "x" }).toString()).toBe("faces=2%2C2");
  });
});
