import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { decodeWeights } from "../../src/ml/weights-format";
import { expectBadInput, outputValue, scrollToReach, watchPage, WITH_SPEED_PROBE, WITHOUT_SPEED_PROBE } from "./site";

const ID = "vae";
// Only the tests of the speed probe (WITH_SPEED_PROBE below) let the pages probe for a backend.
test.use(WITHOUT_SPEED_PROBE);
/** Loading TensorFlow.js and the digits, 5 s of training, the held-out evaluation and the measurement at rest (log p(x), gaps). */
const TRAINING_TIMEOUT = 300_000;

async function ready(page: Page, query: string) {
  await page.goto(`embed/${ID}/?${query}`);
  const root = page.locator(`[data-widget="${ID}"]`);
  await expect(root).toHaveAttribute("data-ready", "", { timeout: TRAINING_TIMEOUT });
  return root;
}

/**
 * Opens the widget and waits for its held-out evaluation only, not for the measurement at rest that
 * follows (log p(x) and the gaps: tens of seconds on a slow machine), for checks that do not read it.
 */
async function evaluated(page: Page, query: string) {
  await page.goto(`embed/${ID}/?${query}`);
  const root = page.locator(`[data-widget="${ID}"]`);
  await expect(root.locator('output[name="elbo_test"]')).toHaveAttribute("data-value", /\d/, {
    timeout: TRAINING_TIMEOUT,
  });
  await expect(root.locator("span[data-role=status]")).toHaveText(/^Ready\./);
  return root;
}

async function figures(page: Page) {
  return {
    elbo: (await outputValue(page, "elbo_test")) ?? NaN,
    recon: (await outputValue(page, "recon_test")) ?? NaN,
    kl: (await outputValue(page, "kl_test")) ?? NaN,
    steps: (await outputValue(page, "steps")) ?? NaN,
    stepsPerSecond: (await outputValue(page, "steps_per_s")) ?? NaN,
  };
}

test.describe("with the speed probe", () => {
  test.use(WITH_SPEED_PROBE);

  test("trains for its budget; the held-out ELBO is −(recon + KL) and well above the untrained model's", async ({
    page,
  }) => {
    test.setTimeout(420_000);
    const watch = watchPage(page);
    // Every held-out ELBO the page shows, with the step it was shown at: the first is the untrained model's.
    await page.addInitScript(() => {
      const shown: { elbo: number; steps: number }[] = [];
      (window as unknown as { elboShown: typeof shown }).elboShown = shown;
      new MutationObserver(() => {
        const value = (name: string) => document.querySelector(`output[name="${name}"]`)?.getAttribute("data-value");
        const elbo = Number(value("elbo_test") ?? NaN);
        if (Number.isFinite(elbo) && elbo !== shown.at(-1)?.elbo) shown.push({ elbo, steps: Number(value("steps")) });
      }).observe(document, { subtree: true, attributeFilter: ["data-value"] });
    });
    // k = 10 keeps the measurement at rest (log p(x) over 2,000 digits) short on a slow machine.
    const root = await ready(page, "latent=2&autostart=1&seconds=5&k=10");
    const result = await figures(page);
    // Ready means measured: IWAE_10 sits above the ELBO, and the model uses its two dimensions.
    expect((await outputValue(page, "log_px_test"))!).toBeGreaterThan(result.elbo);
    expect(await outputValue(page, "active_units")).toBe(2);
    expect((await outputValue(page, "gap_amortization"))!).toBeGreaterThanOrEqual(0);
    // The budget is time: how many steps fit depends on the machine, but some must.
    expect(result.steps).toBeGreaterThanOrEqual(10);
    expect(result.stepsPerSecond).toBeGreaterThan(1);
    expect(result.elbo).toBeCloseTo(-(result.recon + result.kl), 6);
    expect(result.kl).toBeGreaterThan(0);
    // Fresh weights already predict each pixel's marginal (the output bias starts at its log-odds,
    // seed 1: −251 nats; at zero it would be about −545); 10 steps gain ~33 nats, 60 steps ~66.
    const shown = await page.evaluate(
      () => (window as unknown as { elboShown: { elbo: number; steps: number }[] }).elboShown,
    );
    const untrained = shown.find((figure) => figure.steps === 0);
    expect(untrained, JSON.stringify(shown)).toBeDefined();
    expect(untrained!.elbo).toBeLessThan(-230);
    expect(untrained!.elbo).toBeGreaterThan(-275);
    expect(result.elbo).toBeGreaterThan(untrained!.elbo + 25);
    expect(result.elbo).toBeLessThan(-100);
    await expect(page.locator('output[name="backend"]')).toHaveAttribute("data-value", /^(wasm|cpu)$/);
    // Chosen by the speed probe, whose figures are shown (WebGL here is SwiftShader: far slower).
    await expect(root.locator("[data-role=backend]")).toContainText(
      /^Backend: wasm, .*; the fastest in a speed probe, ms per round: wasm [\d.]+, webgl [\d.]+/,
    );
    await expect(root.locator("[role=alert]")).toBeHidden();
    expect(await root.innerText()).not.toMatch(/\bNaN\b|undefined/);
    expect(watch.foreign).toEqual([]);
    expect(watch.problems).toEqual([]);
  });
});

