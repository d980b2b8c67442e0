import { describe, expect, it } from "vitest";
import { displayParamProblems, MESSAGE_TYPES } from "../../../src/embed/protocol";

describe("displayParamProblems", () => {
  it("accepts the documented values and their absence", () => {
    for (const query of ["", "theme=light", "theme=dark", "theme=projector&controls=0", "controls=1", "colour=red"]) {
      expect(displayParamProblems(new URLSearchParams(query)), query).toEqual([]);
    }
  });

  it("names each bad parameter and what it expects", () => {
    const problems = displayParamProblems(new URLSearchParams("theme=neon&controls=no"));
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^theme: expected one of "light", "dark", "projector", got "neon"/);
    expect(problems[1]).toMatch(/^controls: expected 0 or 1, got "no"/);
  });

  it("shortens a very long bad value", () => {
    const [problem] = displayParamProblems(new URLSearchParams(`theme=${"x".repeat(500)}`));
    expect(problem?.length).toBeLessThan(150);
  });
});

describe("message types", () => {
  it("are namespaced so hosts can tell them from other frames' messages", () => {
    for (const type of Object.values(MESSAGE_TYPES)) expect(type).toMatch(/^vae-widget:[a-z-]+$/);
  });
});
