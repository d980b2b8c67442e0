// How every browser run here starts Chromium: Debian's build where it is installed (browsers cannot
// be downloaded on these machines), Playwright's own elsewhere; flags that work headless with no GPU
// and keep Chromium from calling home.
import { existsSync } from "node:fs";

const DEBIAN_CHROMIUM = "/usr/bin/chromium";

/** The Chromium binary to use, or undefined for Playwright's own. */
export const chromiumPath = process.env.CHROME_PATH ?? (existsSync(DEBIAN_CHROMIUM) ? DEBIAN_CHROMIUM : undefined);

export const chromiumFlags = [
  "--no-sandbox",
  "--disable-gpu",
  "--enable-unsafe-swiftshader",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
