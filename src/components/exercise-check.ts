/**
 * Checks the answers typed into <Exercise> forms and picked in <Choice> groups, names a predictable
 * slip, draws New numbers for generated exercises (the seed in the URL fragment), and remembers what
 * is solved (./progress.ts). Readers may type a decimal ("0.333"), a fraction ("1/3"), a percentage
 * ("9.2 %", read as 0.092) or scientific notation ("1e-3").
 */
import { formatNumber } from "../lib/format";
import type { ExerciseMistake } from "../exercises/types";
import { revealDeferred } from "../widgets/parts/deferred";
import { whenVisible } from "../widgets/when-visible";
import { clearProgress, markSolved, progressPage, solvedOn } from "./progress";
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

/**
 * The slip a wrong answer looks like: the mistake nearest to what was typed, if it lies within the
 * exercise's tolerance of it (or within a part in 10⁴ of it, for answers given to more places).
 */
export function slipFor(text: string, mistakes: readonly ExerciseMistake[], tolerance: number): string | undefined {
  const value = readAnswer(text);
  if (value === undefined) return undefined;
  let best: { distance: number; slip: string } | undefined;
  for (const mistake of mistakes) {
    const distance = Math.abs(value - mistake.value);
    const allowed = Math.max(tolerance, 1e-4 * Math.abs(mistake.value)) * (1 + 1e-9);
    if (distance <= allowed && (!best || distance < best.distance)) best = { distance, slip: mistake.slip };
  }
  return best?.slip;
}

/** The fragment that opens an exercise with one seed's numbers: `#exercise-<id>?seed=<n>`. */
export function seedFragment(anchor: string, seed: number): string {
  return `#${anchor}?seed=${seed}`;
}

/** The anchor and seed of a fragment made by `seedFragment`; undefined for any other fragment. */
export function readSeedFragment(hash: string): { anchor: string; seed: number } | undefined {
  let text: string;
  try {
    text = decodeURIComponent(hash);
  } catch {
    return undefined; // a malformed %-escape is no seed link
  }
  const match = /^#(exercise-[a-z0-9-]+)\?seed=(-?\d{1,15})$/.exec(text);
  if (!match?.[1] || !match[2]) return undefined;
  return { anchor: match[1], seed: Number(match[2]) };
}

const MESSAGES: Record<Verdict, string> = {
  right: "Right.",
  wrong: "Not quite.",
  unreadable: "Type a number, such as 0.25, 1/4 or 25 %.",
};

const EXERCISES = "section.exercise";

/**
 * Shows each answer form (it needs JavaScript) as its exercise nears the screen, checks it on
 * submit, marks solved exercises here and in the contents, and opens a seed link; safe to call twice.
 */
export function bindExercises(root: ParentNode): void {
  const exercises = Array.from(root.querySelectorAll<HTMLElement>(`${EXERCISES}:not([data-bound])`));
  exercises.forEach((exercise) => (exercise.dataset.bound = ""));
  whenVisible(exercises, bindExercise, "400px 0px");
  showProgress();
  if (!listeningToHash) {
    listeningToHash = true;
    window.addEventListener("hashchange", () => void openSeedLink());
    void openSeedLink();
  }
}

let listeningToHash = false;
const page = (): string => progressPage(location.pathname);

function bindExercise(exercise: HTMLElement): void {
  revealDeferred(exercise);
  const form = exercise.querySelector<HTMLFormElement>("form.exercise-check, form.choice-check");
  if (!form || form.dataset.bound !== undefined) return;
  form.dataset.bound = "";
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (form.classList.contains("choice-check")) checkChoice(exercise, form);
    else checkNumber(exercise, form);
  });
  form.querySelector("[data-action=new-numbers]")?.addEventListener("click", () => {
    // A fresh seed for the reader; the numbers it gives are the generator's, deterministic in it.
    let seed = Math.floor(Math.random() * 1_000_000);
    if (String(seed) === exercise.dataset.seed) seed += 1;
    void showSeed(exercise, seed).then((shown) => {
      if (!shown) return;
      history.replaceState(history.state, "", seedFragment(exercise.id, seed));
      say(form, "New numbers:", "new", "the question and its worked solution have changed.");
    });
  });
}

