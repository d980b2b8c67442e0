// npm run bench: trains the book's models in headless Chromium (Debian's, with the guide's flags)
// against the built site and prints, side by side, for every backend that starts: the VAE (latent 20,
// hidden 400, batch 128) after 60 s from fresh weights, the denoising autoencoder (latent 32,
// noise 0.3) after 30 s, the tfjs-layers reference loop, and the VAE widget itself on its embed page;
// first, the widget's speed probe (which picks the backend), with the figures it measured. Headless
// Chromium offers WebGPU only with --enable-unsafe-webgpu (on SwiftShader's Vulkan), so the "webgpu"
// runs and a second probe use a browser started with it. A backend that cannot start prints why
// ("unavailable: …"), never figures. "profile" times the VAE's training step on WASM phase by phase
// (and on isolated WASM, threaded), with the kernels that take longest. "measure" times what the
// pretrained VAE (latent 20) measures at rest: the gaps, then log p(x) with k = 100 over the held-out
// digits (and on isolated WASM, threaded). Figures are printed, not asserted.
// Options: --quick (10 s budgets),
// --only probe,profile,measure,wasm,wasm-isolated,webgl,webgpu,cpu,reference,widget,widget-isolated.
import { build } from "esbuild";
import { createServer } from "node:http";
import { cpus, loadavg } from "node:os";
import { readFile, stat } from "node:fs/promises";
import { extname, join, resolve } from "node:path";
import { chromium, type Browser } from "@playwright/test";
import { chromiumFlags, chromiumPath } from "./chromium.mjs";
import type { Job, JobResult } from "./bench/worker";

const BASE = "/vae-textbook/";
const PORT = Number(process.env.PORT ?? 4331);
const quick = process.argv.includes("--quick");
const onlyFlag = process.argv.indexOf("--only");
/** Runs to make: a backend name, "wasm-isolated" (COOP/COEP headers: WASM threads), "reference", "widget", "widget-isolated". */
const runs = (
  onlyFlag > 0
    ? (process.argv[onlyFlag + 1] ?? "")
    : "probe,profile,measure,wasm,wasm-isolated,webgl,webgpu,cpu,reference,widget,widget-isolated"
).split(",");
const VAE_SECONDS = quick ? 10 : 60;
const AE_SECONDS = quick ? 10 : 30;
const PROFILE_SECONDS = quick ? 3 : 10;

const root = resolve("dist");
const benchDir = resolve("node_modules/.cache/bench");
await build({
  entryPoints: [resolve("scripts/bench/worker.ts")],
  outfile: join(benchDir, "worker.js"),
  bundle: true,
  format: "esm",
  platform: "browser",
  target: "es2022",
  minify: true,
  logLevel: "warning",
  define: { "import.meta.env.BASE_URL": JSON.stringify(BASE) },
});

const types: Record<string, string> = {
  ".html": "text/html",
  ".js": "text/javascript",
  ".css": "text/css",
  ".wasm": "application/wasm",
  ".bin": "application/octet-stream",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".woff2": "font/woff2",
};

/** While true, responses carry COOP/COEP, which make the page cross-origin isolated (SharedArrayBuffer, WASM threads). */
let isolated = false;

/** Serves dist/ under the base path, and the bench worker under <base>__bench/. */
function serve(port: number) {
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname);
    let file = path.startsWith(`${BASE}__bench/`)
      ? join(benchDir, path.slice(BASE.length + 8))
      : join(root, path.slice(BASE.length));
    try {
      if ((await stat(file)).isDirectory()) file = join(file, "index.html");
      const headers: Record<string, string> = { "content-type": types[extname(file)] ?? "application/octet-stream" };
      if (isolated)
        Object.assign(headers, {
          "cross-origin-opener-policy": "same-origin",
          "cross-origin-embedder-policy": "require-corp",
        });
      response.writeHead(200, headers).end(await readFile(file));
    } catch {
      response.writeHead(404).end();
    }
  });
  return new Promise<typeof server>((done) => server.listen(port, "127.0.0.1", () => done(server)));
}

