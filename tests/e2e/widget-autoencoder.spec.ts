import { expect, test } from "@playwright/test";
import { expectBadInput, outputValue, watchPage, WITHOUT_SPEED_PROBE } from "./site";

const ID = "autoencoder";
// The speed probe is widget-vae.spec.ts's to test: these pages start on WASM, the backend it picks here.
test.use(WITHOUT_SPEED_PROBE);
/** Loading TensorFlow.js and the digits, 5 s of training, and the held-out evaluation. */
const TRAINING_TIMEOUT = 50_000;

test("trains for its budget, then shows the held-out MSE and the digit strip", async ({ page }) => {
  test.setTimeout(90_000);
  const watch = watchPage(page);
  await page.goto(`embed/${ID}/?autostart=1&seconds=5&noise=0.3&latent=32`);
  const root = page.locator(`[data-widget="${ID}"]`);
  await expect(root).toHaveAttribute("data-ready", "", { timeout: TRAINING_TIMEOUT });
  const mse = await outputValue(page, "mse_test");
  const steps = await outputValue(page, "steps");
  // The budget is time: how many steps fit depends on the machine, but some must.
  expect(steps).toBeGreaterThan(5);
  // Untrained sigmoid outputs near 0.5 give an MSE near 0.2; a few seconds of training beat it clearly.
  expect(mse).toBeGreaterThan(0);
  expect(mse).toBeLessThan(0.12);
  await expect(root.locator("[role=alert]")).toBeHidden();
  const strip = await root
    .locator("canvas[data-role=reconstructed]")
    .evaluate((canvas: HTMLCanvasElement) => canvas.width);
  expect(strip).toBeGreaterThan(28 * 7);
  expect(await root.innerText()).not.toMatch(/\bNaN\b|undefined/);
  expect(watch.foreign).toEqual([]);
  expect(watch.problems).toEqual([]);
});

test("without autostart nothing heavy loads until Train, which loads the model and trains", async ({ page }) => {
  test.setTimeout(90_000);
  const workers: string[] = [];
  page.on("worker", (worker) => workers.push(worker.url()));
  await page.goto(`embed/${ID}/?seconds=3&noise=0`);
  const root = page.locator(`[data-widget="${ID}"]`);
  await expect(root).toHaveAttribute("data-ready", "", { timeout: TRAINING_TIMEOUT });
  expect(await outputValue(page, "steps")).toBeUndefined();
  expect(workers).toEqual([]);
  await root.locator("button[data-role=train]").click();
  await expect(root).not.toHaveAttribute("data-ready", "");
  await expect(root).toHaveAttribute("data-ready", "", { timeout: TRAINING_TIMEOUT });
  expect(await outputValue(page, "steps")).toBeGreaterThan(0);
  expect(await outputValue(page, "mse_test")).toBeLessThan(0.15);
  expect(workers.length).toBe(1);
});

test("the noise slider changes the state and the address bar", async ({ page }) => {
  await page.goto(`embed/${ID}/`);
  const root = page.locator(`[data-widget="${ID}"]`);
  await expect(root).toHaveAttribute("data-ready", "", { timeout: TRAINING_TIMEOUT });
  await root.locator('input[name="noise"]').fill("0.5");
  await expect(page).toHaveURL(/noise=0\.5/);
  await expect(root).toHaveAttribute("data-ready", "", { timeout: TRAINING_TIMEOUT });
  await expect(root.locator('input[name="noise"]')).toHaveValue("0.5");
});

test("bad input gets a clear alert", async ({ page }) => {
  await expectBadInput(page, ID, "latent=0", "latent");
  await expectBadInput(page, ID, "latent=100000", "latent");
  await expectBadInput(page, ID, "noise=1.5", "noise");
  await expectBadInput(page, ID, "noise=-0.1", "noise");
  await expectBadInput(page, ID, "seconds=-5", "seconds");
  await expectBadInput(page, ID, "seconds=0", "seconds");
});

test("a noise change after training tests the trained model at the new noise, and offers a new run", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto(`embed/${ID}/?seconds=5&noise=0.3&latent=32`);
  const root = page.locator(`[data-widget="${ID}"]`);
  await expect(root).toHaveAttribute("data-ready", "", { timeout: TRAINING_TIMEOUT });
  await root.locator("button[data-role=train]").click();
  await expect(root).not.toHaveAttribute("data-ready", "");
  await expect(root).toHaveAttribute("data-ready", "", { timeout: TRAINING_TIMEOUT });
  const steps = await outputValue(page, "steps");
  const trained = await outputValue(page, "mse_test");
  // Trained past an untrained model's ~0.2, so that its error depends on how much of the input is left.
  expect(trained).toBeLessThan(0.12);
  const corrupted = () =>
    root.locator("canvas[data-role=corrupted]").evaluate((canvas: HTMLCanvasElement) => canvas.toDataURL());
  const strip = await corrupted();

  // More pixels zeroed: the same model (same steps), measured again on inputs corrupted afresh.
  await root.locator('input[name="noise"]').fill("0.7");
  await expect(page).toHaveURL(/noise=0\.7/);
  await expect(root).toHaveAttribute("data-ready", "", { timeout: TRAINING_TIMEOUT });
  await expect.poll(() => outputValue(page, "mse_test")).toBeGreaterThan(trained!);
  expect(await outputValue(page, "steps")).toBe(steps);
  expect(await corrupted()).not.toBe(strip);
  const notice = root.locator("[data-role=retrain]");
  await expect(notice).toBeVisible();
  await expect(notice).toContainText("noise from 0.3 to 0.7");
  await expect(notice).toContainText("measured again with the new noise");

  // Keeping the trained model measures it at its own noise again: the figure it had.
  await root.locator("button[data-role=keep-trained]").click();
  await expect(notice).toBeHidden();
  await expect(root.locator('input[name="noise"]')).toHaveValue("0.3");
  await expect(root).toHaveAttribute("data-ready", "", { timeout: TRAINING_TIMEOUT });
  await expect.poll(() => outputValue(page, "mse_test")).toBeCloseTo(trained!, 6);
  expect(await outputValue(page, "steps")).toBe(steps);
  expect(await root.innerText()).not.toMatch(/\bNaN\b|undefined/);

  // Reset with the notice up starts over with the settings on screen, not the trained model's.
  await root.locator('input[name="latent"]').fill("16");
  await root.locator('input[name="latent"]').press("Enter");
  await expect(notice).toBeVisible();
  await expect(notice).toContainText("latent from 32 to 16");
  await root.locator("button[data-role=reset]").click();
  await expect(notice).toBeHidden();
  await expect(root).toHaveAttribute("data-ready", "", { timeout: TRAINING_TIMEOUT });
  expect(await outputValue(page, "steps")).toBe(0);
  await expect(root.locator('input[name="latent"]')).toHaveValue("16");
  await expect(page).toHaveURL(/latent=16/);
  expect(await outputValue(page, "mse_test")).toBeGreaterThan(trained!);
});
