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

test("the general Gaussian formula beside the VAE formula agrees, term by term", async ({ page }) => {
  const mu = [0.3, -1.2, 2, 0];
  const logvar = [-0.7, 0.4, 1.5, 0];
  await openWidget(page, ID, `mu=${mu.join(",")}&logvar=${logvar.join(",")}`);
  const kl = (await outputValue(page, "kl"))!;
  expect(await outputValue(page, "kl_general")).toBeCloseTo(kl, 13);
  expect(Math.abs((await outputValue(page, "difference"))!)).toBeLessThan(1e-13);
  expect(await outputValue(page, "trace_term")).toBeCloseTo(
    logvar.reduce((sum, v) => sum + Math.exp(v), 0),
    12,
  );
  expect(await outputValue(page, "mean_term")).toBeCloseTo(
    mu.reduce((sum, m) => sum + m * m, 0),
    12,
  );
  expect(await outputValue(page, "log_det_ratio")).toBeCloseTo(-logvar.reduce((sum, v) => sum + v, 0), 12);
  expect(await outputValue(page, "dimension")).toBe(4);
  await expect(page.locator("[data-role=verdict]")).toContainText("agree to rounding");
});

test("takes up to 64 dimensions and refuses 65, and every wrong vector by name", async ({ page }) => {
  const many = (k: number, value: string) => Array.from({ length: k }, () => value).join(",");
  await openWidget(page, ID, `mu=${many(64, "0.5")}&logvar=${many(64, "-1")}`);
  expect(await outputValue(page, "kl")).toBeCloseTo(64 * 0.5 * (Math.exp(-1) + 0.25 - 1 + 1), 11);
  expect(await outputValue(page, "kl_general")).toBeCloseTo((await outputValue(page, "kl"))!, 11);
  await expectBadInput(page, ID, `mu=${many(65, "0")}&logvar=${many(65, "0")}`, "mu");
  await expectBadInput(page, ID, "mu=1,2,3&logvar=0,0", "logvar");
  await expectBadInput(page, ID, "mu=1,one,0", "mu");
  await expectBadInput(page, ID, "mu=1e400,0,0", "mu");
  await expectBadInput(page, ID, "logvar=0,-Infinity,0", "logvar");
  await expectBadInput(page, ID, "logvar=0,,0", "logvar");
});

test("the verdict is cleared with the outputs when the input goes bad", async ({ page }) => {
  const root = await openWidget(page, ID);
  await root.locator('input[name="logvar"]').fill("0, zero, 0");
  await expect(root.locator("[role=alert]")).toContainText("logvar");
  await expect(root.locator("[data-role=verdict]")).toHaveText("");
});

test("variances too far apart for a Cholesky factorisation: the VAE formula still answers, with a note", async ({
  page,
}) => {
  const root = await openWidget(page, ID, "mu=0,0&logvar=-40,40");
  expect(await outputValue(page, "kl")).toBeCloseTo(0.5 * (Math.exp(-40) + Math.exp(40) - 2), 0);
  await expect(root.locator('output[name="kl_general"]')).not.toHaveAttribute("data-value");
  await expect(root.locator("[data-role=note]")).toContainText("Cholesky");
  await expect(root.locator("[role=alert]")).toBeHidden();
  expect(await root.innerText()).not.toMatch(/\bNaN\b|undefined/);
});
