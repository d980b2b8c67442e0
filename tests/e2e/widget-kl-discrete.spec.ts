import { expect, test } from "@playwright/test";
import { expectBadInput, openWidget, outputValue } from "./site";

const ID = "kl-discrete";

/** Σ p log(p/q) written out, the reference for the widget's values. */
const kl = (p: number[], q: number[]) =>
  p.reduce((sum, pi, i) => (pi === 0 ? sum : sum + pi * Math.log(pi / q[i]!)), 0);

test("computes both directions of the notes' example by default", async ({ page }) => {
  await openWidget(page, ID);
  const p = [0.36, 0.48, 0.16];
  const q = [1 / 3, 1 / 3, 1 / 3];
  expect(await outputValue(page, "kl_pq")).toBeCloseTo(kl(p, q), 14);
  expect(await outputValue(page, "kl_qp")).toBeCloseTo(0.0974550067853876, 14);
});

test("normalises weights with a visible note, and converts to bits", async ({ page }) => {
  const root = await openWidget(page, ID, "p=2,3,5&q=1,1,1&unit=bits&colour=blue");
  const note = root.locator("[data-role=note]:visible");
  await expect(note).toContainText("P's weights sum to 10");
  await expect(root.locator("[role=alert]")).toBeHidden();
  const p = [0.2, 0.3, 0.5];
  const q = [1 / 3, 1 / 3, 1 / 3];
  expect(await outputValue(page, "kl_pq")).toBeCloseTo(kl(p, q) / Math.LN2, 13);
  expect(await outputValue(page, "kl_qp")).toBeCloseTo(kl(q, p) / Math.LN2, 13);
});

test("reports Infinity where Q is 0 and P is not, and 0·log 0 = 0", async ({ page }) => {
  await openWidget(page, ID, "p=0.5,0.5,0&q=0.25,0.25,0.5");
  expect(await outputValue(page, "kl_pq")).toBeCloseTo(Math.log(2), 14);
  const reverse = page.locator('output[name="kl_qp"]');
  await expect(reverse).toHaveAttribute("data-value", "Infinity");
  await expect(reverse).toHaveText("∞");
});

test("keeps a probability far below its partner (scipy.stats.entropy's values)", async ({ page }) => {
  await openWidget(page, ID, "p=1e-16,1&q=1,1e-16");
  expect(await outputValue(page, "kl_pq")).toBeCloseTo(36.8414, 4);
  await openWidget(page, ID, "p=1e-20,1&q=1,1e-20");
  expect(await outputValue(page, "kl_pq")).toBeCloseTo(46.0517, 4);
  await expect(page.locator('output[name="kl_qp"]')).not.toHaveText("∞");
});

test("a preset and a typed weight change the state, the outputs and the address bar", async ({ page }) => {
  const root = await openWidget(page, ID);
  await root.locator("select[data-role=preset]").selectOption({ label: "Disjoint supports" });
  await expect(page).toHaveURL(/p=0\.5%2C0\.5%2C0%2C0/);
  await expect(root).toHaveAttribute("data-ready", "");
  await expect(page.locator('output[name="kl_pq"]')).toHaveAttribute("data-value", "Infinity");
  await root.locator('input[name="q"]').fill("1,1,1,1");
  await expect(page).toHaveURL(/q=1%2C1%2C1%2C1/);
  await expect(root).toHaveAttribute("data-ready", "");
  expect(await outputValue(page, "kl_pq")).toBeCloseTo(Math.log(2), 14);
  await root.locator('select[name="unit"]').selectOption("bits");
  await expect(page).toHaveURL(/unit=bits/);
  await page.reload();
  await expect(page.locator(`[data-widget="${ID}"]`)).toHaveAttribute("data-ready", "");
  expect(await outputValue(page, "kl_pq")).toBeCloseTo(1, 14);
});

test("dragging a bar moves that probability and keeps the sum at 1", async ({ page }) => {
  const root = await openWidget(page, ID, "p=0.5,0.5&q=0.5,0.5");
  const bar = root.locator('svg[data-role=distributions] rect.handle[data-series="0"][data-outcome="0"]');
  const box = (await bar.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y - 60, { steps: 5 });
  await page.mouse.up();
  const weightsInUrl = () => new URL(page.url()).searchParams.get("p")!.split(",").map(Number);
  await expect.poll(() => weightsInUrl()[0]).toBeGreaterThan(0.5);
  await expect(root).toHaveAttribute("data-ready", "");
  const p = weightsInUrl();
  expect(p[0]! + p[1]!).toBeCloseTo(1, 12);
  expect(await outputValue(page, "kl_pq")).toBeCloseTo(kl(p, [0.5, 0.5]), 12);
});

test("bad input gets a clear alert", async ({ page }) => {
  await expectBadInput(page, ID, "p=0.5,0.5&q=1,1,1", "q");
  await expectBadInput(page, ID, "p=0.5,-0.5", "p");
  await expectBadInput(page, ID, "q=a,b,c", "q");
  await expectBadInput(page, ID, "p=0,0,0", "p");
  await expectBadInput(page, ID, "p=1", "p");
  await expectBadInput(page, ID, "p=1,1,1,1,1,1,1,1,1,1,1,1,1&q=1,1,1,1,1,1,1,1,1,1,1,1,1", "p");
  await expectBadInput(page, ID, "unit=decibels", "unit");
});
