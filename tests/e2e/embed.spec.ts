import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type Frame, type Page } from "@playwright/test";
import { builtPages, openWidget, outputValue, scrollToReach, watchPage } from "./site";

/** Every widget the build has an embed page for: the registry, as shipped. */
const widgetIds = builtPages()
  .map((page) => /^embed\/([a-z0-9-]+)\/$/.exec(page)?.[1])
  .filter((id): id is string => id !== undefined);

/** The ids of the widget contract (docs/widget-contract.md). */
const CONTRACT_IDS = [
  "dice",
  "bayes",
  "kl-discrete",
  "kl-gaussian",
  "trace-trick",
  "kl-std-normal",
  "elbo",
  "autoencoder",
  "vae",
];

interface HostFrame {
  readonly id: string;
  readonly query?: string;
  readonly width: number;
  readonly height: number;
}

/** A page on another origin that embeds widgets by their embed URLs, as an instructor's page would. */
function hostPage(siteUrl: string, frames: readonly HostFrame[], withHostScript: boolean): string {
  const recordKeys = `<script>window.hostKeys=[];document.addEventListener("keydown",(e)=>hostKeys.push(e.key));</script>`;
  const iframes = frames
    .map(
      (frame) =>
        `<iframe src="${siteUrl}embed/${frame.id}/${frame.query ? `?${frame.query.replace(/&/g, "&amp;")}` : ""}" title="${frame.id}" data-id="${frame.id}" width="${frame.width}" height="${frame.height}" style="border:0;display:block"></iframe>`,
    )
    .join("\n");
  const script = withHostScript ? `<script src="${siteUrl}embed-host.js"></script>` : "";
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Course page</title><link rel="icon" href="data:,"></head><body><h1>Lecture 5</h1>${iframes}${script}${recordKeys}</body></html>`;
}

let server: Server;
let hostOrigin = "";
const hostPages = new Map<string, string>();

test.beforeAll(async () => {
  server = createServer((request, response) => {
    const body = hostPages.get(new URL(request.url ?? "/", "http://localhost").pathname);
    if (body === undefined) response.writeHead(404).end();
    else response.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  // "localhost" against the site's "127.0.0.1": another host, so another origin and another site.
  hostOrigin = `http://localhost:${(server.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

async function openHost(page: Page, path: string, siteUrl: string, frames: HostFrame[], withHostScript = false) {
  hostPages.set(path, hostPage(siteUrl, frames, withHostScript));
  await page.goto(`${hostOrigin}${path}`);
}

function frameOf(page: Page, index: number): Frame {
  const frame = page.frames().filter((candidate) => candidate !== page.mainFrame())[index];
  if (!frame) throw new Error(`no frame ${index}`);
  return frame;
}

async function expectReadyFrame(frame: Frame, id: string) {
  await expect(frame.locator(`[data-widget="${id}"]`)).toHaveAttribute("data-ready", "", { timeout: 30_000 });
}

test("widget ids: every widget of the build has an embed page", () => {
  expect(widgetIds.length).toBeGreaterThan(0);
});

test("a page on another origin embeds every widget at 800×500: each is ready, alone, within its frame", async ({
  page,
  baseURL,
}) => {
  const watch = watchPage(page);
  const frames = widgetIds.map((id) => ({ id, width: 800, height: 500 }));
  await openHost(page, "/course", baseURL ?? "", frames);
  expect(new URL(page.url()).origin).not.toBe(new URL(baseURL ?? "").origin);
  for (const [index, { id }] of frames.entries()) {
    const frame = frameOf(page, index);
    await expectReadyFrame(frame, id);
    await expect(frame.locator("nav, .site-header, .site-footer, header, footer")).toHaveCount(0);
    await expect(frame.locator("[role=alert]:visible")).toHaveCount(0);
    const size = await frame.evaluate(() => {
      const root = document.documentElement;
      return {
        width: root.scrollWidth,
        height: root.scrollHeight,
        frameWidth: root.clientWidth,
        frameHeight: root.clientHeight,
      };
    });
    expect(size.frameWidth, id).toBe(800);
    expect.soft(size.width, `${id} overflows 800 px`).toBeLessThanOrEqual(size.frameWidth);
    expect.soft(size.height, `${id} overflows 500 px`).toBeLessThanOrEqual(size.frameHeight);
  }
  expect(watch.problems).toEqual([]);
  expect(watch.foreign).toEqual([]);
});

test("embedded at 320 px wide, every widget fits its width", async ({ page, baseURL }) => {
  const watch = watchPage(page);
  const frames = widgetIds.map((id) => ({ id, width: 320, height: 640 }));
  await openHost(page, "/narrow", baseURL ?? "", frames);
  for (const [index, { id }] of frames.entries()) {
    const frame = frameOf(page, index);
    await expectReadyFrame(frame, id);
    const widths = await frame.evaluate(() => [
      document.documentElement.scrollWidth,
      document.documentElement.clientWidth,
    ]);
    expect.soft(widths[0], `${id} overflows 320 px`).toBeLessThanOrEqual(widths[1] ?? 0);
  }
  expect(watch.problems).toEqual([]);
});

test("the host script fits each frame's height to its widget, on another origin", async ({ page, baseURL }) => {
  const frames = widgetIds.map((id) => ({ id, width: 360, height: 120 }));
  await openHost(page, "/auto-height", baseURL ?? "", frames, true);
  for (const [index, { id }] of frames.entries()) {
    const frame = frameOf(page, index);
    await expectReadyFrame(frame, id);
    const element = page.locator("iframe").nth(index);
    await expect
      .poll(
        async () => {
          const content = await frame.evaluate(() => Math.ceil(document.body.getBoundingClientRect().height));
          const box = await element.boundingBox();
          return Math.abs((box?.height ?? 0) - content);
        },
        { message: `${id} frame height follows its content` },
      )
      .toBeLessThanOrEqual(1);
    expect((await element.boundingBox())?.height ?? 0).toBeGreaterThan(200);
  }
});

for (const withHostScript of [true, false]) {
  test(`Esc in a widget on another origin gives the keys back to the page (${withHostScript ? "with" : "without"} the host script)`, async ({
    page,
    baseURL,
  }) => {
    await openHost(
      page,
      `/keys-${withHostScript}`,
      baseURL ?? "",
      [{ id: "kl-std-normal", width: 800, height: 500 }],
      withHostScript,
    );
    const frame = frameOf(page, 0);
    await expectReadyFrame(frame, "kl-std-normal");
    await page.keyboard.press("ArrowRight");
    const input = frame.locator('input[name="mu"]');
    await input.click();
    await page.keyboard.press("ArrowLeft");
    await expect(input).toBeFocused();
    expect(await page.evaluate(() => (window as unknown as { hostKeys: string[] }).hostKeys)).toEqual(["ArrowRight"]);
    await page.keyboard.press("Escape");
    await expect(input).not.toBeFocused();
    await page.keyboard.press("ArrowDown");
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { hostKeys: string[] }).hostKeys))
      .toEqual(["ArrowRight", "ArrowDown"]);
    expect(await page.evaluate(() => document.activeElement?.tagName)).not.toBe("IFRAME");
  });
}

