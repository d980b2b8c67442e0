import { expect, test, type Page } from "@playwright/test";
import { expectBadInput, openWidget, outputValue } from "./site";

const ID = "dice";

/** An independent computation of the exact figures from weights, event and condition. */
function exact(weights: number[], event: number[], condition: number[]) {
  const total = weights.reduce((a, b) => a + b, 0);
  const p = (face: number) => (weights[face - 1] ?? 0) / total;
  const pB = condition.reduce((sum, face) => sum + p(face), 0);
  const pAB = event.filter((face) => condition.includes(face)).reduce((sum, face) => sum + p(face), 0);
  const mean = condition.reduce((sum, face) => sum + face * p(face), 0) / pB;
  const variance = condition.reduce((sum, face) => sum + (face - mean) ** 2 * p(face), 0) / pB;
  return { pB, pAB, pEvent: pAB / pB, mean, variance };
}

async function outputs(page: Page) {
  const names = [
    "p_event",
    "expectation",
    "p_condition",
    "p_joint",
    "sample_p_event",
    "sample_p_event_se",
    "sample_mean",
    "sample_mean_se",
  ];
  return Object.fromEntries(
    await Promise.all(names.map(async (name) => [name, await outputValue(page, name)] as const)),
  );
}

test("computes P(A | B) and E[X | B] exactly for the state in the URL", async ({ page }) => {
  await openWidget(page, ID, "weights=1,1,1,1,1,5&event=6&condition=4,5,6");
  const expected = exact([1, 1, 1, 1, 1, 5], [6], [4, 5, 6]);
  const values = await outputs(page);
  expect(values.p_event).toBeCloseTo(5 / 7, 12);
  expect(values.p_event).toBeCloseTo(expected.pEvent, 12);
  expect(values.expectation).toBeCloseTo(expected.mean, 12);
  expect(values.p_condition).toBeCloseTo(0.7, 12);
  expect(values.p_joint).toBeCloseTo(0.5, 12);
});

test("answers the notes' Q1, Q2 and Q3 with the documented defaults, ignoring unknown parameters", async ({ page }) => {
  const root = await openWidget(page, ID, "colour=blue");
  expect(await outputValue(page, "p_event")).toBeCloseTo(1 / 6, 12);
  expect(await outputValue(page, "expectation")).toBeCloseTo(3.5, 12);
  // The default weights 1,…,1 sum to 6: normalised with a visible note, not an alert.
  await expect(root.locator("[data-role=note]")).toBeVisible();
  await expect(root.locator("[data-role=note]")).toContainText("6");
  await expect(root.locator("[role=alert]")).toBeHidden();
  await openWidget(page, ID, "condition=1,3,5");
  expect(await outputValue(page, "p_event")).toBeCloseTo(1 / 3, 12);
  expect(await outputValue(page, "expectation")).toBeCloseTo(3, 12);
  const probabilities = await openWidget(page, ID, "weights=0.1,0.1,0.1,0.1,0.1,0.5");
  await expect(probabilities.locator("[data-role=note]")).toBeHidden();
});

test("simulates reproducibly, within 4 standard errors of the exact values", async ({ page }) => {
  await openWidget(page, ID, "weights=1,2,3,4,5,6&event=2,5&condition=2,3,5,6&n=5000&seed=11");
  const first = await outputs(page);
  const expected = exact([1, 2, 3, 4, 5, 6], [2, 5], [2, 3, 5, 6]);
  expect(first.sample_mean_se).toBeCloseTo(Math.sqrt(expected.variance / 5000), 12);
  expect(first.sample_p_event_se).toBeCloseTo(Math.sqrt((expected.pEvent * (1 - expected.pEvent)) / 5000), 12);
  expect(Math.abs(first.sample_mean! - expected.mean)).toBeLessThan(4 * first.sample_mean_se!);
  expect(Math.abs(first.sample_p_event! - expected.pEvent)).toBeLessThan(4 * first.sample_p_event_se!);
  await page.reload();
  await expect(page.locator(`[data-widget="${ID}"]`)).toHaveAttribute("data-ready", "");
  expect(await outputs(page)).toEqual(first);
  await openWidget(page, ID, "weights=1,2,3,4,5,6&event=2,5&condition=2,3,5,6&n=5000&seed=12");
  expect((await outputs(page)).sample_mean).not.toBe(first.sample_mean);
});

test("a million rolls finish and land within 4 standard errors", async ({ page }) => {
  await openWidget(page, ID, "n=1000000&seed=3");
  const values = await outputs(page);
  expect(Math.abs(values.sample_mean! - 3.5)).toBeLessThan(4 * Math.sqrt(35 / 12 / 1e6));
});

