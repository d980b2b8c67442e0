// The engines the smoke suite drives besides Chromium, behind one small interface: WebKit (WebKitGTK's
// MiniBrowser through its W3C WebDriver, classic protocol, under Xvfb) and Firefox (Debian's ESR
// through WebDriver BiDi). Both come from Debian (.ci/run installs them); nothing is downloaded.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import puppeteer, { type Browser, type Page } from "puppeteer-core";
import WebDriver, { type Client } from "webdriver";

export type EngineName = "webkit" | "firefox";

/** What a test does with a page, in any engine. Points are CSS pixels of the viewport. */
export interface EnginePage {
  readonly name: EngineName;
  /** The engine's version, e.g. "WebKitGTK 2.50.6". */
  readonly version: string;
  goto(url: string): Promise<void>;
  /** Runs `body` (a function's source, taking no argument) in the page and returns its JSON-able result. */
  evaluate<T>(body: string): Promise<T>;
  /** Like `evaluate`, in the page's first frame (<iframe>), whatever its origin. */
  evaluateInFrame<T>(body: string): Promise<T>;
  /** Presses, moves in steps and releases a mouse pointer along `points`. */
  drag(points: readonly (readonly [number, number])[]): Promise<void>;
  /** Presses a key (a WebDriver key name: "PageUp", "ArrowRight", …) on the focused element. */
  press(key: keyof typeof KEYS): Promise<void>;
  /** The viewport as a PNG. */
  screenshot(): Promise<Buffer>;
  close(): Promise<void>;
}

/** WebDriver's code points for the keys the suite presses (W3C WebDriver, "Keyboard actions"). */
export const KEYS = { PageUp: "\uE00E", PageDown: "\uE00F", ArrowRight: "\uE014", ArrowLeft: "\uE012" } as const;

export const WEBKIT_DRIVER = "WebKitWebDriver";
export const MINIBROWSER = "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser";
export const FIREFOX = process.env.FIREFOX_PATH ?? "/usr/bin/firefox-esr";
const VIEWPORT = { width: 1280, height: 800 };