const WEBGPU_FLAGS = ["--enable-unsafe-webgpu", "--enable-features=Vulkan"];
const launch = (flags: string[] = []) =>
  chromium.launch({ executablePath: chromiumPath, args: [...chromiumFlags, ...flags] });
let plainBrowser = await launch();
let webgpuBrowser: Browser | undefined;
/** The Chromium for most runs, started again if a run brought it down (a software GPU can). */
async function withPlain(): Promise<Browser> {
  if (!plainBrowser.isConnected()) plainBrowser = await launch();
  return plainBrowser;
}
/** A second Chromium with WebGPU on (SwiftShader), started when a run asks for it (and again if it went down). */
async function withWebgpu(): Promise<Browser> {
  if (!webgpuBrowser?.isConnected()) webgpuBrowser = await launch(WEBGPU_FLAGS);
  return webgpuBrowser;
}

async function job(
  port: number,
  kind: Job["kind"],
  backend: Job["backend"],
  seconds: number,
  on?: Browser,
  threads?: number,
): Promise<JobResult> {
  const page = await (on?.isConnected() ? on : await withPlain()).newPage();
  let stage = "starting";
  page.on("console", (message) => {
    if (message.text().startsWith("bench: ")) stage = message.text().slice(7);
    else if (["error", "warning"].includes(message.type())) console.log(`    (${message.type()}: ${message.text()})`);
  });
  let crashed = false;
  page.on("crash", () => (crashed = true));
  try {
    await page.goto(`http://127.0.0.1:${port}${BASE}`);
    return await page.evaluate(
      ({ job, url }) =>
        new Promise<JobResult>((done) => {
          const worker = new Worker(url, { type: "module" });
          worker.onmessage = (event) => {
            done(event.data as JobResult);
            worker.terminate();
          };
          worker.onerror = (event) =>
            done({
              backend: job.backend,
              steps: 0,
              seconds: 0,
              stepsPerSecond: 0,
              error: event.message || "worker failed",
            });
          worker.postMessage(job);
        }),
      { job: { kind, backend, seconds, base: BASE, threads }, url: `${BASE}__bench/worker.js` },
    );
  } catch (error) {
    // A renderer that dies (e.g. out of memory in a software GPU) costs its row, not the table.
    const why = crashed ? "the page crashed" : error instanceof Error ? error.message.split("\n")[0]! : String(error);
    return { backend, steps: 0, seconds: 0, stepsPerSecond: 0, error: `${why} while ${stage}` };
  } finally {
    await page.close().catch(() => undefined);
  }
}

/** The VAE widget itself, on its embed page: its own worker, periodic held-out evaluations and all. */
async function widget(port: number, seconds: number): Promise<JobResult> {
  const page = await (await withPlain()).newPage();
  // The page must stay responsive while the worker trains: record main-thread tasks over 50 ms.
  await page.addInitScript(() => {
    const durations: number[] = [];
    (window as unknown as { longTasks: number[] }).longTasks = durations;
    new PerformanceObserver((list) => list.getEntries().forEach((entry) => durations.push(entry.duration))).observe({
      type: "longtask",
      buffered: true,
    });
  });
  try {
    await page.goto(`http://127.0.0.1:${port}${BASE}embed/vae/?latent=20&autostart=1&seconds=${seconds}`);
    await page.waitForTimeout(1000);
    const before = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks.length);
    const root = page.locator('[data-widget="vae"]');
    await root.and(page.locator("[data-ready]")).waitFor({ timeout: (seconds + 120) * 1000 });
    const value = async (name: string) => page.locator(`output[name="${name}"]`).getAttribute("data-value");
    const steps = Number(await value("steps"));
    const stepsPerSecond = Number(await value("steps_per_s"));
    const longTasks = await page.evaluate(
      (skip) => (window as unknown as { longTasks: number[] }).longTasks.slice(skip),
      before,
    );
    console.log(
      `    main-thread tasks over 50 ms while training: ${longTasks.length}${longTasks.length ? `, longest ${Math.max(...longTasks).toFixed(0)} ms` : ""}`,
    );
    return {
      backend: `${await value("backend")}`,
      steps,
      seconds: steps / stepsPerSecond,
      stepsPerSecond,
      elbo: Number(await value("elbo_test")),
      logPx: Number(await value("log_px_test")),
    };
  } finally {
    await page.close();
  }
}

