import { expect, test } from "@playwright/test";
import { judge, printedAnswerAccepted } from "../../src/components/exercise-check";
import { generatorFor } from "../../src/exercises/registry";
import { builtPages } from "./site";

const chapters = builtPages().filter((page) => /^chapters\/[^/]+\/$/.test(page));

test("every chapter numbers its exercises and choices 1, 2, 3 … through its sections, and the checker accepts every printed answer", async ({
  page,
}) => {
  let total = 0;
  let choices = 0;
  for (const chapter of chapters) {
    await page.goto(chapter);
    const exercises = await page.locator("section.exercise").evaluateAll((sections) =>
      sections.map((section) => {
        const form =
          section.querySelector<HTMLFormElement>("form.exercise-check, form.choice-check") ??
          section
            .querySelector("template")
            ?.content.querySelector<HTMLFormElement>("form.exercise-check, form.choice-check");
        const correct = Array.from(form?.querySelectorAll<HTMLInputElement>("input[type=radio][data-correct]") ?? []);
        return {
          id: section.id,
          choice: section.classList.contains("exercise-choice"),
          label: section.querySelector(".exercise-label")?.textContent?.trim() ?? "",
          printed: section.querySelector(".exercise-answer strong")?.textContent?.trim() ?? "",
          answer: Number(form?.dataset.answer),
          tolerance: Number(form?.dataset.tolerance),
          correct: correct.map((input) => `(${input.value})`),
        };
      }),
    );
    exercises.forEach((exercise, index) => {
      const where = `${chapter}#${exercise.id}`;
      expect(exercise.label, where).toBe(`Exercise ${index + 1}`);
      if (exercise.choice) {
        // One right option, and the solution prints its letter.
        expect(exercise.correct, where).toEqual([exercise.printed]);
        choices += 1;
        return;
      }
      expect(Number.isFinite(exercise.answer) && exercise.tolerance >= 0, `${where} answer`).toBe(true);
      expect(
        printedAnswerAccepted(exercise.printed, exercise.answer, exercise.tolerance),
        `${where}: the solution prints "${exercise.printed}" for ${exercise.answer} ± ${exercise.tolerance}`,
      ).toBe(true);
    });
    total += exercises.length;
  }
  expect(total).toBeGreaterThan(25);
  expect(choices).toBeGreaterThanOrEqual(4);
});

test("'How many rolls?' accepts the 29167 its solution prints, typed into its own box; print shows the default numbers' solution", async ({
  page,
}) => {
  await page.goto("chapters/probability/#exercise-rolls-needed");
  const exercise = page.locator("#exercise-rolls-needed");
  await exercise.evaluate((element) => element.scrollIntoView({ block: "center" }));
  const printed = (await exercise.locator(".exercise-answer strong").textContent())?.trim() ?? "";
  expect(printed).toBe("29167");
  expect(judge(printed, 29167, 0.5)).toBe("right");
  await exercise.locator("input[name=answer]").fill(printed);
  await exercise.getByRole("button", { name: "Check" }).click();
  await expect(exercise.locator(".exercise-feedback")).toHaveAttribute("data-verdict", "right");

  // Print shows the generator's default numbers and their worked solution, unfolded.
  const generator = generatorFor("rolls-needed");
  const instance = generator.generate(generator.defaultSeed);
  await page.evaluate(() => window.dispatchEvent(new Event("beforeprint")));
  await page.emulateMedia({ media: "print" });
  const solution = exercise.locator(".exercise-solution");
  await expect(solution).toHaveAttribute("open", "");
  await expect(solution.locator(".exercise-answer strong")).toHaveText(instance.answerText);
  await expect(solution.locator(".exercise-worked")).toBeVisible();
  await expect(exercise.locator(".exercise-question")).toContainText("at most 0.01");
});

