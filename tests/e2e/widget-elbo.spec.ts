import { expect, test, type Page } from "@playwright/test";
import { expectBadInput, openWidget, outputValue, scrollToReach, watchPage } from "./site";

const ID = "elbo";

/** Independent closed forms of the contract's model, written out here rather than imported from src/lib. */
function expected(x: number, w: number, b: number, s: number, qm: number, qs: number) {
  const marginal = w * w + s * s;
  const logPx = -0.5 * Math.log(2 * Math.PI * marginal) - (x - b) ** 2 / (2 * marginal);
  const recon = -0.5 * Math.log(2 * Math.PI * s * s) - ((x - w * qm - b) ** 2 + w * w * qs * qs) / (2 * s * s);
  const klPrior = 0.5 * (qs * qs + qm * qm - 1 - Math.log(qs * qs));
  const postVar = (s * s) / marginal;
  const postMean = (w * (x - b)) / marginal;
  const klGap = 0.5 * (Math.log(postVar / (qs * qs)) + (qs * qs + (qm - postMean) ** 2) / postVar - 1);
  return { logPx, recon, klPrior, elbo: recon - klPrior, klGap, postMean, postSd: Math.sqrt(postVar) };
}

async function values(page: Page, names: string[]) {
  const result: Record<string, number> = {};
  for (const name of names) {
    const value = await outputValue(page, name);
    if (value === undefined) throw new Error(`output ${name} has no data-value`);
    result[name] = value;
  }
  return result;
}

const ALL = ["log_px", "elbo", "kl_gap", "recon", "kl_prior", "elbo_mc", "elbo_mc_se", "identity_residual"];

test("computes every closed form for the state in the URL, and the identity holds to machine precision", async ({
  page,
}) => {
  const watch = watchPage(page);
  await openWidget(page, ID, "x=1&w=2&b=0.5&s=0.7&qm=0.2&qs=0.9&n=4000&seed=3");
  const v = await values(page, ALL);
  const e = expected(1, 2, 0.5, 0.7, 0.2, 0.9);
  expect(v.log_px).toBeCloseTo(e.logPx, 12);
  expect(v.recon).toBeCloseTo(e.recon, 12);
  expect(v.kl_prior).toBeCloseTo(e.klPrior, 12);
  expect(v.elbo).toBeCloseTo(e.elbo, 12);
  expect(v.kl_gap).toBeCloseTo(e.klGap, 12);
  expect(Math.abs(v.log_px! - (v.elbo! + v.kl_gap!))).toBeLessThan(1e-14);
  expect(v.identity_residual).toBe(v.log_px! - (v.elbo! + v.kl_gap!));
  expect(Math.abs(v.elbo_mc! - e.elbo)).toBeLessThan(4 * v.elbo_mc_se!);
  expect(v.elbo).toBeLessThanOrEqual(v.log_px!);
  expect(watch.problems).toEqual([]);
  expect(watch.foreign).toEqual([]);
});

test("takes documented defaults and ignores unknown parameters", async ({ page }) => {
  await openWidget(page, ID, "colour=blue");
  const e = expected(1.5, 1.5, 0, 0.8, 0, 1);
  expect(await outputValue(page, "log_px")).toBeCloseTo(e.logPx, 12);
  expect(await outputValue(page, "kl_gap")).toBeCloseTo(e.klGap, 12);
  expect(await outputValue(page, "kl_prior")).toBe(0);
});

test("'Set q to the true posterior' closes the gap exactly and writes the permalink", async ({ page }) => {
  const root = await openWidget(page, ID, "x=0.3&w=-1.2&b=0.1&s=0.5&qm=2&qs=2");
  expect(await outputValue(page, "kl_gap")).toBeGreaterThan(0.5);
  await root.getByRole("button", { name: "Set q to the true posterior" }).click();
  await expect(root.locator('output[name="kl_gap"]')).toHaveAttribute("data-value", "0");
  await expect(root).toHaveAttribute("data-ready", "");
  const e = expected(0.3, -1.2, 0.1, 0.5, 0, 1);
  const v = await values(page, ALL);
  expect(v.elbo).toBeCloseTo(v.log_px!, 13);
  expect(v.elbo_mc).toBeCloseTo(e.logPx, 12);
  expect(v.elbo_mc_se).toBeLessThan(1e-12);
  const url = new URL(page.url());
  expect(Number(url.searchParams.get("qm"))).toBeCloseTo(e.postMean, 14);
  expect(Number(url.searchParams.get("qs"))).toBeCloseTo(e.postSd, 14);
  await page.reload();
  await expect(page.locator(`[data-widget="${ID}"]`)).toHaveAttribute("data-ready", "");
  expect(await outputValue(page, "kl_gap")).toBe(0);
});

