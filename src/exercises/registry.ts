/**
 * Every exercise generator of the book, one import line per generator module
 * (src/exercises/<chapter>/<id>.ts). <Exercise generator="id"> looks its generator up here.
 */
import type { ExerciseGenerator } from "./types";
import { klDiscreteByHand } from "./kl-divergence/kl-discrete-by-hand";

export const generators: readonly ExerciseGenerator[] = [klDiscreteByHand];

const byId = new Map(generators.map((generator) => [generator.id, generator]));

/** The generator with this id; throws naming the known ids when there is none. */
export function generatorFor(id: string): ExerciseGenerator {
  const generator = byId.get(id);
  if (!generator)
    throw new Error(`No exercise generator "${id}"; known: ${[...byId.keys()].join(", ")} (src/exercises/registry.ts)`);
  return generator;
}