/** Writes the verdict (bold) and what it means (plain) into the form's status line. */
function say(form: HTMLFormElement, verdict: string, kind: string, detail = ""): void {
  const feedback = form.querySelector<HTMLElement>(".exercise-feedback");
  if (!feedback) return;
  feedback.dataset.verdict = kind;
  const strong = document.createElement("strong");
  strong.textContent = verdict;
  feedback.replaceChildren(...(verdict ? [strong] : []), ...(detail ? [` ${detail}`] : []));
}

function checkNumber(exercise: HTMLElement, form: HTMLFormElement): void {
  const input = form.querySelector<HTMLInputElement>("input[name=answer]");
  if (!input) return;
  const tolerance = Number(form.dataset.tolerance);
  const verdict = judge(input.value, Number(form.dataset.answer), tolerance);
  const slip = verdict === "wrong" ? slipFor(input.value, mistakesOf(form), tolerance) : undefined;
  say(
    form,
    MESSAGES[verdict],
    slip ? "slip" : verdict,
    slip ?? (verdict === "wrong" ? "Try again, or open the hint." : ""),
  );
  input.setAttribute("aria-invalid", String(verdict !== "right"));
  if (verdict === "right") solved(exercise);
}

function checkChoice(exercise: HTMLElement, form: HTMLFormElement): void {
  const picked = form.querySelector<HTMLInputElement>("input[type=radio]:checked");
  if (!picked) {
    say(form, "Pick one of the options first.", "unreadable");
    return;
  }
  const right = picked.hasAttribute("data-correct");
  say(form, right ? "Right." : "Not quite.", right ? "right" : "slip");
  // The option's own feedback may hold math: its nodes (KaTeX's MathML included) follow the verdict.
  const explanation = picked.closest(".choice-option")?.querySelector(".choice-feedback");
  if (explanation) form.querySelector(".exercise-feedback")?.append(" ", ...explanation.cloneNode(true).childNodes);
  if (right) solved(exercise);
}

function mistakesOf(form: HTMLFormElement): ExerciseMistake[] {
  try {
    const parsed: unknown = JSON.parse(form.dataset.mistakes ?? "[]");
    return Array.isArray(parsed) ? (parsed as ExerciseMistake[]) : [];
  } catch {
    return [];
  }
}

function solved(exercise: HTMLElement): void {
  exercise.dataset.solved = "";
  markSolved(page(), exercise.id);
  showProgress();
}

/**
 * Puts seed `seed`'s numbers into a generated exercise: question, worked solution, printed answer,
 * and the form's answer, tolerance and mistakes; the box and its feedback start afresh.
 * Loads the generators and KaTeX on first use. False when the exercise has no generator or it failed.
 */
async function showSeed(exercise: HTMLElement, seed: number): Promise<boolean> {
  const generator = exercise.dataset.generator;
  if (!generator) return false;
  revealDeferred(exercise);
  const form = exercise.querySelector<HTMLFormElement>("form.exercise-check");
  try {
    const { renderedInstance } = await import("../exercises/instance-html");
    const instance = renderedInstance(generator, seed);
    const question = exercise.querySelector(".exercise-question");
    const worked = exercise.querySelector(".exercise-worked");
    const printed = exercise.querySelector(".exercise-answer strong");
    if (question) question.innerHTML = instance.questionHtml;
    if (worked) worked.innerHTML = instance.solutionHtml;
    if (printed) printed.textContent = instance.answerText;
    exercise.querySelectorAll(".exercise-unit").forEach((unit) => (unit.textContent = instance.unit ?? ""));
    exercise
      .querySelectorAll(".exercise-answer-unit")
      .forEach((unit) => (unit.textContent = instance.unit ? ` ${instance.unit}` : ""));
    exercise.dataset.seed = String(seed);
    if (form) {
      form.dataset.answer = String(instance.answer);
      form.dataset.tolerance = String(instance.tolerance);
      form.dataset.mistakes = JSON.stringify(instance.mistakes);
      const input = form.querySelector<HTMLInputElement>("input[name=answer]");
      if (input) {
        input.value = "";
        input.removeAttribute("aria-invalid");
      }
      say(form, "", "");
    }
    return true;
  } catch (error) {
    if (form)
      say(form, "Could not make new numbers:", "unreadable", error instanceof Error ? error.message : String(error));
    return false;
  }
}