function missing(what: string, path: string, pkg: string): Error {
  return new Error(`${what} is not installed (${path}). On Debian: apt-get install -y ${pkg} (as .ci/run does).`);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

async function waitForHttp(url: string, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      await fetch(url);
      return;
    } catch {
      if (Date.now() > end) throw new Error(`${what} did not answer at ${url} within ${timeoutMs / 1000} s.`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** WebKit: MiniBrowser driven by WebKitWebDriver (WebDriver classic); needs an X display (Xvfb). */
export async function openWebKit(): Promise<EnginePage> {
  if (!existsSync(MINIBROWSER)) throw missing("WebKitGTK's MiniBrowser", MINIBROWSER, "webkit2gtk-driver");
  if (!process.env.DISPLAY)
    throw new Error("WebKit needs an X display: the suite's setup starts Xvfb (apt-get install -y xvfb).");
  const port = await freePort();
  let driver: ChildProcess;
  try {
    driver = spawn(WEBKIT_DRIVER, [`--port=${port}`], { stdio: "ignore" });
  } catch {
    throw missing("WebKitWebDriver", WEBKIT_DRIVER, "webkit2gtk-driver");
  }
  const exited = new Promise<never>((_, reject) =>
    driver.once("error", () => reject(missing("WebKitWebDriver", WEBKIT_DRIVER, "webkit2gtk-driver"))),
  );
  await Promise.race([waitForHttp(`http://127.0.0.1:${port}/status`, 30_000, "WebKitWebDriver"), exited]);
  let client: Client;
  try {
    client = await WebDriver.newSession({
      hostname: "127.0.0.1",
      port,
      logLevel: "error",
      // A failed command fails the test with its message; retrying a timed-out script only hides it.
      connectionRetryCount: 0,
      capabilities: {
        "webkitgtk:browserOptions": { binary: MINIBROWSER, args: ["--automation"] },
      } as WebdriverIO.Capabilities,
    });
  } catch (error) {
    driver.kill();
    throw error;
  }
  await client.setWindowRect(0, 0, VIEWPORT.width, VIEWPORT.height);
  // A script may wait for a widget as long as Firefox's does (WebDriver's default is 30 s): the VAE is
  // ready only once it has measured itself, which takes longer than that on a loaded machine.
  await client.setTimeouts(undefined, undefined, 180_000);
  const version = `WebKitGTK ${String(client.capabilities.browserVersion ?? "?")}`;
  return {
    name: "webkit",
    version,
    goto: async (url) => void (await client.navigateTo(url)),
    evaluate: async <T>(body: string) => (await client.executeScript(`return (${body})();`, [])) as T,
    async evaluateInFrame<T>(body: string) {
      await client.switchToFrame(0);
      try {
        return (await client.executeScript(`return (${body})();`, [])) as T;
      } finally {
        await client.switchToParentFrame();
      }
    },
    async drag(points) {
      const [first, ...rest] = points;
      if (!first) return;
      const move = ([x, y]: readonly [number, number]) => ({
        type: "pointerMove",
        duration: 50,
        origin: "viewport",
        x: Math.round(x),
        y: Math.round(y),
      });
      await client.performActions([
        {
          type: "pointer",
          id: "mouse",
          parameters: { pointerType: "mouse" },
          actions: [
            move(first),
            { type: "pointerDown", button: 0 },
            ...rest.map(move),
            { type: "pointerUp", button: 0 },
          ],
        },
      ]);
      await client.releaseActions();
    },
    async press(key) {
      await client.performActions([
        {
          type: "key",
          id: "keyboard",
          actions: [
            { type: "keyDown", value: KEYS[key] },
            { type: "keyUp", value: KEYS[key] },
          ],
        },
      ]);
    },
    screenshot: async () => Buffer.from(await client.takeScreenshot(), "base64"),
    async close() {
      try {
        await client.deleteSession();
      } finally {
        driver.kill();
      }
    },
  };
}

/** Firefox (Debian's ESR) through WebDriver BiDi, headless. */
export async function openFirefox(): Promise<EnginePage> {
  if (!existsSync(FIREFOX)) throw missing("Firefox", FIREFOX, "firefox-esr");
  const browser: Browser = await puppeteer.launch({
    browser: "firefox",
    executablePath: FIREFOX,
    headless: true,
    defaultViewport: VIEWPORT,
    // The site's service worker stays on (as in WebKit): it stores the shell and isolates later pages.
  });
  const page: Page = (await browser.pages())[0] ?? (await browser.newPage());
  const version = `Firefox ${execFileSync(FIREFOX, ["--version"], { encoding: "utf8" })
    .replace(/^Mozilla Firefox /, "")
    .trim()}`;
  return {
    name: "firefox",
    version,
    goto: async (url) => void (await page.goto(url)),
    evaluate: <T>(body: string) => page.evaluate(`(${body})()`) as Promise<T>,
    async evaluateInFrame<T>(body: string) {
      const frame = page.mainFrame().childFrames()[0];
      if (!frame) throw new Error("The page has no frame.");
      return (await frame.evaluate(`(${body})()`)) as T;
    },
    async drag(points) {
      const [first, ...rest] = points;
      if (!first) return;
      await page.mouse.move(first[0], first[1]);
      await page.mouse.down();
      for (const [x, y] of rest) await page.mouse.move(x, y, { steps: 3 });
      await page.mouse.up();
    },
    press: (key) => page.keyboard.press(key),
    screenshot: async () => Buffer.from(await page.screenshot()),
    close: () => browser.close(),
  };
}

export const openEngine = (name: EngineName): Promise<EnginePage> => (name === "webkit" ? openWebKit() : openFirefox());