test("a slider and a field change the state, the outputs and the address bar", async ({ page }) => {
  const root = await openWidget(page, ID);
  await root.locator('input[type="range"][name="qm"]').fill("0.5");
  await expect(page).toHaveURL(/qm=0\.5/);
  await expect(root).toHaveAttribute("data-ready", "");
  await expect(root.locator('input[type="text"][name="qm"]')).toHaveValue("0.5");
  expect(await outputValue(page, "kl_prior")).toBeCloseTo(0.125, 14);
  await root.locator('input[type="text"][name="qs"]').fill("0.25");
  await expect(page).toHaveURL(/qs=0\.25/);
  await expect(root).toHaveAttribute("data-ready", "");
  const e = expected(1.5, 1.5, 0, 0.8, 0.5, 0.25);
  expect(await outputValue(page, "kl_gap")).toBeCloseTo(e.klGap, 12);
});

test("the same seed gives the same Monte Carlo ELBO and another seed a different one", async ({ page }) => {
  await openWidget(page, ID, "n=500&seed=42");
  const first = await outputValue(page, "elbo_mc");
  await openWidget(page, ID, "n=500&seed=42");
  expect(await outputValue(page, "elbo_mc")).toBe(first);
  await openWidget(page, ID, "n=500&seed=43");
  expect(await outputValue(page, "elbo_mc")).not.toBe(first);
});

test("one sample gives an unbounded standard error with a note, not NaN", async ({ page }) => {
  const root = await openWidget(page, ID, "n=1");
  await expect(root.locator('output[name="elbo_mc_se"]')).toHaveAttribute("data-value", "Infinity");
  await expect(root.locator("[data-role=note]")).toBeVisible();
  expect(await root.innerText()).not.toMatch(/\bNaN\b|undefined/);
});

test("bad input gets a clear alert that names the parameter", async ({ page }) => {
  await expectBadInput(page, ID, "s=0", "s:");
  await expectBadInput(page, ID, "qs=-1", "qs");
  await expectBadInput(page, ID, "x=abc", "x");
  await expectBadInput(page, ID, "w=Infinity", "w");
  await expectBadInput(page, ID, "b=1,2", "b");
  await expectBadInput(page, ID, "qm=", "qm");
  await expectBadInput(page, ID, "n=0", "n");
  await expectBadInput(page, ID, "n=2.5", "n");
  await expectBadInput(page, ID, "seed=x", "seed");
  await expectBadInput(page, ID, "k=0", "(k):");
  await expectBadInput(page, ID, "k=1001", "(k):");
  await expectBadInput(page, ID, "k=2.5", "(k):");
  await expectBadInput(page, ID, "k=abc", "(k):");
  await expectBadInput(page, ID, "n=1000000&k=11", "10,000,000");
});

