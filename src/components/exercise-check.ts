/**
 * Checks the answers typed into <Exercise> forms. Readers may type a decimal ("0.333"), a fraction
 * ("1/3"), a percentage ("9.2 %", read as 0.092) or scientific notation ("1e-3").
 */
import { formatNumber } from "../lib/format";
import { revealDeferred } from "../widgets/parts/deferred";
import { whenVisible } from "../widgets/when-visible";
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** "29,167" has a thousands separator; "0,333" and "2,5" have a decimal comma. */
function readCommas(text: string): string {
  if (/^[+-]?[1-9]\d{0,2}(,\d{3})+(\.\d*)?%?$/.test(text)) return text.replace(/,/g, "");
  return /^[^,.]*,[^,.]*$/.test(text) ? text.replace(",", ".") : text;
}

export function readAnswer(text: string): number | undefined {
  const cleaned = readCommas(text.trim().replace(/\s+/g, "").replace(/−/g, "-"));
  if (cleaned.endsWith("%")) {
    const value = readAnswer(cleaned.slice(0, -1));
    return value === undefined ? undefined : value / 100;
  }
  const fraction = cleaned.split("/");
  if (fraction.length === 2) {
    const [top, bottom] = fraction.map((part) => (NUMBER.test(part) ? Number(part) : Number.NaN));
    if (top === undefined || bottom === undefined || !Number.isFinite(top) || !Number.isFinite(bottom) || bottom === 0)
      return undefined;
    return top / bottom;
  }
  if (!NUMBER.test(cleaned)) return undefined;
  const value = Number(cleaned);
  return Number.isFinite(value) ? value : undefined;
}

export type Verdict = "right" | "wrong" | "unreadable";

export function judge(text: string, answer: number, tolerance: number): Verdict {
  const value = readAnswer(text);
  if (value === undefined) return "unreadable";
  // Tolerance on the value, plus a hair for answers typed exactly at the edge.
  return Math.abs(value - answer) <= tolerance * (1 + 1e-9) ? "right" : "wrong";
}

/**
 * Whether the checker accepts the answer a worked solution prints: every part of it a reader could
 * copy ("32/784 ≈ 0.041" has two: "32/784" and "0.041"; an expression such as "0.5 + 0.807" is not
 * an answer and is skipped) must be right, and at least one part must be a number.
 */
export function printedAnswerAccepted(text: string, answer: number, tolerance: number): boolean {
  const verdicts = text.split(/[≈=]/).map((part) => judge(part, answer, tolerance));
  return verdicts.includes("right") && !verdicts.includes("wrong");
}

/** The answer as a solution prints it: the book's number format, with as many significant digits (4 at least) as the checker needs. */
export function printedAnswer(answer: number, tolerance: number): string {
  for (let digits = 4; digits < 17; digits++) {
    const text = formatNumber(answer, digits);
    if (judge(text, answer, tolerance) === "right") return text;
  }
  return formatNumber(answer, 17);
}

const MESSAGES: Record<Verdict, string> = {
  right: "Right.",
  wrong: "Not quite. Try again, or open the hint.",
  unreadable: "Type a number, such as 0.25, 1/4 or 25 %.",
};

/** Shows each answer form (it needs JavaScript) as its exercise nears the screen, and checks it on submit; safe to call twice. */
export function bindExercises(root: ParentNode): void {
  const exercises = Array.from(root.querySelectorAll<HTMLElement>("section.exercise:not([data-bound])"));
  exercises.forEach((exercise) => (exercise.dataset.bound = ""));
  whenVisible(exercises, bindExercise, "400px 0px");
}

function bindExercise(exercise: HTMLElement): void {
  revealDeferred(exercise);
  const form = exercise.querySelector<HTMLFormElement>("form.exercise-check");
  form?.addEventListener("submit", (event) => {
    event.preventDefault();
    const input = form.querySelector<HTMLInputElement>("input[name=answer]");
    const feedback = form.querySelector<HTMLElement>(".exercise-feedback");
    if (!input || !feedback) return;
    const verdict = judge(input.value, Number(form.dataset.answer), Number(form.dataset.tolerance));
    feedback.dataset.verdict = verdict;
    feedback.textContent = MESSAGES[verdict];
    input.setAttribute("aria-invalid", String(verdict !== "right"));
  });
}