test("the pretrained latent-20 model scores in the browser what the pretraining script measured", async ({ page }) => {
  test.setTimeout(420_000);
  const { meta } = decodeWeights(new Uint8Array(readFileSync("public/models/vae-latent20.bin")));
  const root = await ready(page, "latent=20&pretrained=1");
  const pretrained = await figures(page);
  // The model's own training: the steps of the pretraining run and its recorded curves.
  expect(meta.steps).toBeGreaterThan(0);
  expect(pretrained.steps).toBe(meta.steps);
  await root.locator('[role=tab][data-view="losses"]').click();
  const heldOutDots = root.locator("svg[data-role=recon-curve] circle");
  await expect(heldOutDots).toHaveCount(Math.max(1, meta.history?.heldOut.length ?? 0));
  if (meta.history) await expect(root.locator("svg[data-role=recon-curve] path[stroke]")).not.toHaveCount(0);
  expect(pretrained.elbo).toBeCloseTo(meta.heldOut.elbo, 1);
  expect(pretrained.elbo).toBeGreaterThan(-125);
  // Ready means measured too: log p(x) (IWAE, k = 100 by default), active units and the two gaps, as the script found.
  const measured = meta.measured!;
  const logPx = (await outputValue(page, "log_px_test"))!;
  expect(logPx).toBeGreaterThan(pretrained.elbo);
  expect(logPx).toBeCloseTo(measured.logPx, 1);
  expect(await outputValue(page, "active_units")).toBe(measured.activeUnits);
  expect(await outputValue(page, "gap_amortization")).toBeCloseTo(measured.gapAmortization, 1);
  expect(await outputValue(page, "gap_approximation")).toBeCloseTo(measured.gapApproximation, 1);
  expect(measured.gapAmortization).toBeGreaterThanOrEqual(0);
  // The Gaps view: one digit's three numbers side by side, in order, and the next digit on request.
  await root.locator('[role=tab][data-view="gaps"]').click();
  const cell = (role: string) => root.locator(`td[data-role="gap-${role}"]`);
  const read = async () =>
    Promise.all(
      ["encoder", "optimum", "log-px"].map(async (role) => Number((await cell(role).innerText()).replace("−", "-"))),
    );
  const [encoder, optimum, logPxOfDigit] = await read();
  expect(optimum).toBeGreaterThanOrEqual(encoder!);
  expect(logPxOfDigit).toBeGreaterThan(optimum! - 1);
  await expect(root.locator("svg[data-role=gap-line] circle")).toHaveCount(3);
  await root.locator("button[data-role=gap-next]").click();
  await expect(root.locator("[data-role=gap-caption]")).toContainText("digit 2 of 20");
  expect(await read()).not.toEqual([encoder, optimum, logPxOfDigit]);
});

