import { expect, test } from "@playwright/test";
import { expectBadInput, openWidget, outputValue } from "./site";

const ID = "kl-std-normal";

test("computes the closed form for the state in the URL", async ({ page }) => {
  await openWidget(page, ID, "mu=1,0.5&logvar=-1,0.5");
  const expected = 0.5 * (Math.exp(-1) + 1 - 1 + 1) + 0.5 * (Math.exp(0.5) + 0.25 - 1 - 0.5);
  expect(await outputValue(page, "kl")).toBeCloseTo(expected, 12);
});

test("takes documented defaults and ignores unknown parameters", async ({ page }) => {
  await openWidget(page, ID, "colour=blue");
  const mu = [0.8, -0.4, 0];
  const logvar = [-0.5, 0.3, 0];
  const expected = mu.reduce((sum, m, j) => sum + 0.5 * (Math.exp(logvar[j]!) + m * m - 1 - logvar[j]!), 0);
  expect(await outputValue(page, "kl")).toBeCloseTo(expected, 12);
});

test("a control changes the state, the output and the address bar", async ({ page }) => {
  const root = await openWidget(page, ID);
  await root.locator('input[name="mu"]').fill("0, 0, 0");
  await root.locator('input[name="logvar"]').fill("0, 0, 0");
  await expect(page).toHaveURL(/mu=0%2C\+?0%2C\+?0|mu=0,\s?0,\s?0/);
  await expect(root).toHaveAttribute("data-ready", "");
  expect(await outputValue(page, "kl")).toBe(0);
  await page.reload();
  await expect(page.locator(`[data-widget="${ID}"]`)).toHaveAttribute("data-ready", "");
  expect(await outputValue(page, "kl")).toBe(0);
});

test("bad input gets a clear alert", async ({ page }) => {
  await expectBadInput(page, ID, "mu=1,2&logvar=0", "logvar");
  await expectBadInput(page, ID, "mu=abc", "mu");
  await expectBadInput(page, ID, "logvar=Infinity,0,0", "logvar");
  await expectBadInput(page, ID, "mu=", "mu");
});
