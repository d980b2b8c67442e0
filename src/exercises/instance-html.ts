/**
 * One generated instance as the page shows it: the generator's numbers with its markup rendered to
 * HTML. Loaded by the browser (with KaTeX) only when a reader first asks for new numbers, or opens a
 * link with a seed.
 */
import { renderExerciseMarkup } from "./markup";
import { generatorFor } from "./registry";
import type { ExerciseInstance } from "./types";

export interface RenderedInstance extends ExerciseInstance {
  readonly questionHtml: string;
  readonly solutionHtml: string;
}

/** The instance of generator `id` for `seed`, rendered; throws on an unknown id. */
export function renderedInstance(id: string, seed: number): RenderedInstance {
  const instance = generatorFor(id).generate(seed);
  return {
    ...instance,
    questionHtml: renderExerciseMarkup(instance.question),
    solutionHtml: renderExerciseMarkup(instance.solution),
  };
}