test("latent 2: dragging the point decodes it; the grid and the scatter are drawn", async ({ page }) => {
  test.setTimeout(420_000);
  const root = await evaluated(page, "pretrained=1");
  await root.locator('[role=tab][data-view="grid"]').click();
  await expect(root.locator('[data-panel="grid"]')).toBeVisible();
  await root.locator('[role=tab][data-view="latent"]').click();
  const handle = root.locator("circle.handle");
  await expect(handle).toHaveCount(1);
  const plot = root.locator("svg[data-role=scatter-axes]");
  await scrollToReach(plot);
  // The ring is the one drag handle (src/widgets/handles): a press does not move it, there and back returns it.
  const at = (await handle.boundingBox())!;
  const [x0, y0] = [at.x + at.width / 2 + 2, at.y + at.height / 2 - 1];
  await page.mouse.move(x0, y0);
  await page.mouse.down();
  await expect(handle).toHaveAttribute("aria-valuetext", "z = (0, 0)");
  await page.mouse.move(x0 + 60, y0 - 50, { steps: 4 });
  await page.mouse.move(x0, y0, { steps: 4 });
  await expect(handle).toHaveAttribute("aria-valuetext", "z = (0, 0)");
  await page.mouse.move(x0 - 70, y0 + 60, { steps: 5 });
  await page.mouse.up();
  await expect(handle).toHaveAttribute("aria-valuetext", /z = \(−[\d.]+, −[\d.]+\)/);
  await handle.press("ArrowRight");
  await expect(handle).toHaveAttribute("aria-valuetext", /z = \(−[\d.]+, −/);
  // A click elsewhere on the plane moves the point there.
  const box = (await plot.boundingBox())!;
  await page.mouse.click(box.x + box.width * 0.8, box.y + box.height * 0.2);
  await expect(handle).toHaveAttribute("aria-valuetext", /z = \([\d.]+, [\d.]+\)/);
  await page.mouse.click(box.x + box.width * 0.3, box.y + box.height * 0.6);
  await expect(root.locator("[data-role=point]")).toContainText("z = (−");
  const decoded = await root.locator("canvas[data-role=decoded]").evaluate((canvas: HTMLCanvasElement) => {
    const data = canvas.getContext("2d")!.getImageData(0, 0, 28, 28).data;
    let ink = 0;
    for (let i = 3; i < data.length; i += 4) ink += data[i]!;
    return ink;
  });
  expect(decoded).toBeGreaterThan(0);
});

test("pause, resume and reset", async ({ page }) => {
  test.setTimeout(420_000);
  const root = await ready(page, "latent=2&seconds=30");
  const train = root.locator("button[data-role=train]");
  await train.click();
  // The first Train loads TensorFlow.js, the digits and the speed probe: slow on a loaded machine.
  await expect(train).toHaveText("Pause", { timeout: TRAINING_TIMEOUT });
  await page.waitForTimeout(1500);
  await train.click();
  await expect(train).toHaveText("Resume");
  await expect(root).toHaveAttribute("data-ready", "");
  const paused = (await outputValue(page, "steps")) ?? 0;
  expect(paused).toBeGreaterThan(0);
  await page.waitForTimeout(700);
  expect(await outputValue(page, "steps")).toBe(paused);
  await train.click();
  await expect(train).toHaveText("Pause");
  await expect.poll(async () => (await outputValue(page, "steps")) ?? 0).toBeGreaterThan(paused);
  await root.locator("button[data-role=reset]").click();
  await expect(root).toHaveAttribute("data-ready", "", { timeout: TRAINING_TIMEOUT });
  expect(await outputValue(page, "steps")).toBe(0);
});

test("a lost WebGL context: training goes on on WASM from the last copy of the model, and says so", async ({
  page,
}) => {
  test.setTimeout(240_000);
  const watch = watchPage(page);
  // The page's backend override (src/ml/client.ts): WebGL, which SwiftShader runs here, without the probe.
  await page.addInitScript(() => localStorage.setItem("vae-backend", "webgl"));
  // Train stops the measurement at rest (minutes of gap optimisation on SwiftShader's WebGL), so it is not awaited.
  const root = await evaluated(page, "latent=2&pretrained=1&seconds=120&k=1");
  await expect(page.locator('output[name="backend"]')).toHaveAttribute("data-value", "webgl");
  const pretrained = await outputValue(page, "elbo_test");
  await root.locator("button[data-role=train]").click();
  // A held-out evaluation during training, which also copies the model to the CPU.
  await expect.poll(() => outputValue(page, "elbo_test"), { timeout: 60_000 }).not.toBe(pretrained);
  const worker = page.workers().find((w) => w.url().includes("train.worker"))!;
  expect(await worker.evaluate(() => (self as unknown as { loseWebglContext(): boolean }).loseWebglContext())).toBe(
    true,
  );
  const note = root.locator("[data-role=note]");
  await expect(note).toContainText(/The GPU context was lost; training continues on WASM from step \d+\./, {
    timeout: 30_000,
  });
  const restored = Number(/from step (\d+)/.exec((await note.textContent()) ?? "")![1]);
  expect(restored).toBeGreaterThan(0);
  await expect(page.locator('output[name="backend"]')).toHaveAttribute("data-value", "wasm");
  await expect(root.locator("button[data-role=train]")).toHaveText("Pause");
  await expect.poll(async () => (await outputValue(page, "steps")) ?? 0).toBeGreaterThan(restored + 10);
  await expect(root.locator("[role=alert]")).toBeHidden();
  expect(watch.problems).toEqual([]);
});

test.describe("with the speed probe, in a chapter", () => {
  test.use(WITH_SPEED_PROBE);

  test("the backend is chosen once per page: the chapter's second VAE starts with the first one's choice", async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await page.goto("chapters/vae/");
    const widgets = page.locator('[data-widget="vae"]');
    // Both pretrained widgets come on screen at once, so the second has to wait for the first's probe.
    await widgets.nth(1).scrollIntoViewIfNeeded();
    await widgets.nth(0).scrollIntoViewIfNeeded();
    const lines = widgets.locator("[data-role=backend]");
    for (const index of [0, 1]) await expect(lines.nth(index)).toContainText("Backend: wasm", { timeout: 60_000 });
    const texts = await lines.allTextContents();
    expect(texts.filter((text) => text.includes("speed probe"))).toHaveLength(1);
  });
});

