// Before the engines suite: serves the build (dist/, under BASE_PATH) as the Chromium suite does,
// starts Xvfb for WebKit when there is no display, and records what Chromium computes on every
// deterministic widget, which WebKit and Firefox must then compute too.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";
import type { TestProject } from "vitest/node";
import { chromiumFlags, chromiumPath } from "../../scripts/chromium.mjs";
import { BASE_URL, DETERMINISTIC_WIDGETS, embedUrl, readOutputs, type Outputs } from "./pages";

declare module "vitest" {
  export interface ProvidedContext {
    /** Chromium's outputs on each deterministic widget's embed page, by widget id. */
    chromiumOutputs: Record<string, Outputs>;
    chromiumVersion: string;
  }
}

const children: ChildProcess[] = [];

function start(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): ChildProcess {
  const child = spawn(command, args, { env, stdio: ["ignore", "ignore", "inherit"] });
  children.push(child);
  return child;
}

/** Starts Xvfb on a display it picks itself (-displayfd) and sets DISPLAY for the engines. */
async function startXvfb(): Promise<void> {
  const xvfb = spawn("Xvfb", ["-displayfd", "1", "-screen", "0", "1280x1024x24", "-nolisten", "tcp"], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.push(xvfb);
  const display = await new Promise<string>((resolve, reject) => {
    xvfb.once("error", () => reject(new Error("Xvfb is not installed. On Debian: apt-get install -y xvfb.")));
    xvfb.stdout.once("data", (data: Buffer) => resolve(data.toString().trim()));
    xvfb.once("exit", (code) => reject(new Error(`Xvfb exited (${code}) before it gave a display.`)));
  });
  process.env.DISPLAY = `:${display}`;
}

async function waitForSite(): Promise<void> {
  const end = Date.now() + 30_000;
  for (;;) {
    try {
      if ((await fetch(BASE_URL)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > end) throw new Error(`The site's server did not answer at ${BASE_URL} within 30 s.`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  if (!existsSync("dist/index.html")) throw new Error("No build in dist/: run `npm run build:test` first.");
  const url = new URL(BASE_URL);
  start(process.execPath, ["scripts/serve.mjs", "dist"], { ...process.env, PORT: url.port, BASE_PATH: url.pathname });
  if (!process.env.DISPLAY) await startXvfb();
  await waitForSite();

  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumFlags });
  try {
    const context = await browser.newContext({ serviceWorkers: "block", viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const outputs: Record<string, Outputs> = {};
    for (const id of DETERMINISTIC_WIDGETS) {
      await page.goto(embedUrl(id));
      outputs[id] = await page.evaluate<Outputs>(`(${readOutputs(id)})()`);
    }
    project.provide("chromiumOutputs", outputs);
    project.provide("chromiumVersion", `Chromium ${browser.version()}`);
  } finally {
    await browser.close();
  }
  return () => {
    for (const child of children.reverse()) child.kill();
  };
}
