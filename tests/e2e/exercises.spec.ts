import { expect, test } from "@playwright/test";
import { judge, printedAnswerAccepted } from "../../src/components/exercise-check";
import { builtPages } from "./site";

const chapters = builtPages().filter((page) => /^chapters\/[^/]+\/$/.test(page));

test("every chapter numbers its exercises 1, 2, 3 … through its sections, and the checker accepts every printed answer", async ({
  page,
}) => {
  let total = 0;
  for (const chapter of chapters) {
    await page.goto(chapter);
    const exercises = await page.locator("section.exercise").evaluateAll((sections) =>
      sections.map((section) => {
        const form =
          section.querySelector<HTMLFormElement>("form.exercise-check") ??
          section.querySelector("template")?.content.querySelector<HTMLFormElement>("form.exercise-check");
        return {
          id: section.id,
          label: section.querySelector(".exercise-label")?.textContent?.trim() ?? "",
          printed: section.querySelector(".exercise-answer strong")?.textContent?.trim() ?? "",
          answer: Number(form?.dataset.answer),
          tolerance: Number(form?.dataset.tolerance),
        };
      }),
    );
    exercises.forEach((exercise, index) => {
      expect(exercise.label, `${chapter}#${exercise.id}`).toBe(`Exercise ${index + 1}`);
      expect(Number.isFinite(exercise.answer) && exercise.tolerance >= 0, `${chapter}#${exercise.id} answer`).toBe(
        true,
      );
      expect(
        printedAnswerAccepted(exercise.printed, exercise.answer, exercise.tolerance),
        `${chapter}#${exercise.id}: the solution prints "${exercise.printed}" for ${exercise.answer} ± ${exercise.tolerance}`,
      ).toBe(true);
    });
    total += exercises.length;
  }
  expect(total).toBeGreaterThan(10);
});

test("'How many rolls?' accepts the 29167 its solution prints, typed into its own box", async ({ page }) => {
  await page.goto("chapters/probability/#exercise-rolls-needed");
  const exercise = page.locator("#exercise-rolls-needed");
  await exercise.evaluate((element) => element.scrollIntoView({ block: "center" }));
  const printed = (await exercise.locator(".exercise-answer strong").textContent())?.trim() ?? "";
  expect(printed).toBe("29167");
  expect(judge(printed, 29166.666666666668, 1)).toBe("right");
  await exercise.locator("input[name=answer]").fill(printed);
  await exercise.getByRole("button", { name: "Check" }).click();
  await expect(exercise.locator(".exercise-feedback")).toHaveAttribute("data-verdict", "right");
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
