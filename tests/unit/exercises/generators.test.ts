// What every registered generator must keep, over many seeds (src/exercises/types.ts): finite answers,
// a printed answer the checker accepts, slips that differ from the answer, the same instance for the
// same seed, and markup that KaTeX renders.
import { describe, expect, it } from "vitest";
import { judge, printedAnswerAccepted } from "../../../src/components/exercise-check";
import { renderExerciseMarkup } from "../../../src/exercises/markup";
import { generatorFor, generators } from "../../../src/exercises/registry";

const SEEDS = Array.from({ length: 200 }, (_, seed) => seed);
// KaTeX rendering costs ~50× a generation: the first 40 seeds cover every branch the markup takes
// (the unit tests per chapter read the numbers of all 150+ seeds back from the text).
const RENDERED_SEEDS = SEEDS.slice(0, 40);

describe("the generator registry", () => {
  it("has unique slugs and names the known ids for an unknown one", () => {
    const ids = generators.map((generator) => generator.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(() => generatorFor("no-such-exercise")).toThrow(/known: .*kl-discrete-by-hand/);
  });
});

describe.each(generators.map((generator) => [generator.id, generator] as const))("generator %s", (_, generator) => {
  it("gives a finite answer, an accepted printed answer and distinct slips for every seed", () => {
    for (const seed of [generator.defaultSeed, ...SEEDS]) {
      const instance = generator.generate(seed);
      const where = `${generator.id} seed ${seed}`;
      expect(Number.isFinite(instance.answer), where).toBe(true);
      expect(instance.tolerance > 0 && Number.isFinite(instance.tolerance), where).toBe(true);
      expect(printedAnswerAccepted(instance.answerText, instance.answer, instance.tolerance), where).toBe(true);
      expect(`${instance.question}${instance.solution}`, where).not.toMatch(/NaN|undefined|Infinity/);
      for (const mistake of instance.mistakes) {
        expect(Number.isFinite(mistake.value), `${where}: ${mistake.slip}`).toBe(true);
        expect(Math.abs(mistake.value - instance.answer), `${where}: ${mistake.slip}`).toBeGreaterThan(
          instance.tolerance,
        );
        // The slip is what a reader types: the checker must not accept it.
        expect(judge(String(mistake.value), instance.answer, instance.tolerance), where).toBe("wrong");
        expect(mistake.slip, where).toMatch(/^[A-Z].*[.!?]$/);
      }
    }
  });

  it("is deterministic: one seed, one instance", () => {
    for (const seed of SEEDS.slice(0, 20)) expect(generator.generate(seed)).toEqual(generator.generate(seed));
    const questions = new Set(SEEDS.slice(0, 20).map((seed) => generator.generate(seed).question));
    expect(questions.size, "different seeds give different numbers").toBeGreaterThan(1);
  });

  it("writes markup KaTeX renders", () => {
    for (const seed of [generator.defaultSeed, ...RENDERED_SEEDS]) {
      const instance = generator.generate(seed);
      expect(() => renderExerciseMarkup(instance.question), `${generator.id} seed ${seed} question`).not.toThrow();
      expect(() => renderExerciseMarkup(instance.solution), `${generator.id} seed ${seed} solution`).not.toThrow();
    }
  });
});