test("IWAE_k: k = 1 repeats the Monte Carlo ELBO, and a larger k climbs towards log p(x) in the figure too", async ({
  page,
}) => {
  await openWidget(page, ID, "x=2&qm=0&qs=1&n=2000&seed=4");
  const one = await values(page, ["elbo_mc", "elbo_mc_se", "iwae_mc", "iwae_mc_se"]);
  expect(one.iwae_mc).toBe(one.elbo_mc);
  expect(one.iwae_mc_se).toBe(one.elbo_mc_se);

  const root = await openWidget(page, ID, "x=2&qm=0&qs=1&n=2000&seed=4&k=100");
  const many = await values(page, ["log_px", "elbo", "iwae_mc", "iwae_mc_se"]);
  expect(many.iwae_mc).toBeGreaterThan(many.elbo! + 0.5 * (many.log_px! - many.elbo!));
  expect(many.iwae_mc).toBeLessThan(many.log_px! + 4 * many.iwae_mc_se!);
  await expect(root.locator(".row-labels text").last()).toHaveText("IWAE, K = 100");
  const dot = await root.locator(".estimate-iwae circle").boundingBox();
  const evidence = await root.locator("line.evidence").boundingBox();
  expect(Math.abs(dot!.x + dot!.width / 2 - evidence!.x)).toBeLessThan(40);

  // The field changes k, the outputs and the permalink.
  await root.locator('input[name="k"]').fill("10");
  await expect(page).toHaveURL(/[?&]k=10(&|$)/);
  await expect(root).toHaveAttribute("data-ready", "");
  await expect(root.locator(".row-labels text").last()).toHaveText("IWAE, K = 10");
});

test("values beyond double precision get a message instead of Infinity or NaN", async ({ page }) => {
  await expectBadInput(page, ID, "x=1000000&s=1e-300", "double-precision");
});

test("a bad value typed into a control shows the alert, and fixing it recovers", async ({ page }) => {
  const root = await openWidget(page, ID);
  const field = root.locator('input[type="text"][name="s"]');
  await field.fill("-2");
  await expect(root.locator("[role=alert]")).toContainText("s:");
  await expect(root.locator('output[name="elbo"]')).not.toHaveAttribute("data-value");
  await field.fill("0.8");
  await expect(root.locator("[role=alert]")).toBeHidden();
  await expect(root.locator('output[name="elbo"]')).toHaveAttribute("data-value", /\d/);
});

test("in the chapter, the step checks follow the widget's example", async ({ page }) => {
  const watch = watchPage(page);
  await page.goto("chapters/elbo/");
  const widget = page.locator(`[data-widget="${ID}"]`);
  await scrollToReach(widget);
  await expect(widget).toHaveAttribute("data-ready", "");
  const identity = page.locator('vae-elbo-check[data-step="identity"]');
  await widget.locator('input[type="text"][name="qm"]').fill("-0.7");
  await expect(widget).toHaveAttribute("data-ready", "");
  await expect(identity).toContainText("q = N(−0.7, 1²)");
  const e = expected(1.5, 1.5, 0, 0.8, -0.7, 1);
  const lhs = Number(await identity.locator('output[name="lhs"]').getAttribute("data-value"));
  const rhs = Number(await identity.locator('output[name="rhs"]').getAttribute("data-value"));
  expect(lhs).toBeCloseTo(e.elbo, 12);
  expect(Math.abs(lhs - rhs)).toBeLessThan(1e-14);
  await expect(identity.locator("[data-role=verdict]")).toContainText("agree to rounding");
  await widget.locator('input[type="text"][name="qm"]').fill("oops");
  await expect(identity.locator('output[name="lhs"]')).not.toHaveAttribute("data-value");
  await expect(identity.locator("[data-role=verdict]")).toContainText("invalid value");
  expect(watch.problems).toEqual([]);
});

test("in the chapter, every step check confirms its step on the default example", async ({ page }) => {
  await page.goto("chapters/elbo/");
  const checks = page.locator("vae-elbo-check");
  expect(await checks.count()).toBeGreaterThanOrEqual(10);
  // Checked in reverse, as a reader who jumps to the last step before the widget has been seen.
  for (const check of (await checks.all()).reverse()) {
    await scrollToReach(check);
    await expect(check.locator("[data-role=verdict]")).not.toBeEmpty();
    const verdict = (await check.locator("[data-role=verdict]").innerText()).trim();
    expect(verdict, (await check.getAttribute("data-step")) ?? "").toMatch(
      /agree to rounding|standard errors from the closed form, as/,
    );
    expect(verdict).not.toMatch(/more than/);
    for (const output of await check.locator("output[name]").all())
      await expect(output).toHaveAttribute("data-value", /./);
  }
});
