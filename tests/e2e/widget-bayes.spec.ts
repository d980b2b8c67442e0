import { expect, test, type Page } from "@playwright/test";
import { expectBadInput, openWidget, outputValue } from "./site";

const ID = "bayes";

/** An independent computation: joint table, evidence by total probability, posteriors. */
function exact(priorWeights: number[], likelihood: number[]) {
  const total = priorWeights.reduce((a, b) => a + b, 0);
  const joint = priorWeights.map((w, i) => (w / total) * (likelihood[i] ?? 0));
  const evidence = joint.reduce((a, b) => a + b, 0);
  return { joint, evidence, posterior: joint.map((j) => j / evidence) };
}

async function posteriors(page: Page, count: number) {
  return Promise.all(Array.from({ length: count }, (_, i) => outputValue(page, `posterior_${i}`)));
}

test("computes the base-rate example: evidence by total probability and the posteriors", async ({ page }) => {
  await openWidget(page, ID, "prior=0.01,0.99&likelihood=0.9,0.09");
  const expected = exact([0.01, 0.99], [0.9, 0.09]);
  expect(await outputValue(page, "evidence")).toBeCloseTo(expected.evidence, 12);
  const [ill, healthy] = await posteriors(page, 2);
  expect(ill).toBeCloseTo(expected.posterior[0]!, 12);
  expect(healthy).toBeCloseTo(expected.posterior[1]!, 12);
  expect(await outputValue(page, "joint_0")).toBeCloseTo(0.009, 12);
});

test("takes the documented defaults and ignores unknown parameters", async ({ page }) => {
  await openWidget(page, ID, "colour=blue");
  expect(await outputValue(page, "evidence")).toBeCloseTo(0.0981, 12);
});

test("handles eight hypotheses, normalising prior weights with a note", async ({ page }) => {
  const prior = [1, 2, 3, 4, 5, 6, 7, 8];
  const likelihood = [0.1, 0.9, 0.5, 0, 1, 0.3, 0.7, 0.2];
  const root = await openWidget(page, ID, `prior=${prior}&likelihood=${likelihood}`);
  const expected = exact(prior, likelihood);
  const values = await posteriors(page, 8);
  values.forEach((value, i) => expect(value).toBeCloseTo(expected.posterior[i]!, 12));
  expect(values.reduce((a, b) => a! + b!, 0)).toBeCloseTo(1, 12);
  expect(await outputValue(page, "evidence")).toBeCloseTo(expected.evidence, 12);
  await expect(root.locator("[data-role=note]")).toBeVisible();
  await expect(root.locator("[data-role=note]")).toContainText("36");
  await expect(root.locator("tbody tr")).toHaveCount(8);
  await expect(root.locator("[data-role=add]")).toBeDisabled();
});

test("buttons, presets and the table change the state and the address bar", async ({ page }) => {
  const root = await openWidget(page, ID);
  await root.locator("[data-role=posterior-as-prior]").click();
  await expect(root).toHaveAttribute("data-ready", "");
  const once = exact([0.01, 0.99], [0.9, 0.09]).posterior;
  const twice = exact(once, [0.9, 0.09]).posterior;
  expect(await outputValue(page, "posterior_0")).toBeCloseTo(twice[0]!, 12);
  await expect(page).toHaveURL(/prior=0\.0917/);

  await root.locator("select[data-role=preset]").selectOption("coins");
  await expect(page).toHaveURL(/prior=1%2C1%2C1%2C1&likelihood=0\.2%2C0\.4%2C0\.6%2C0\.8/);
  await expect(root).toHaveAttribute("data-ready", "");
  expect(await outputValue(page, "posterior_3")).toBeCloseTo(0.4, 12);

  await root.locator("[data-role=remove]").click();
  await expect(root.locator("tbody tr")).toHaveCount(3);
  await expect(page).toHaveURL(/prior=1%2C1%2C2&likelihood=0\.2%2C0\.4%2C0\.6(&|$)/);
  await expect(root.locator("output[name=posterior_3]")).toHaveCount(0);

  await root.locator("[data-role=add]").click();
  await expect(root.locator("tbody tr")).toHaveCount(4);
  await expect(root).toHaveAttribute("data-ready", "");
  expect(await outputValue(page, "posterior_3")).toBeDefined();
  await expect(page).toHaveURL(/likelihood=0\.2%2C0\.4%2C0\.6%2C0\.5/);

  await root.locator('input[name="likelihood-0"]').fill("1");
  await expect(page).toHaveURL(/likelihood=1%2C0\.4/);
  await expect(root).toHaveAttribute("data-ready", "");
  const expected = exact([1, 1, 1, 1], [1, 0.4, 0.6, 0.5]);
  expect(await outputValue(page, "posterior_0")).toBeCloseTo(expected.posterior[0]!, 12);

  await page.reload();
  await expect(page.locator(`[data-widget="${ID}"]`)).toHaveAttribute("data-ready", "");
  expect(await outputValue(page, "posterior_0")).toBeCloseTo(expected.posterior[0]!, 12);
});

