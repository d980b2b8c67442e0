import { defineConfig, devices } from "@playwright/test";
import { chromiumFlags, chromiumPath } from "./scripts/chromium.mjs";

/** The e2e tests run against the production build served under a project-page base path. */
export const BASE_PATH = process.env.BASE_PATH ?? "/vae-textbook/";
const port = Number(process.env.PORT ?? 4321);
/** Where the tests' pages come from (scheme, host and port): the origin whose storage a context may start with. */
export const ORIGIN = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: "tests/e2e",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: true,
  // Both cores: Playwright's default (half of them) ran the suite in 16 min on CI's 2 cores, near its 20-minute limit.
  workers: 2,
  retries: 0,
  // Screenshots kept in the repository (embed-layout.spec.ts): one per name, made with the Chromium the README names.
  snapshotPathTemplate: "{testDir}/__snapshots__/{testFileName}/{arg}{ext}",
  reporter: [["list"]],
  use: {
    baseURL: `${ORIGIN}${BASE_PATH}`,
    trace: "off",
    // The site's service worker precaches the whole book; tests that need it (offline.spec.ts) allow it.
    serviceWorkers: "block",
    launchOptions: {
      executablePath: chromiumPath,
      args: chromiumFlags,
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