test("the host script is served by the site as JavaScript with no dependency", async ({ request }) => {
  const response = await request.get("embed-host.js");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("javascript");
  const body = await response.text();
  expect(body).toContain("vae-widget:height");
  expect(body).not.toMatch(/\bimport\b|\brequire\(/);
  expect(body.length).toBeLessThan(2000);
});

test.describe("display parameters", () => {
  test("theme=dark and theme=light fix the colours whatever the reader's setting", async ({ page }) => {
    await page.emulateMedia({ colorScheme: "light" });
    await openWidget(page, "kl-std-normal", "theme=dark");
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe("rgb(21, 23, 26)");
    await page.emulateMedia({ colorScheme: "dark" });
    await openWidget(page, "kl-std-normal", "theme=light");
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe("rgb(253, 252, 249)");
  });

  test("theme=projector uses larger type and black on white", async ({ page }) => {
    await openWidget(page, "kl-std-normal");
    const normal = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
    await openWidget(page, "kl-std-normal", "theme=projector");
    const projector = await page.evaluate(() => ({
      size: parseFloat(getComputedStyle(document.body).fontSize),
      color: getComputedStyle(document.body).color,
      background: getComputedStyle(document.querySelector(".widget")!).backgroundColor,
    }));
    expect(projector.size).toBeGreaterThanOrEqual(normal * 1.2);
    expect(projector.color).toBe("rgb(0, 0, 0)");
    expect(projector.background).toBe("rgb(255, 255, 255)");
  });

  test("controls=0 shows the fixed state with no controls", async ({ page }) => {
    const root = await openWidget(page, "kl-std-normal", "mu=0,0&logvar=0,0&controls=0");
    await expect(root.locator(".widget-controls")).toBeHidden();
    await expect(root.locator("[data-role=embed]")).toBeHidden();
    await expect(root.locator("input:visible, select:visible, button:visible")).toHaveCount(0);
    expect(await outputValue(page, "kl")).toBe(0);
    await expect(root.locator("svg[data-role=bars]")).toBeVisible();
    // A model without controls points to no button: it says what its address needs instead.
    const model = await openWidget(page, "autoencoder", "controls=0");
    const status = model.locator(".training-status [data-role=status]");
    await expect(status).toContainText("autostart=1");
    await expect(status).not.toContainText("Press");
  });

  test("a bad display parameter is named in an alert and the widget still works", async ({ page }) => {
    const root = await openWidget(page, "kl-std-normal", "theme=blue&controls=maybe&mu=0,0&logvar=0,0");
    const alert = page.locator("[data-role=display-alert]");
    await expect(alert).toBeVisible();
    await expect(alert).toContainText("theme");
    await expect(alert).toContainText("controls");
    await expect(root.locator("[role=alert]")).toBeHidden();
    expect(await outputValue(page, "kl")).toBe(0);
  });

  test("the address bar keeps the display parameters while the state changes", async ({ page }) => {
    const root = await openWidget(page, "kl-std-normal", "theme=projector");
    await root.locator('input[name="mu"]').fill("1, 1, 1");
    await expect(page).toHaveURL(/theme=projector/);
    await expect(page).toHaveURL(/mu=1%2C\+?1%2C\+?1|mu=1,\s?1,\s?1/);
  });
});

test.describe("Embed panel (chapters and embed pages)", () => {
  test.use({ permissions: ["clipboard-read", "clipboard-write"] });

  test("gives the permalink and iframe snippet of the current state, with display options", async ({ page }) => {
    const watch = watchPage(page);
    await page.goto("chapters/elbo/");
    const root = page.locator('[data-widget="kl-std-normal"]').first();
    await scrollToReach(root);
    await expect(root).toHaveAttribute("data-ready", "");
    await root.locator('input[name="mu"]').fill("0, 0");
    await root.locator('input[name="logvar"]').fill("0, 0");
    await expect(root.locator("output[name=kl]")).toHaveAttribute("data-value", "0");
    await root.locator("[data-role=embed] summary").click();
    const permalink = root.locator("[data-role=permalink]");
    // Light unless the instructor picks another theme: a frame cannot take the host page's scheme.
    await expect(permalink).toHaveValue(/\/vae-textbook\/embed\/kl-std-normal\/\?mu=0,\+?0&logvar=0,\+?0&theme=light$/);
    const snippet = root.locator("[data-role=snippet]");
    await expect(snippet).toHaveValue(
      /^<iframe src="http:\/\/127\.0\.0\.1:\d+\/vae-textbook\/embed\/kl-std-normal\/\?mu=/,
    );
    const text = await snippet.inputValue();
    expect(text).toContain('title="KL to the standard normal"');
    expect(text).toContain('loading="lazy"');
    expect(text).toContain('allow="clipboard-write"');
    expect(text).toMatch(/width="800" height="500"/);
    // The default snippet on a white course page read by someone in dark mode: a light frame.
    const course = await page.context().newPage();
    await course.emulateMedia({ colorScheme: "dark" });
    await course.setContent(`<body style="background:#fff">${text}</body>`);
    const framed = course.frameLocator("iframe");
    await expect(framed.locator("[data-widget]")).toHaveAttribute("data-ready", "");
    expect(await framed.locator("body").evaluate((body) => getComputedStyle(body).backgroundColor)).toBe(
      "rgb(253, 252, 249)",
    );
    await course.close();
    await root.locator("[data-role=theme]").selectOption("");
    await expect(permalink).toHaveValue(/logvar=0,\+?0$/);

    await root.locator("[data-role=theme]").selectOption("projector");
    await root.locator("[data-role=controls]").uncheck();
    await expect(permalink).toHaveValue(/theme=projector&controls=0$/);
    await root.locator("[data-role=autoheight]").check();
    await expect(snippet).toHaveValue(
      /<script src="http:\/\/127\.0\.0\.1:\d+\/vae-textbook\/embed-host\.js" async><\/script>$/,
    );

    await root.locator("[data-role=copy]").click();
    await expect(root.locator("[data-role=status]")).toHaveText("Copied the snippet.");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await snippet.inputValue());

    const link = await permalink.inputValue();
    await page.goto(link);
    await expect(page.locator('[data-widget="kl-std-normal"]')).toHaveAttribute("data-ready", "");
    expect(await outputValue(page, "kl")).toBe(0);
    await expect(page.locator(".widget-controls")).toBeHidden();
    expect(watch.problems).toEqual([]);
  });

  test("downloads an image of the current state, SVG or PNG, with the permalink", async ({ page }) => {
    const root = await openWidget(page, "kl-std-normal", "mu=1,2&logvar=0,0.5");
    const kl = String(await outputValue(page, "kl"));
    await root.locator("[data-role=embed] summary").click();
    const [svgDownload] = await Promise.all([
      page.waitForEvent("download"),
      root.locator('[data-role=download][data-format="svg"]').click(),
    ]);
    expect(svgDownload.suggestedFilename()).toBe("kl-std-normal.svg");
    const svg = readFileSync((await svgDownload.path()) ?? "", "utf8");
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    const origin = new URL(page.url()).origin;
    expect(svg).toContain(
      `<a href="${origin}/vae-textbook/embed/kl-std-normal/?mu=1,2&#38;logvar=0,0.5&#38;theme=light">`,
    );
    expect(svg).toContain(
      `Live, interactive version: ${origin}/vae-textbook/embed/kl-std-normal/?mu=1,2&#38;logvar=0,0.5&#38;theme=light`,
    );
    expect(svg).toContain("mu = 1,2");
    expect(svg).toContain(`: ${kl.slice(0, 5)}`);
    expect(svg).toContain("<rect");
    // Outside the inlined fonts' base64, no value a reader should never see.
    expect(svg.replace(/base64,[A-Za-z0-9+/=]+/g, "")).not.toMatch(/\bNaN\b|\bundefined\b/);
    const rendered = await page.evaluate(async (markup) => {
      const image = new Image();
      image.src = URL.createObjectURL(new Blob([markup], { type: "image/svg+xml" }));
      await image.decode();
      return [image.naturalWidth, image.naturalHeight];
    }, svg);
    expect(rendered[0]).toBeGreaterThanOrEqual(800);
    expect(rendered[1]).toBeGreaterThan(200);

    const [pngDownload] = await Promise.all([
      page.waitForEvent("download"),
      root.locator('[data-role=download][data-format="png"]').click(),
    ]);
    expect(pngDownload.suggestedFilename()).toBe("kl-std-normal.png");
    const png = readFileSync((await pngDownload.path()) ?? "");
    expect(png.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
    expect(png.readUInt32BE(16)).toBe(2 * (rendered[0] ?? 0));
    await expect(root.locator("[data-role=status]")).toContainText("Downloaded the PNG");
  });
});

// One gallery page for the checks that read it: it loads a picture per card (the VAE's measured at
// rest) and a preview per opened card, which costs tens of seconds on a slow machine.
test.describe.serial("gallery", () => {
  let page: Page;
  let watch: ReturnType<typeof watchPage>;

  test.beforeAll(async ({ browser }) => {
    const context = await browser.newContext({
      viewport: { width: 1366, height: 768 },
      permissions: ["clipboard-read", "clipboard-write"],
    });
    page = await context.newPage();
    watch = watchPage(page);
  });

  test.afterAll(async () => {
    await page.context().close();
  });

  test("shows every widget of the registry as a card; its preview, parameters, examples and snippets one click away", async () => {
    // Also the gallery page's first load, which the preview and contract checks then reuse.
    test.setTimeout(360_000);
    await page.goto("embed/");
    // Scannable: every card at a laptop's size within two screens.
    const height = await page.locator(".gallery-grid").evaluate((grid) => grid.getBoundingClientRect().height);
    expect(height, "the cards' height").toBeLessThanOrEqual(2 * 768);
    for (const id of widgetIds) {
      const section = page.locator(`section#${id}`);
      await expect(section).toHaveCount(1);
      const picture = section.locator("iframe[data-role=thumbnail]");
      await expect(picture).toHaveAttribute(
        "data-src",
        `/vae-textbook/embed/${id}/?${id === "vae" ? "pretrained=1&" : ""}controls=0`,
      );
      await expect(section.locator(`h2 a[href="/vae-textbook/embed/${id}/"]`)).toBeVisible();
      await expect(section.locator(".gallery-purpose")).not.toBeEmpty();
      await picture.scrollIntoViewIfNeeded();
      await expect(
        section.frameLocator("iframe[data-role=thumbnail]").locator(`[data-widget="${id}"]`),
      ).toHaveAttribute("data-ready", "", { timeout: 60_000 });
      // Details are closed, and their preview is not loaded, until asked for; open, they replace the picture.
      const preview = section.locator("[data-preview] iframe");
      await expect(section.locator("table")).toBeHidden();
      await section.locator(".gallery-details > summary").click();
      await expect(picture).toBeHidden();
      // In the theme its select starts at, light, as the snippets it hands out (src/embed/panel.ts).
      await expect(preview).toHaveAttribute("data-src", `/vae-textbook/embed/${id}/?theme=light`);
      await expect(section.locator("table tbody tr").first()).toBeVisible();
      const snippets = section.locator("textarea[data-snippet]");
      expect(await snippets.count()).toBeGreaterThanOrEqual(1);
      await expect(snippets.first()).toHaveValue(
        new RegExp(`^<iframe src="http://127\\.0\\.0\\.1:\\d+/vae-textbook/embed/${id}/`),
      );
      await section.locator(".gallery-details > summary").click();
      await expect(picture).toBeVisible();
    }
    expect(watch.problems).toEqual([]);
  });

  test.describe("preview", () => {
    test("copies the snippet of the state set up in the preview, with its display options", async () => {
      test.setTimeout(120_000);
      await page.goto("embed/#kl-std-normal");
      const section = page.locator("section#kl-std-normal");
      await section.locator(".gallery-details > summary").click();
      await section.locator("[data-preview] iframe").scrollIntoViewIfNeeded();
      const frame = section.frameLocator("[data-preview] iframe");
      await expect(frame.locator("[data-widget]")).toHaveAttribute("data-ready", "", { timeout: 30_000 });
      await frame.locator('input[name="mu"]').fill("0, 0");
      await frame.locator('input[name="logvar"]').fill("0, 0");
      await expect(frame.locator("output[name=kl]")).toHaveAttribute("data-value", "0");
      await section.locator("[data-role=copy-preview]").click();
      await expect(section.locator("[data-role=status]")).toHaveText("Copied the snippet.");
      const snippet = await page.evaluate(() => navigator.clipboard.readText());
      expect(snippet).toMatch(
        /^<iframe src="http:\/\/127\.0\.0\.1:\d+\/vae-textbook\/embed\/kl-std-normal\/\?mu=0,\+?0&amp;logvar=0,\+?0&amp;theme=light"/,
      );
      expect(snippet).toContain('title="KL to the standard normal"');
      expect(snippet).toContain('allow="clipboard-write"');

      await section.locator("[data-role=theme]").selectOption("projector");
      await expect(section.locator("[data-preview] iframe")).toHaveAttribute(
        "src",
        /mu=0,\+?0&logvar=0,\+?0&theme=projector$/,
      );
      await expect(frame.locator("html")).toHaveAttribute("data-projector", "");
      await expect(frame.locator("[data-widget]")).toHaveAttribute("data-ready", "");
      await expect(frame.locator("output[name=kl]")).toHaveAttribute("data-value", "0");
      await section.locator("[data-role=copy-preview-link]").click();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/&theme=projector$/);
    });
  });

  test("lists every widget id of the contract", async () => {
    const listed = await page
      .locator("section[data-gallery]")
      .evaluateAll((sections) => sections.map((section) => section.getAttribute("data-gallery")));
    expect([...listed].sort()).toEqual(expect.arrayContaining([...CONTRACT_IDS].sort()));
    expect(watch.problems).toEqual([]);
  });
});

test("every example of the gallery is a valid state: its link opens a ready widget with no alert", async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto("embed/");
  const links = await page
    .locator(".gallery-examples a")
    .evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute("href") ?? ""));
  expect(links.length).toBeGreaterThanOrEqual(widgetIds.length);
  // Each address once: a card's own link and an example at the defaults open the same state.
  for (const href of new Set(links)) {
    const id = /embed\/([a-z0-9-]+)\//.exec(href)?.[1] ?? "";
    // A training example is checked without starting it: the widgets' own tests time training.
    await page.goto(href.replace("autostart=1", "autostart=0"));
    const root = page.locator(`[data-widget="${id}"]`);
    // Ready, or for a model its held-out figures shown ("Ready. Press Train"): what a pretrained one
    // measures at rest next (log p(x), tens of seconds) is the model's own tests' (widget-vae*.spec.ts).
    const status = root.locator("span[data-role=status]");
    await expect
      .poll(
        async () =>
          (await root.getAttribute("data-ready")) !== null ||
          ((await status.count()) > 0 && /^Ready\./.test(await status.innerText())),
        { message: href, timeout: 90_000 },
      )
      .toBe(true);
    await expect(page.locator("[role=alert]:visible"), href).toHaveCount(0);
  }
});
