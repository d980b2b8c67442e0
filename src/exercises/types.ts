/**
 * The interface of an exercise generator: a seed in, one instance of the exercise out (question,
 * worked solution, answer, the answers common mistakes give). `<Exercise generator="id">`
 * (src/components/Exercise.astro) shows the default seed's instance at build time and a fresh one
 * when the reader presses New numbers; the seed is kept in the URL fragment.
 */

/** A predictable wrong answer and the slip that gives it. */
export interface ExerciseMistake {
  /** The number the slip gives, in the answer's units. */
  readonly value: number;
  /** One sentence naming the mistake, e.g. "That is KL(Q ‖ P): the divergence taken the other way round." */
  readonly slip: string;
}

/** One instance of an exercise, for one seed. */
export interface ExerciseInstance {
  /** The book's markup: prose with $…$ inline and $$…$$ display math (KaTeX with src/math/macros.mjs); a blank line starts a paragraph. */
  readonly question: string;
  /** Same markup; the worked solution with these numbers (the printed answer is added after it). */
  readonly solution: string;
  /** The exact answer, finite. */
  readonly answer: number;
  /** Absolute; follows from how the answer is to be rounded (half a unit in the last printed place). */
  readonly tolerance: number;
  /** The printed answer; the checker must accept it (src/components/exercise-check.ts, printedAnswerAccepted). */
  readonly answerText: string;
  /** A word after the answer box, e.g. "nats". */
  readonly unit?: string;
  /** Wrong answers common slips give; each lies farther than `tolerance` from `answer`. */
  readonly mistakes: readonly ExerciseMistake[];
}

/** An exercise whose numbers vary with a seed. */
export interface ExerciseGenerator {
  /** Globally unique slug (lower-case letters, digits and hyphens); also the exercise's default id. */
  readonly id: string;
  /** The seed whose numbers are shown without JavaScript and in print. */
  readonly defaultSeed: number;
  /** Pure and deterministic; randomness only from src/lib/random.ts's seeded source; answers computed with src/lib. */
  generate(seed: number): ExerciseInstance;
}