/** Opens `#exercise-<id>?seed=<n>`: that exercise with those numbers, scrolled to. */
async function openSeedLink(): Promise<void> {
  const link = readSeedFragment(location.hash);
  if (!link) return;
  const exercise = document.getElementById(link.anchor);
  if (!exercise?.matches(EXERCISES)) return;
  if (exercise.dataset.seed !== String(link.seed)) await showSeed(exercise, link.seed);
  exercise.scrollIntoView({ block: "start" });
}

/**
 * Marks solved exercises, and each entry of the chapter's contents (`nav.toc`) with how many of the
 * exercises in its part are solved; offers to clear them.
 */
function showProgress(): void {
  const solvedHere = solvedOn(page());
  const exercises = Array.from(document.querySelectorAll<HTMLElement>(EXERCISES));
  exercises.forEach((exercise) => exercise.toggleAttribute("data-solved", solvedHere.has(exercise.id)));
  const toc = document.querySelector<HTMLElement>("nav.toc");
  if (!toc || exercises.length === 0) return;
  const entries = Array.from(toc.querySelectorAll<HTMLAnchorElement>("a[href^='#']")).flatMap((link) => {
    const heading = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    return heading ? [{ link, heading, total: 0, done: 0 }] : [];
  });
  // Each exercise belongs to the last contents entry whose heading comes before it.
  for (const exercise of exercises) {
    const entry = entries.findLast(
      (candidate) => candidate.heading.compareDocumentPosition(exercise) & Node.DOCUMENT_POSITION_FOLLOWING,
    );
    if (!entry) continue;
    entry.total += 1;
    if (solvedHere.has(exercise.id)) entry.done += 1;
  }
  for (const { link, total, done } of entries) {
    link.parentElement?.querySelector(".toc-progress-mark")?.remove();
    if (done === 0) continue;
    const mark = document.createElement("span");
    mark.className = "toc-progress-mark";
    mark.dataset.complete = String(done === total);
    mark.textContent = done === total ? "✓" : `${done}/${total}`;
    mark.title = `${done} of ${total} exercises solved`;
    mark.setAttribute("aria-label", mark.title);
    mark.setAttribute("role", "img");
    link.after(mark);
  }
  showClearControl(toc, exercises.filter((exercise) => solvedHere.has(exercise.id)).length, exercises.length);
}

function showClearControl(toc: HTMLElement, done: number, total: number, cleared = false): void {
  const holder = toc.querySelector<HTMLElement>(".toc-progress");
  if (!holder) return;
  holder.hidden = done === 0 && !cleared;
  holder.replaceChildren();
  const summary = document.createElement("p");
  holder.append(summary);
  if (done === 0) {
    summary.textContent = "Progress cleared.";
    return;
  }
  summary.textContent = `Solved here: ${done} of ${total}, remembered in this browser only.`;
  const clear = document.createElement("button");
  clear.type = "button";
  clear.textContent = "Clear my progress";
  clear.addEventListener("click", () => {
    clearProgress(page());
    showProgress();
    const all = document.querySelectorAll(EXERCISES).length;
    showClearControl(toc, 0, all, true);
    // The button is gone: focus stays in the same place, on the note that says what happened.
    holder.focus();
  });
  holder.append(clear);
}
