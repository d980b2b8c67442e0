import { expect, test } from "@playwright/test";
import { expectBadInput, openWidget, outputValue } from "./site";

const ID = "trace-trick";

test("the exact expectation by hand, and the estimate within four standard errors", async ({ page }) => {
  await openWidget(page, ID, "mu=1,-1&cov=2,0.6,0.6,1&a=1,0.5,-0.3,2&m=0,0&n=50000&seed=2");
  // tr(AΣ) = 1·2 + 0.5·0.6 − 0.3·0.6 + 2·1; (μ − m)ᵀA(μ − m) with μ − m = (1, −1): 1 − 0.5 + 0.3 + 2.
  const exact = 2 + 0.3 - 0.18 + 2 + (1 - 0.5 + 0.3 + 2);
  expect(await outputValue(page, "exact")).toBeCloseTo(exact, 13);
  const mc = (await outputValue(page, "mc"))!;
  const se = (await outputValue(page, "mc_se"))!;
  expect(Math.abs(mc - exact)).toBeLessThan(4 * se);
  const cross = (await outputValue(page, "cross_mc"))!;
  const crossSe = (await outputValue(page, "cross_mc_se"))!;
  expect(crossSe).toBeGreaterThan(0);
  expect(Math.abs(cross)).toBeLessThan(4 * crossSe);
});

test("m defaults to mu, and the trace identities hold where they should", async ({ page }) => {
  await openWidget(page, ID);
  expect(await outputValue(page, "shift_term")).toBe(0);
  expect(await outputValue(page, "exact")).toBeCloseTo(2 + 0.3 - 0.18 + 2, 13);
  const value = async (name: string) => (await outputValue(page, name))!;
  expect(await value("tr_ab")).toBeCloseTo(await value("tr_ba"), 12);
  expect(await value("tr_abc")).toBeCloseTo(await value("tr_bca"), 12);
  expect(await value("tr_abc")).toBeCloseTo(await value("tr_cab"), 12);
  expect(Math.abs((await value("tr_abc")) - (await value("tr_acb")))).toBeGreaterThan(1e-6);
});

test("a control changes the state, the outputs and the address bar", async ({ page }) => {
  const root = await openWidget(page, ID);
  await root.locator('input[name="m"]').fill("0, 0");
  await expect(page).toHaveURL(/m=0%2C\+?0/);
  await expect(root).toHaveAttribute("data-ready", "");
  expect(await outputValue(page, "shift_term")).toBeCloseTo(1 - 0.5 + 0.3 + 2, 13);
  await page.reload();
  await expect(page.locator(`[data-widget="${ID}"]`)).toHaveAttribute("data-ready", "");
  expect(await outputValue(page, "shift_term")).toBeCloseTo(1 - 0.5 + 0.3 + 2, 13);
});

test("bad input gets a clear alert", async ({ page }) => {
  await expectBadInput(page, ID, "a=1,2,3", "a");
  await expectBadInput(page, ID, "cov=1,0.2,0.3,1", "cov");
  await expectBadInput(page, ID, "cov=-1,0,0,1", "cov");
  await expectBadInput(page, ID, "m=1,2,3", "m");
  await expectBadInput(page, ID, "mu=one,0", "mu");
  await expectBadInput(page, ID, "n=-5", "n");
});
