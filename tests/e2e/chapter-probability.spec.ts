import { scrollToReach } from "./site";
import { expect, test } from "@playwright/test";

const PATH = "chapters/probability/";

test("the chapter's widgets all become ready, and its notes mark the lecture notes' slips", async ({ page }) => {
  await page.goto(PATH);
  const widgets = page.locator("[data-widget]");
  expect(await widgets.count()).toBeGreaterThanOrEqual(4);
  for (const widget of await widgets.all()) {
    await scrollToReach(widget);
    await expect(widget).toHaveAttribute("data-ready", "");
    await expect(widget.locator("[role=alert]")).toBeHidden();
  }
  expect(await page.locator(".note-slip").count()).toBeGreaterThanOrEqual(4);
});

test("exercises check typed answers with a tolerance, as decimals, fractions or percentages", async ({ page }) => {
  await page.goto(PATH);
  expect(await page.locator("section.exercise").count()).toBeGreaterThanOrEqual(9);
  const q2 = page.locator("#exercise-q2");
  // The answer box arrives as the exercise nears the screen (a template until then; see Deferred.astro).
  await expect(q2.getByLabel("Your answer")).toHaveCount(0);
  await scrollToReach(q2);
  const input = q2.getByLabel("Your answer");
  const feedback = q2.locator(".exercise-feedback");
  await input.fill("0.5");
  await q2.getByRole("button", { name: "Check" }).click();
  await expect(feedback).toHaveText(/Not quite/);
  await input.fill("1/3");
  await input.press("Enter");
  await expect(feedback).toHaveText("Right.");
  await input.fill("a third");
  await input.press("Enter");
  await expect(feedback).toHaveText(/Type a number/);

  const baseRate = page.locator("#exercise-base-rate");
  await scrollToReach(baseRate);
  await baseRate.getByLabel("Your answer").fill("9.2 %");
  await baseRate.getByLabel("Your answer").press("Enter");
  await expect(baseRate.locator(".exercise-feedback")).toHaveText("Right.");
});

test("the embed control of a chapter widget gives the permalink of its state", async ({ page }) => {
  await page.goto(PATH);
  const dice = page.locator('[data-widget="dice"]').first();
  await scrollToReach(dice);
  await expect(dice).toHaveAttribute("data-ready", "");
  await dice.locator('.face-picker[data-set="event"] button[data-face="5"]').click();
  await dice.locator("[data-role=embed] summary").click();
  await expect(dice.locator("[data-role=permalink]")).toHaveValue(/embed\/dice\/\?event=3,5&condition=1,3,5/);
  await expect(dice.locator("[data-role=snippet]")).toHaveValue(
    /<iframe src="[^"]*embed\/dice\/[^"]*" title="[^"]+"[^>]*loading="lazy"/,
  );
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("hints and worked solutions open as plain HTML, and the widgets show build-time values", async ({ page }) => {
    await page.goto(PATH);
    const q3 = page.locator("#exercise-q3");
    await expect(q3.locator("form")).toBeHidden();
    await q3.locator(".exercise-solution summary").click();
    await expect(q3.locator(".exercise-answer")).toContainText("3.5");
    const dice = page.locator('[data-widget="dice"]').first();
    await expect(dice.locator('output[name="p_event"]')).toHaveAttribute("data-value", String(1 / 3));
    await expect(dice.locator("svg[data-role=trace] path.mean")).toHaveAttribute("d", /^M/);
  });
});