test("the diagram's handles are keyboard sliders and can be dragged", async ({ page }) => {
  const root = await openWidget(page, ID, "prior=0.5,0.5&likelihood=0.5,0.5");
  const likelihood = root.locator('rect.likelihood-handle[data-index="0"]');
  await expect(likelihood).toHaveAttribute("role", "slider");
  await likelihood.focus();
  await page.keyboard.press("PageUp");
  await expect(page).toHaveURL(/likelihood=0\.6%2C0\.5/);
  await expect(root).toHaveAttribute("data-ready", "");
  expect(await outputValue(page, "posterior_0")).toBeCloseTo(0.6 / 1.1, 12);

  const border = root.locator('rect.prior-handle[data-index="0"]');
  await border.focus();
  await page.keyboard.press("ArrowRight");
  await expect(page).toHaveURL(/prior=0\.51%2C0\.49/);

  // Drag the border to the far left: H1's prior goes to 0 and so does its posterior.
  const box = (await border.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x - 400, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  await expect(page).toHaveURL(/prior=0%2C1/);
  await expect(root).toHaveAttribute("data-ready", "");
  expect(await outputValue(page, "posterior_0")).toBe(0);
});

test("bad input gets a clear alert naming the parameter", async ({ page }) => {
  await expectBadInput(page, ID, "prior=0.5,0.5&likelihood=0.5", "likelihood");
  await expectBadInput(page, ID, "prior=0.5,-0.5&likelihood=0.5,0.5", "prior");
  await expectBadInput(page, ID, "likelihood=0.5,1.5", "likelihood");
  await expectBadInput(page, ID, "prior=a,b", "prior");
  await expectBadInput(page, ID, "prior=1&likelihood=1", "prior");
  await expectBadInput(page, ID, "prior=1,1,1,1,1,1,1,1,1&likelihood=1,1,1,1,1,1,1,1,1", "prior");
  await expectBadInput(page, ID, "prior=0,0", "prior");
  // Evidence of probability zero: no posterior is defined.
  await expectBadInput(page, ID, "prior=0.5,0.5&likelihood=0,0", "likelihood");
  await expectBadInput(page, ID, "prior=1,0&likelihood=0,1", "likelihood");
});

test("fits a 320 px wide screen", async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 700 });
  await openWidget(page, ID, "prior=1,1,1,1,1,1,1,1&likelihood=0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8");
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
});

test("shows bad values where they were typed, and recovers once they are fixed", async ({ page }) => {
  const root = await openWidget(page, ID, "prior=0.3,0.7&likelihood=0.5");
  await expect(root.locator("[role=alert]")).toContainText("likelihood");
  await expect(root.locator('input[name="prior-0"]')).toHaveValue("0.3");
  await expect(root.locator('input[name="likelihood-1"]')).toHaveValue("");
  await root.locator('input[name="likelihood-1"]').fill("0.25");
  await expect(root.locator("[role=alert]")).toBeHidden();
  await expect(root).toHaveAttribute("data-ready", "");
  const expected = exact([0.3, 0.7], [0.5, 0.25]);
  expect(await outputValue(page, "posterior_0")).toBeCloseTo(expected.posterior[0]!, 12);
  await expect(page).toHaveURL(/likelihood=0\.5%2C0\.25/);
});

test("joints below the doubles' range: the exact posterior, and the evidence written out, not 0", async ({ page }) => {
  // 1e-200 · 1e-200 = 1e-400 underflows to 0 as a double; the posterior is still (0, 0, 1).
  const root = await openWidget(page, ID, "prior=1,0,1e-200&likelihood=0,1,1e-200");
  await expect(root.locator("[role=alert]")).toBeHidden();
  expect(await posteriors(page, 3)).toEqual([0, 0, 1]);
  await expect(root.locator('output[name="evidence"]')).toHaveText("1e-400");
  await expect(root.locator('output[name="joint_2"]')).toHaveText("1e-400");
  await expect(root).not.toContainText(/NaN|Infinity/);
});