test.describe("cross-origin isolated", () => {
  test.use({ serviceWorkers: "allow", ...WITH_SPEED_PROBE });

  test("trains on the threaded WASM build (whose threads start from its factory's source text)", async ({ page }) => {
    test.setTimeout(120_000);
    const watch = watchPage(page);
    // The site's service worker isolates the pages it serves (src/data/site.ts), from the second load on.
    await page.goto("");
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller)
        await new Promise((resolve) => navigator.serviceWorker.addEventListener("controllerchange", resolve));
    });
    await page.goto(`embed/${ID}/?latent=2&autostart=1&seconds=3`);
    const root = page.locator(`[data-widget="${ID}"]`);
    // The budget spent and the final evaluation posted; the measurement at rest that follows is not read here.
    await expect(root.locator("span[data-role=status]")).toHaveText(/^Budget spent/, { timeout: TRAINING_TIMEOUT });
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    expect((await outputValue(page, "steps")) ?? 0).toBeGreaterThan(5);
    await expect(page.locator('output[name="backend"]')).toHaveAttribute("data-value", "wasm");
    // Every core but one, at least 2 (wasmThreads in src/ml/tf.ts).
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    await expect(root.locator("[data-role=backend]").first()).toContainText(`, ${Math.max(2, cores - 1)} threads`);
    await expect(root.locator("[role=alert]")).toBeHidden();
    expect(watch.problems).toEqual([]);
  });
});

test("bad input gets a clear alert", async ({ page }) => {
  await expectBadInput(page, ID, "latent=0", "latent");
  await expectBadInput(page, ID, "latent=1000000", "latent");
  await expectBadInput(page, ID, "beta=-1", "beta");
  await expectBadInput(page, ID, "seconds=-5", "seconds");
  await expectBadInput(page, ID, "hidden=0", "hidden");
  await expectBadInput(page, ID, "latent=5&pretrained=1", "pretrained");
  await expectBadInput(page, ID, "k=0", "k");
  await expectBadInput(page, ID, "k=5001", "k");
  await expectBadInput(page, ID, "k=2.5", "k");
});

test("bad input typed while the model is still loading keeps its alert once the model is ready", async ({ page }) => {
  test.setTimeout(420_000);
  // The worker is held back, so that the bad value arrives before its first "idle".
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/data/digits.bin", async (route) => {
    await held;
    await route.continue();
  });
  // k = 1: the measurement that ready waits for, log p(x), is not what this test reads.
  await page.goto(`embed/${ID}/?pretrained=1&k=1`);
  const root = page.locator(`[data-widget="${ID}"]`);
  const beta = root.locator('input[name="beta"]');
  await beta.fill("-2");
  await beta.press("Enter");
  await expect(root.locator("[role=alert]")).toContainText("beta");
  release();
  await expect(root.locator("span[data-role=status]")).not.toContainText("Loading", { timeout: TRAINING_TIMEOUT });
  await page.waitForTimeout(500);
  await expect(root.locator("[role=alert]")).toContainText("beta");
  await expect(root.locator('output[name="elbo_test"]')).not.toHaveAttribute("data-value");
  // Train would run with the last valid settings, unseen: it waits for valid ones.
  const train = root.locator("button[data-role=train]");
  await expect(train).toBeDisabled();
  await beta.fill("1");
  await beta.press("Enter");
  await expect(root.locator("[role=alert]")).toBeHidden();
  await expect(train).toBeEnabled();
  await expect(root).toHaveAttribute("data-ready", "", { timeout: TRAINING_TIMEOUT });
  await expect(root.locator('output[name="elbo_test"]')).toHaveAttribute("data-value", /\d/);
});