const format = (value: number | undefined, digits: number) =>
  value === undefined || !Number.isFinite(value) ? "—" : value.toFixed(digits);
const rows: string[][] = [];
const probeFigures = (result: JobResult) =>
  (result.trials ?? []).map((trial) => `${trial.name} ${trial.error ?? `${format(trial.msPerStep, 1)} ms`}`).join(", ");
const record = (what: string, result: JobResult) => {
  rows.push([
    what,
    result.unavailable
      ? `unavailable: ${result.unavailable}`
      : result.error
        ? `failed: ${result.error}`
        : result.trials
          ? `${result.backend} (${probeFigures(result)})`
          : result.backend,
    String(result.steps),
    format(result.seconds, 1),
    format(result.stepsPerSecond, 1),
    format(result.elbo, 2),
    format(result.logPx, 2),
    format(result.mse, 4),
  ]);
  console.log(`  ${rows.at(-1)!.join(" | ")}`);
};

/** The profile runs' printouts: ms per step in each phase, then the kernels of one step. */
const profiles: string[] = [];
function profileText(result: JobResult): string {
  if (result.unavailable || result.error) return result.unavailable ?? `failed: ${result.error}`;
  const total = Object.values(result.phases ?? {}).reduce((a, b) => a + b, 0);
  const phases = Object.entries(result.phases ?? {})
    .map(
      ([phase, ms]) => `    ${format(ms, 2).padStart(7)} ms  ${format((100 * ms) / total, 0).padStart(3)}%  ${phase}`,
    )
    .join("\n");
  const kernelTotal = (result.kernels ?? []).reduce((sum, kernel) => sum + kernel.ms, 0);
  const kernels = (result.kernels ?? [])
    .slice(0, 12)
    .map((kernel) => `    ${format(kernel.ms, 2).padStart(7)} ms  ${String(kernel.calls).padStart(2)}×  ${kernel.name}`)
    .join("\n");
  return (
    `${result.steps} steps in ${format(result.seconds, 1)} s, ${format(result.stepsPerSecond, 1)} steps/s; ` +
    `median ms per step of each phase (${format(total, 1)} in all):\n${phases}\n  kernels of a step, each its least over a few steps (${format(kernelTotal, 1)} ms in all), longest first:\n${kernels}`
  );
}

