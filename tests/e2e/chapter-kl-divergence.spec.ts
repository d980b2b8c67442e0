import { scrollToReach } from "./site";
import { expect, test, type Page } from "@playwright/test";

/** The derivation checks of the chapter follow the kl-gaussian widget's example. */
const value = async (page: Page, name: string) =>
  Number(await page.locator(`vae-kl-gaussian-check output[name="${name}"]`).getAttribute("data-value"));
const estimate = async (page: Page, name: string) => {
  const output = page.locator(`vae-kl-gaussian-check output[name="${name}"]`);
  return { mean: Number(await output.getAttribute("data-value")), se: Number(await output.getAttribute("data-se")) };
};

test("each step of the derivation holds on the example, and follows the reader's changes", async ({ page }) => {
  await page.goto("chapters/kl-divergence/");
  const widget = page.locator('[data-widget="kl-gaussian"]');
  await scrollToReach(widget);
  await expect(widget).toHaveAttribute("data-ready", "");
  await widget.locator('input[name="mu1"]').fill("0.5, 1, -1");
  await widget.locator('input[name="cov1"]').fill("2, 0.3, 0, 0.3, 1, 0.2, 0, 0.2, 0.5");
  await widget.locator('input[name="mu2"]').fill("0, 0, 0");
  await widget.locator('input[name="cov2"]').fill("1, 0, 0, 0, 1, 0, 0, 0, 1");
  await widget.locator('input[name="n"]').fill("40000");
  await expect(widget).toHaveAttribute("data-ready", "");
  await expect(page.locator("vae-kl-gaussian-check [data-role=example]").first()).toContainText("n = 40000");
  for (const check of await page.locator("vae-kl-gaussian-check").all())
    await expect(check).toHaveAttribute("data-ready", "");

  const klMc = Number(await widget.locator('output[name="kl_mc"]').getAttribute("data-value"));
  const kl = Number(await widget.locator('output[name="kl"]').getAttribute("data-value"));
  // Step 1 uses the widget's own samples; the closed form is the widget's.
  expect((await estimate(page, "definition-sampled")).mean).toBe(klMc);
  expect(await value(page, "definition-formula")).toBe(kl);
  // Step 2: log p(x₀) term by term equals the direct evaluation.
  expect(await value(page, "log-density-formula")).toBeCloseTo(await value(page, "log-density-direct"), 12);
  // Step 4: the scalar equals its trace form.
  expect(await value(page, "scalar-trace-scalar")).toBeCloseTo(await value(page, "scalar-trace-trace"), 12);
  // Step 6: k/2 = 1.5 for k = 3, within four standard errors of the sampled term, and far from the notes' k.
  const first = await estimate(page, "first-quadratic-sampled");
  expect(await value(page, "first-quadratic-formula")).toBe(1.5);
  expect(Math.abs(first.mean - 1.5)).toBeLessThan(4 * first.se);
  expect(Math.abs(first.mean - 3)).toBeGreaterThan(20 * first.se);
  // Step 7: the cross term vanishes; the split adds up.
  const cross = await estimate(page, "second-split-cross");
  expect(Math.abs(cross.mean)).toBeLessThan(4 * cross.se);
  const second = await estimate(page, "second-split-second");
  expect(Math.abs(second.mean - (await value(page, "second-split-formula")))).toBeLessThan(4 * second.se);
  // Step 8: the assembled formula is the closed form, and the misplaced bracket is not.
  expect(await value(page, "assembly-formula")).toBe(kl);
  expect(Math.abs((await value(page, "assembly-misplaced")) - kl)).toBeGreaterThan(0.5);
});

test("the worked example's table gives the exact value and the notes' rounded ones", async ({ page }) => {
  await page.goto("chapters/kl-divergence/");
  const cells = page.locator(".kl-notes-example td[data-value]");
  const values = await cells.evaluateAll((elements) =>
    elements.map((element) => Number(element.getAttribute("data-value"))),
  );
  expect(values[0]).toBeCloseTo(0.097455006785387, 12);
  expect(values[3]).toBeCloseTo(0.09636, 5);
});