test("clicking faces, typing weights and rolling again change the outputs and the address bar", async ({ page }) => {
  const root = await openWidget(page, ID);
  await root.locator('.face-picker[data-set="condition"] button[data-face="2"]').click();
  await root.locator('.face-picker[data-set="condition"] button[data-face="4"]').click();
  await root.locator('.face-picker[data-set="condition"] button[data-face="6"]').click();
  await expect(page).toHaveURL(/condition=1%2C3%2C5/);
  await expect(root).toHaveAttribute("data-ready", "");
  expect(await outputValue(page, "p_event")).toBeCloseTo(1 / 3, 12);
  await expect(root.locator('.face-picker[data-set="condition"] button[data-face="2"]')).toHaveAttribute(
    "aria-pressed",
    "false",
  );

  await root.locator('.face-picker[data-set="event"] button[data-face="5"]').click();
  await expect(page).toHaveURL(/event=3%2C5/);
  await expect(root).toHaveAttribute("data-ready", "");
  expect(await outputValue(page, "p_event")).toBeCloseTo(2 / 3, 12);

  await root.locator('input[name="weight-5"]').fill("4");
  await expect(page).toHaveURL(/weights=1%2C1%2C1%2C1%2C4%2C1/);
  await expect(root).toHaveAttribute("data-ready", "");
  expect(await outputValue(page, "p_event")).toBeCloseTo(5 / 6, 12);

  const seed = await outputValue(page, "sample_mean");
  await root.locator("[data-role=reroll]").click();
  await expect(page).toHaveURL(/seed=2/);
  await expect(root).toHaveAttribute("data-ready", "");
  expect(await outputValue(page, "sample_mean")).not.toBe(seed);

  await page.reload();
  await expect(page.locator(`[data-widget="${ID}"]`)).toHaveAttribute("data-ready", "");
  expect(await outputValue(page, "p_event")).toBeCloseTo(5 / 6, 12);
});

test("the bars are keyboard sliders and can be dragged", async ({ page }) => {
  const root = await openWidget(page, ID, "weights=0.1,0.1,0.1,0.1,0.1,0.5&event=6");
  const six = root.locator('rect.handle[data-face="6"]');
  await expect(six).toHaveAttribute("role", "slider");
  await six.focus();
  await page.keyboard.press("PageUp");
  await expect(page).toHaveURL(/weights=0\.08%2C0\.08%2C0\.08%2C0\.08%2C0\.08%2C0\.6/);
  await expect(root).toHaveAttribute("data-ready", "");
  expect(await outputValue(page, "p_event")).toBeCloseTo(0.6, 12);
  await page.keyboard.press("Home");
  await expect(root).toHaveAttribute("data-ready", "");
  await expect.poll(() => outputValue(page, "p_event")).toBe(0);

  // Drag face 1's bar to the top of the plot: its probability goes to 1.
  const one = root.locator('rect.handle[data-face="1"]');
  const box = (await one.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height - 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 5 });
  await page.mouse.move(box.x + box.width / 2, box.y - 20, { steps: 5 });
  await page.mouse.up();
  await expect(page).toHaveURL(/weights=1%2C0%2C0%2C0%2C0%2C0/);
  await expect(root).toHaveAttribute("data-ready", "");
  expect(await outputValue(page, "expectation")).toBe(1);
});

test("bad input gets a clear alert naming the parameter", async ({ page }) => {
  await expectBadInput(page, ID, "weights=1,2,3", "weights");
  await expectBadInput(page, ID, "weights=1,1,-1,1,1,1", "weights");
  await expectBadInput(page, ID, "weights=1,1,x,1,1,1", "weights");
  await expectBadInput(page, ID, "weights=0,0,0,0,0,0", "weights");
  await expectBadInput(page, ID, "weights=0,0,1,1,1,1&condition=1,2", "condition");
  await expectBadInput(page, ID, "condition=", "condition");
  await expectBadInput(page, ID, "event=7", "event");
  await expectBadInput(page, ID, "event=3,3", "event");
  await expectBadInput(page, ID, "n=0", "n");
  await expectBadInput(page, ID, "n=1000001", "n");
  await expectBadInput(page, ID, "n=2.5", "n");
  await expectBadInput(page, ID, "seed=abc", "seed");
});

test("two bad fields are both marked and named, and each clears when it is fixed", async ({ page }) => {
  const root = await openWidget(page, ID, "n=abc&weights=1,1,x,1,1,1");
  const alert = root.locator("[role=alert]").first();
  await expect(alert).toContainText("(n)");
  await expect(alert).toContainText("(weights)");
  await expect(root.locator('input[name="n"]')).toHaveAttribute("aria-invalid", "true");
  await expect(root.locator('.dice-weights input[aria-invalid="true"]')).not.toHaveCount(0);
  await root.locator('input[name="n"]').fill("100");
  await expect(root.locator('input[name="n"]')).not.toHaveAttribute("aria-invalid");
  await expect(root.locator('.dice-weights input[aria-invalid="true"]')).not.toHaveCount(0);
  await expect(alert).toContainText("(weights)");
  await expect(alert).not.toContainText("(n)");
});

