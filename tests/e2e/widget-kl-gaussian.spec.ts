import { expect, test } from "@playwright/test";
import { expectBadInput, openWidget, outputValue } from "./site";

const ID = "kl-gaussian";

/** The 1-D closed form written out. */
const kl1 = (m1: number, v1: number, m2: number, v2: number) =>
  0.5 * (Math.log(v2 / v1) - 1 + v1 / v2 + (m2 - m1) ** 2 / v2);

test("gives the closed form and a Monte Carlo estimate within four standard errors", async ({ page }) => {
  await openWidget(page, ID, "mu1=0&cov1=1&mu2=1&cov2=4&n=20000&seed=3");
  expect(await outputValue(page, "kl")).toBeCloseTo(kl1(0, 1, 1, 4), 14);
  const mc = (await outputValue(page, "kl_mc"))!;
  const se = (await outputValue(page, "kl_mc_se"))!;
  expect(se).toBeGreaterThan(0);
  expect(Math.abs(mc - kl1(0, 1, 1, 4))).toBeLessThan(4 * se);
});

test("defaults: 2-D, with draggable means; the same seed gives the same numbers", async ({ page }) => {
  await openWidget(page, ID, "unknown=1");
  const first = await outputValue(page, "kl_mc");
  // Reference: log(|Σ2|/|Σ1|) − 2 + tr(Σ2⁻¹Σ1) + (μ2−μ1)ᵀΣ2⁻¹(μ2−μ1), for the documented defaults, by hand.
  const det1 = 1 * 2 - 0.36;
  const det2 = 2 * 0.8 - 0.09;
  const inv2 = [0.8 / det2, 0.3 / det2, 0.3 / det2, 2 / det2];
  const trace = inv2[0]! * 1 + inv2[1]! * 0.6 + inv2[2]! * 0.6 + inv2[3]! * 2;
  const d = [1, -0.5];
  const mean = d[0]! * (inv2[0]! * d[0]! + inv2[1]! * d[1]!) + d[1]! * (inv2[2]! * d[0]! + inv2[3]! * d[1]!);
  expect(await outputValue(page, "kl")).toBeCloseTo(0.5 * (Math.log(det2 / det1) - 2 + trace + mean), 13);
  await page.reload();
  await expect(page.locator(`[data-widget="${ID}"]`)).toHaveAttribute("data-ready", "");
  expect(await outputValue(page, "kl_mc")).toBe(first);
  await expect(page.locator("svg[data-role=normals] circle")).toHaveCount(2);
});

test("a million samples in 2-D finish and agree with the closed form", async ({ page }) => {
  await openWidget(page, ID, "n=1000000&seed=7");
  const exact = (await outputValue(page, "kl"))!;
  const mc = (await outputValue(page, "kl_mc"))!;
  const se = (await outputValue(page, "kl_mc_se"))!;
  expect(se).toBeLessThan(0.003);
  expect(Math.abs(mc - exact)).toBeLessThan(4 * se);
});

test("stays accurate for a covariance with condition number 1e8", async ({ page }) => {
  await openWidget(page, ID, "mu1=0,0&cov1=1,0.99999998,0.99999998,1&mu2=0.001,-0.001&cov2=1,0,0,1");
  // Golden value from exact rational arithmetic (tests/unit/lib/golden/golden.json).
  expect(await outputValue(page, "kl")).toBeCloseTo(8.51719419668, 6);
});

test("typing and dragging change the state, the outputs and the address bar", async ({ page }) => {
  const root = await openWidget(page, ID);
  await root.locator('input[name="cov2"]').fill("1, 0, 0, 1");
  await expect(page).toHaveURL(/cov2=1%2C\+?0%2C\+?0%2C\+?1/);
  await expect(root).toHaveAttribute("data-ready", "");
  const before = await outputValue(page, "kl");
  const mean = root.locator('svg[data-role=normals] circle[data-key="q"]');
  const box = (await mean.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 80, box.y + box.height / 2 - 40, { steps: 5 });
  await page.mouse.up();
  await expect(page).toHaveURL(/mu2=/);
  await expect(root).toHaveAttribute("data-ready", "");
  expect(await outputValue(page, "kl")).not.toBe(before);
});

test("a bad covariance typed on a phone is marked at its field, in plain words, and cleared when fixed", async ({
  browser,
}) => {
  const context = await browser.newContext({ viewport: { width: 375, height: 700 }, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  const root = await openWidget(page, ID);
  const field = root.locator('input[name="cov1"]');
  const border = () => field.evaluate((element) => getComputedStyle(element).borderTopColor);
  const valid = await border();
  await field.tap();
  await field.fill("-1, 0, 0, 1");
  await expect(field).toHaveAttribute("aria-invalid", "true");
  const message = root.locator(".field-error");
  await expect(message).toBeInViewport();
  await expect(message).toHaveText(/Σ₁ \(cov1\): .*the variance of x₁ .* is −1; a variance must be positive/);
  await expect(message).not.toContainText("pivot");
  expect(await field.getAttribute("aria-describedby")).toContain(await message.getAttribute("id"));
  expect(await border()).not.toBe(valid);
  await expect(root.locator("[role=alert]")).toContainText("cov1");
  const plot = root.locator("svg[data-role=normals]");
  expect(Number(await plot.evaluate((svg) => getComputedStyle(svg).opacity))).toBeLessThan(0.5);
  await field.fill("1, 0, 0, 1");
  await expect(root).toHaveAttribute("data-ready", "");
  await expect(field).not.toHaveAttribute("aria-invalid");
  await expect(message).toHaveCount(0);
  expect(Number(await plot.evaluate((svg) => getComputedStyle(svg).opacity))).toBe(1);
  await context.close();
});

test("bad input gets a clear alert", async ({ page }) => {
  await expectBadInput(page, ID, "mu1=0,0&mu2=0", "mu2");
  await expectBadInput(page, ID, "cov1=1,0.5,0.4,1", "cov1");
  await expectBadInput(page, ID, "cov2=1,2,2,1", "cov2");
  await expectBadInput(page, ID, "cov1=1,0,0", "cov1");
  await expectBadInput(page, ID, "mu1=zero,0", "mu1");
  await expectBadInput(page, ID, "mu1=0,0,0,0,0&mu2=0,0,0,0,0", "mu1");
  await expectBadInput(page, ID, "n=0", "n");
  await expectBadInput(page, ID, "n=2000000", "n");
  await expectBadInput(page, ID, "seed=1.5", "seed");
});
