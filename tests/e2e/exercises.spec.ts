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
