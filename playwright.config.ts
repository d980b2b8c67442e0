import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

/** The e2e tests run against the production build served under a project-page base path. */
export const BASE_PATH = process.env.BASE_PATH ?? "/vae-textbook/";
const port = Number(process.env.PORT ?? 4321);
const debianChromium = "/usr/bin/chromium";

export default defineConfig({
  testDir: "tests/e2e",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}${BASE_PATH}`,
    trace: "off",
    // The site's service worker precaches the whole book; tests that need it (offline.spec.ts) allow it.
    serviceWorkers: "block",
    launchOptions: {
      // Debian's Chromium where it is installed (browsers cannot be downloaded here); Playwright's own elsewhere.
      executablePath: existsSync(debianChromium) ? debianChromium : undefined,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--enable-unsafe-swiftshader",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: {
    command: `node scripts/serve.mjs dist`,
    env: { BASE_PATH, PORT: String(port) },
    url: `http://127.0.0.1:${port}${BASE_PATH}`,
    reuseExistingServer: !process.env.CI,
    stdout: "ignore",
  },
});