test("an empty or impossible event is allowed: P(A | B) = 0", async ({ page }) => {
  const root = await openWidget(page, ID, "event=&weights=1,1,1,1,1,0");
  expect(await outputValue(page, "p_event")).toBe(0);
  await openWidget(page, ID, "event=6&weights=1,1,1,1,1,0");
  expect(await outputValue(page, "p_event")).toBe(0);
  await expect(root.locator("[role=alert]")).toBeHidden();
});

test("recovers from bad input once a control fixes it", async ({ page }) => {
  const root = await openWidget(page, ID, "weights=0,0,1,1,1,1&condition=1,2");
  await expect(root.locator("[role=alert]")).toBeVisible();
  await root.locator('.face-picker[data-set="condition"] button[data-face="3"]').click();
  await expect(root.locator("[role=alert]")).toBeHidden();
  await expect(root).toHaveAttribute("data-ready", "");
  expect(await outputValue(page, "expectation")).toBe(3);
});

test("fits a 320 px wide screen", async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 700 });
  await openWidget(page, ID);
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
});

test("shows a bad weight where it was typed", async ({ page }) => {
  const root = await openWidget(page, ID, "weights=1,1,oops,1,1,1");
  await expect(root.locator('input[name="weight-3"]')).toHaveValue("oops");
  await expect(root.locator("[role=alert]")).toContainText("weights");
  await expect(root.locator("[role=alert]")).not.toContainText("comma-separated");
  await root.locator('input[name="weight-2"]').fill("-1");
  const message = root.locator(".field-error");
  await expect(message).toHaveText(/^Weight of face 2 \(weights\) is −1; a weight must be a number from 0/);
  await expect(root.locator('input[name="weight-2"]')).toHaveAttribute("aria-invalid", "true");
  // The last valid state's note and die are stale: the note hidden, the figure dimmed.
  await expect(root.locator("[data-role=note]")).toBeHidden();
  expect(
    Number(
      await root
        .locator("svg")
        .first()
        .evaluate((svg) => getComputedStyle(svg).opacity),
    ),
  ).toBeLessThan(0.5);
  await root.locator('input[name="weight-2"]').fill("1");
  await expect(message).toContainText("Weight of face 3");
  await root.locator('input[name="weight-3"]').fill("2");
  await expect(root.locator("[role=alert]")).toBeHidden();
  await expect(message).toHaveCount(0);
  await expect(root).not.toHaveAttribute("data-stale");
  await expect(root).toHaveAttribute("data-ready", "");
  expect(await outputValue(page, "p_event")).toBeCloseTo(2 / 7, 12);
});

test("weights for more or fewer than six faces: every part shows the address, and a typed weight recovers", async ({
  page,
}) => {
  const root = await openWidget(page, ID, "weights=1,2,3,4,5,6,7,8&event=1,8");
  const fields = root.locator(".dice-weights input");
  await expect(fields).toHaveCount(6);
  // The fields hold the address's first six weights, not the default die's; the event's buttons the faces it names.
  for (const [i, value] of ["1", "2", "3", "4", "5", "6"].entries()) await expect(fields.nth(i)).toHaveValue(value);
  await expect(root.locator('.face-picker[data-set="event"] button[aria-pressed="true"]')).toHaveText(["1"]);
  const alert = root.locator("[role=alert]").first();
  await expect(alert).toContainText("8 weights");
  await expect(alert).toContainText("6 faces");
  expect(await outputValue(page, "p_event")).toBeUndefined();
  await root.locator('input[name="weight-6"]').fill("6");
  await root.locator('.face-picker[data-set="event"] button[data-face="6"]').click();
  await expect(root.locator("[role=alert]")).toBeHidden();
  await expect(root).toHaveAttribute("data-ready", "");
  expect(new URL(page.url()).searchParams.get("weights")).toBe("1,2,3,4,5,6");
  expect(await outputValue(page, "p_event")).toBeCloseTo(7 / 21, 12);

  await openWidget(page, ID, "weights=1,2,3,4");
  for (const [i, value] of ["1", "2", "3", "4", "", ""].entries()) await expect(fields.nth(i)).toHaveValue(value);
  await expect(root.locator("[role=alert]").first()).toContainText("4 weights");
});

test("a condition on faces of subnormal weight: P(A | B) exact, P(B) written out below the doubles' range", async ({
  page,
}) => {
  const root = await openWidget(page, ID, "weights=1e-320,2e-320,0,0,0,1e6&event=1&condition=1,2&n=100");
  await expect(root.locator("[role=alert]")).toBeHidden();
  // 1e-320 and 2e-320 are subnormal doubles (the nearest to them are 1e-320 and 2e-320 to 4 digits).
  expect(await outputValue(page, "p_event")).toBeCloseTo(1 / 3, 3);
  expect(await outputValue(page, "expectation")).toBeCloseTo(5 / 3, 3);
  await expect(root.locator('output[name="p_condition"]')).toHaveText("3e-326");
  await expect(root).not.toContainText(/NaN|Infinity/);
});