test("a training worker that cannot start is reported, not waited on", async ({ page }) => {
  await page.route("**/*train.worker*", (route) => route.abort());
  await page.goto(`embed/${ID}/?autostart=1&seconds=5`);
  const root = page.locator(`[data-widget="${ID}"]`);
  await expect(root).toHaveAttribute("data-ready", "", { timeout: TRAINING_TIMEOUT });
  await expect(root.locator("[role=alert]")).toContainText(/training worker/i);
  for (const output of await root.locator("output[name]").all()) {
    await expect(output).not.toHaveAttribute("data-value");
  }
  // Train says by being disabled that it has nothing to act on, rather than doing nothing.
  await expect(root.locator("button[data-role=train]")).toBeDisabled();
});

test("the digits failing to load is reported too", async ({ page }) => {
  await page.route("**/data/digits.bin", (route) => route.fulfill({ status: 404, body: "" }));
  await page.goto(`embed/${ID}/?pretrained=1`);
  const root = page.locator(`[data-widget="${ID}"]`);
  await expect(root).toHaveAttribute("data-ready", "", { timeout: TRAINING_TIMEOUT });
  await expect(root.locator("[role=alert]")).toContainText(/digits could not be loaded/);
});

test("a β change after training keeps the trained model until the reader chooses; retraining keeps the old curve, faint", async ({
  page,
}) => {
  test.setTimeout(150_000);
  const root = await ready(page, "latent=2&seconds=2&k=1");
  const train = root.locator("button[data-role=train]");
  await train.click();
  await expect(train).toHaveText("Pause", { timeout: TRAINING_TIMEOUT });
  await expect(train).toHaveText("Train", { timeout: TRAINING_TIMEOUT });
  // Ready once the trained model is measured (log p(x), active units, gaps), which takes a while on a busy machine.
  await expect(root).toHaveAttribute("data-ready", "", { timeout: TRAINING_TIMEOUT });
  const trained = await figures(page);
  expect(trained.steps).toBeGreaterThan(0);
  const beta = root.locator('input[name="beta"]');
  await beta.fill("4");
  await beta.press("Enter");
  const notice = root.locator("[data-role=retrain]");
  await expect(notice).toBeVisible();
  await expect(notice).toContainText("beta from 1 to 4");
  await expect(notice).toContainText(`${trained.steps} steps`);
  // Nothing was thrown away: the trained model's figures stay.
  expect(await figures(page)).toMatchObject({ steps: trained.steps, elbo: trained.elbo });
  await root.locator("button[data-role=keep-trained]").click();
  await expect(notice).toBeHidden();
  await expect(beta).toHaveValue("1");
  expect(await outputValue(page, "steps")).toBe(trained.steps);
  // k plays no part in training: a new k estimates log p(x) again on the same model, with no notice.
  const logPx = await outputValue(page, "log_px_test");
  await root.locator(".more-settings summary").click();
  const k = root.locator('input[name="k"]');
  await k.fill("4");
  await k.press("Enter");
  await expect(page).toHaveURL(/k=4/);
  await expect(root).toHaveAttribute("data-ready", "", { timeout: TRAINING_TIMEOUT });
  // Measured at rest, which takes a while on a busy machine.
  await expect.poll(() => outputValue(page, "log_px_test"), { timeout: TRAINING_TIMEOUT }).not.toBe(logPx);
  await expect(root).toHaveAttribute("data-ready", "", { timeout: TRAINING_TIMEOUT });
  await expect(notice).toBeHidden();
  expect(await figures(page)).toMatchObject({ steps: trained.steps, elbo: trained.elbo });
  await beta.fill("4");
  await beta.press("Enter");
  await root.locator("button[data-role=retrain-now]").click();
  await expect(train).toHaveText("Pause", { timeout: TRAINING_TIMEOUT });
  await expect(train).toHaveText("Train", { timeout: TRAINING_TIMEOUT });
  await root.locator('[role=tab][data-view="losses"]').click();
  // The earlier run: a faint dashed line; the new run: a solid one.
  const curve = root.locator("svg[data-role=recon-curve]");
  await expect(curve.locator("path[stroke-dasharray]")).toHaveCount(1);
  await expect(curve.locator("path:not([stroke-dasharray])[stroke^='var']")).toHaveCount(1);
  await expect(curve).toContainText("earlier run");
});
