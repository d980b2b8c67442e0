import { expect, test } from "@playwright/test";
import { expectBadInput, openWidget, outputValue } from "./site";

const ID = "reparam";

/** ∂ELBO/∂qm = −P(qm − mp), ∂ELBO/∂qs = −P·qs + 1/qs, with P the posterior precision 1 + w²/s². */
function exactGradient(x: number, w: number, b: number, s: number, qm: number, qs: number) {
  const precision = 1 + (w * w) / (s * s);
  const postMean = (w * (x - b)) / (w * w + s * s);
  return { qm: -precision * (qm - postMean), qs: -precision * qs + 1 / qs };
}

test("both estimators are within 4 standard errors of the exact gradient", async ({ page }) => {
  await openWidget(page, ID, "x=0.5&w=1.2&b=-0.3&s=0.6&qm=0.4&qs=0.7&n=5000&seed=9");
  const exact = exactGradient(0.5, 1.2, -0.3, 0.6, 0.4, 0.7);
  expect(await outputValue(page, "grad_qm")).toBeCloseTo(exact.qm, 12);
  expect(await outputValue(page, "grad_qs")).toBeCloseTo(exact.qs, 12);
  for (const estimator of ["score", "reparam"]) {
    for (const part of ["qm", "qs"] as const) {
      const estimate = (await outputValue(page, `${estimator}_${part}`))!;
      const se = (await outputValue(page, `${estimator}_${part}_se`))!;
      expect(Math.abs(estimate - exact[part])).toBeLessThan(4 * se);
    }
  }
});

test("the score function is the noisier estimator, in the draws and exactly", async ({ page }) => {
  await openWidget(page, ID);
  for (const part of ["qm", "qs"]) {
    expect(await outputValue(page, `score_var_${part}`)).toBeGreaterThan(
      (await outputValue(page, `reparam_var_${part}`))!,
    );
    expect(await outputValue(page, `score_var_${part}_exact`)).toBeGreaterThan(
      (await outputValue(page, `reparam_var_${part}_exact`))!,
    );
  }
  // Reparameterised ∂/∂qm per sample is −P(z − mp): its variance is P²·qs² exactly.
  const precision = 1 + 1.5 ** 2 / 0.8 ** 2;
  expect(await outputValue(page, "reparam_var_qm_exact")).toBeCloseTo(precision * precision, 10);
});

test("'New draws' moves to the next seed and changes the estimates, not the exact gradient", async ({ page }) => {
  const root = await openWidget(page, ID, "seed=5");
  const before = await outputValue(page, "score_qm");
  const exact = await outputValue(page, "grad_qm");
  await root.getByRole("button", { name: /New draws/ }).click();
  await expect(page).toHaveURL(/seed=6/);
  await expect(root).toHaveAttribute("data-ready", "");
  expect(await outputValue(page, "score_qm")).not.toBe(before);
  expect(await outputValue(page, "grad_qm")).toBe(exact);
});

test("bad input gets a clear alert", async ({ page }) => {
  await expectBadInput(page, ID, "qs=0", "qs");
  await expectBadInput(page, ID, "s=-0.5", "s:");
  await expectBadInput(page, ID, "x=one", "x");
  await expectBadInput(page, ID, "qm=-Infinity", "qm");
  await expectBadInput(page, ID, "n=2000000", "n");
});