const server = await serve(PORT);
console.log(
  `Bench: VAE ${VAE_SECONDS} s, autoencoder ${AE_SECONDS} s per backend; Chromium ${plainBrowser.version()}; load ${loadavg()[0]!.toFixed(2)} on ${cpus().length} cores`,
);
for (const run of runs) {
  if (run === "profile") {
    for (const isolatedRun of [false, true]) {
      isolated = isolatedRun;
      const result = await job(
        PORT,
        "profile",
        "wasm",
        PROFILE_SECONDS,
        undefined,
        isolated ? cpus().length : undefined,
      );
      isolated = false;
      profiles.push(`${result.backend}${isolatedRun ? " (cross-origin isolated)" : ""}: ${profileText(result)}`);
      console.log(`  profile: ${profiles.at(-1)!.split("\n")[0]}`);
    }
  } else if (run === "measure") {
    for (const isolatedRun of [false, true]) {
      isolated = isolatedRun;
      const result = await job(PORT, "measure", "wasm", 0, undefined, isolated ? cpus().length : undefined);
      isolated = false;
      record(`pretrained VAE measured at rest${isolatedRun ? ", isolated" : ""}`, result);
      const split = Object.entries(result.phases ?? {}).map(([phase, s]) => `${phase} ${format(s, 1)} s`);
      if (split.length) console.log(`    ${split.join(", ")}`);
    }
  } else if (run === "probe") {
    record("speed probe, then choice", await job(PORT, "probe", "wasm", 0));
    record("same, WebGPU flags on*", await job(PORT, "probe", "wasm", 0, await withWebgpu()));
  } else if (run === "webgpu") {
    record("VAE (ours), webgpu*", await job(PORT, "vae", "webgpu", VAE_SECONDS, await withWebgpu()));
    record("DAE (ours), webgpu*", await job(PORT, "autoencoder", "webgpu", AE_SECONDS, await withWebgpu()));
  } else if (run === "reference") {
    record("VAE, tfjs-layers reference", await job(PORT, "layers-vae", "wasm", VAE_SECONDS));
  } else if (run === "widget" || run === "widget-isolated") {
    isolated = run === "widget-isolated";
    const what = `VAE widget (embed page)${isolated ? ", isolated" : ""}`;
    // On a busy machine the widget may not be ready in time: a failed row, not a lost table.
    record(
      what,
      await widget(PORT, VAE_SECONDS).catch((error: unknown) => ({
        backend: "wasm",
        steps: 0,
        seconds: 0,
        stepsPerSecond: 0,
        error: error instanceof Error ? error.message.split("\n")[0]! : String(error),
      })),
    );
    isolated = false;
  } else {
    const backend = (run === "wasm-isolated" ? "wasm" : run) as Job["backend"];
    isolated = run === "wasm-isolated";
    // Isolated, the threaded WASM build runs: ask for a thread per core (the widget leaves one to the page).
    const threads = isolated ? cpus().length : undefined;
    record(`VAE (ours), ${run}`, await job(PORT, "vae", backend, VAE_SECONDS, undefined, threads));
    record(`DAE (ours), ${run}`, await job(PORT, "autoencoder", backend, AE_SECONDS, undefined, threads));
    isolated = false;
  }
}
await plainBrowser.close();
await webgpuBrowser?.close();
server.close();

const header = ["run", "backend", "steps", "train s", "steps/s", "held-out ELBO", "log p(x)", "held-out MSE"];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i]!)).join("  ");
console.log(`\n${line(header)}\n${widths.map((w) => "-".repeat(w)).join("  ")}\n${rows.map(line).join("\n")}`);
if (profiles.length)
  console.log(`\nThe VAE's training step (latent 20, hidden 400, batch 128), phase by phase:\n${profiles.join("\n")}`);
console.log(
  "\nProbe rows: train s is the time the choice took, the figures ms per probe round (src/ml/speed-probe.ts)." +
    "\nMeasured-at-rest rows: train s is the time the whole measurement took (the gaps, then log p(x))." +
    `\n* Chromium started with ${WEBGPU_FLAGS.join(" ")}: WebGPU on SwiftShader's Vulkan, CPU only.`,
);
console.log(
  "\nHeld-out figures on binarised digits (nats per digit); log p(x) is the IWAE estimate with k = 100 draws per digit." +
    "\nNative reference (issue 14; numpy + OpenBLAS, 2 cores, same protocol: latent 20, hidden 400, batch 128," +
    "\n8,000 training digits, 60 s): held-out ELBO −103.1, IWAE_100 −97.5, about 200 steps/s." +
    "\nGoals: the widget's held-out ELBO ≥ −105 after 60 s; the denoising autoencoder (latent 32, noise 0.3)" +
    " held-out MSE ≤ 0.012 after 30 s (0.0131 before this work).",
);
const [one, five, fifteen] = loadavg();
console.log(
  `Machine load while benchmarking (uptime): ${one!.toFixed(2)}, ${five!.toFixed(2)}, ${fifteen!.toFixed(2)} on ${cpus().length} cores.`,
);