test("a generated exercise: a slip named, New numbers in the URL, the link restores them, progress kept and cleared", async ({
  page,
}) => {
  await page.goto("chapters/kl-divergence/#exercise-kl-discrete-by-hand");
  const exercise = page.locator("#exercise-kl-discrete-by-hand");
  const form = exercise.locator("form.exercise-check");
  const feedback = exercise.locator(".exercise-feedback");
  await expect(form).toBeVisible();
  // The printed answer of the default numbers is right; a reversed KL is named as such.
  const mistakes = JSON.parse((await form.getAttribute("data-mistakes")) ?? "[]") as { value: number; slip: string }[];
  const reversed = mistakes.find((mistake) => /other way round/.test(mistake.slip));
  expect(reversed).toBeDefined();
  await exercise.locator("input[name=answer]").fill(reversed?.value.toFixed(3) ?? "");
  await exercise.getByRole("button", { name: "Check" }).click();
  await expect(feedback).toHaveAttribute("data-verdict", "slip");
  await expect(feedback).toContainText("other way round");

  const question = exercise.locator(".exercise-question");
  const before = await question.textContent();
  await exercise.getByRole("button", { name: "New numbers" }).click();
  await expect(question).not.toHaveText(before ?? "");
  await expect(page).toHaveURL(/#exercise-kl-discrete-by-hand\?seed=\d+$/);
  await expect(exercise.locator("input[name=answer]")).toHaveValue("");
  const newQuestion = await question.textContent();
  const printed = (await exercise.locator(".exercise-answer strong").textContent())?.trim() ?? "";
  const link = page.url();

  // The worked solution's answer, typed in, is right for the new numbers; the exercise is remembered.
  await exercise.locator("input[name=answer]").fill(printed);
  await exercise.getByRole("button", { name: "Check" }).click();
  await expect(feedback).toHaveAttribute("data-verdict", "right");
  await expect(exercise).toHaveAttribute("data-solved", "");
  const mark = page.locator("nav.toc .toc-progress-mark");
  await expect(mark).toHaveCount(1);

  // The link, opened afresh, scrolls to the exercise with the same numbers; the progress survived.
  const second = await page.context().newPage();
  await second.goto(link);
  const again = second.locator("#exercise-kl-discrete-by-hand");
  await expect(again.locator(".exercise-question")).toHaveText(newQuestion ?? "");
  await expect(again).toBeInViewport();
  await expect(again).toHaveAttribute("data-solved", "");
  await second.locator("nav.toc").getByRole("button", { name: "Clear my progress" }).click();
  await expect(second.locator("nav.toc .toc-progress-mark")).toHaveCount(0);
  await expect(again).not.toHaveAttribute("data-solved", "");
  await second.close();
});

test("a choice question by keyboard alone: arrows pick, Enter checks, each option says its own mistake", async ({
  page,
}) => {
  await page.goto("chapters/probability/#exercise-independent-events");
  const choice = page.locator("#exercise-independent-events");
  const group = choice.getByRole("group", { name: "Pick one" });
  await expect(group).toBeVisible();
  await choice.getByRole("radio").first().focus();
  await page.keyboard.press("Space");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await expect(choice.getByRole("radio").nth(2)).toBeChecked();
  await page.keyboard.press("Tab");
  await expect(choice.getByRole("button", { name: "Check" })).toBeFocused();
  await page.keyboard.press("Enter");
  const feedback = choice.getByRole("status").first();
  await expect(feedback).toHaveAttribute("data-verdict", "slip");
  await expect(feedback).toContainText("exclude each other");
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("ArrowUp");
  await expect(choice.getByRole("radio").nth(1)).toBeChecked();
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await expect(feedback).toHaveAttribute("data-verdict", "right");
  await expect(choice).toHaveAttribute("data-solved", "");
});

test("with storage blocked (a sandboxed frame), checking still works and nothing is remembered", async ({ page }) => {
  await page.addInitScript(() =>
    Object.defineProperty(window, "localStorage", {
      get: () => {
        throw new DOMException("The document is sandboxed", "SecurityError");
      },
    }),
  );
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto("chapters/probability/#exercise-odd-mean");
  const exercise = page.locator("#exercise-odd-mean");
  const printed = (await exercise.locator(".exercise-answer strong").textContent())?.trim() ?? "";
  await exercise.locator("input[name=answer]").fill(printed);
  await exercise.getByRole("button", { name: "Check" }).click();
  await expect(exercise.locator(".exercise-feedback")).toHaveAttribute("data-verdict", "right");
  await expect(exercise).not.toHaveAttribute("data-solved", "");
  await expect(page.locator("nav.toc .toc-progress")).toBeHidden();
  expect(errors).toEqual([]);
});
