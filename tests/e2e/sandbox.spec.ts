import { expect, test } from "@playwright/test";
import { frameOnOtherSite, watchPage } from "./site";

// Course systems (LMS) frame pages with <iframe sandbox="allow-scripts">: the frame's origin is "null".
// The frames here are on another origin (localhost frames 127.0.0.1), as on a course page.

test("sandboxed without allow-same-origin: math widgets work, and the pretrained VAE loads and trains", async ({
  page,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const watch = watchPage(page);
  let framed = await frameOnOtherSite(page, baseURL, "embed/kl-std-normal/?mu=1&logvar=0", "allow-scripts");
  await expect(framed.locator('[data-widget="kl-std-normal"]')).toHaveAttribute("data-ready", "", { timeout: 40_000 });
  await expect(framed.locator('output[name="kl"]')).toHaveAttribute("data-value", "0.5");
  await framed.locator('input[name="mu"]').fill("0");
  await expect(framed.locator('output[name="kl"]')).toHaveAttribute("data-value", "0");

  // The worker starts from a blob and imports its code from the site (src/ml/client.ts, workerFromBlob);
  // the digits, the weights and the WASM files come from the site too, by CORS.
  framed = await frameOnOtherSite(page, baseURL, "embed/vae/?pretrained=1&seconds=2", "allow-scripts", {
    width: 800,
    height: 500,
  });
  const vae = framed.locator('[data-widget="vae"]');
  await expect(vae.locator(".training-status [data-role=status]")).toHaveText(/^Ready\./, { timeout: 60_000 });
  await expect(vae.locator('output[name="elbo_test"]')).toHaveAttribute("data-value", /^-\d/);
  await vae.getByRole("button", { name: "Train" }).click();
  await expect(vae.locator(".training-status [data-role=status]")).toHaveText(/^Budget spent/, { timeout: 60_000 });
  await expect(vae.getByRole("alert")).toBeHidden();
  expect(watch.problems).toEqual([]);
});

test("a chapter in a sandboxed frame: reader features start; copying and downloading say what to allow", async ({
  page,
  baseURL,
}) => {
  const watch = watchPage(page);
  const framed = await frameOnOtherSite(page, baseURL, "chapters/probability/", "allow-scripts");
  await expect(framed.locator("html")).toHaveAttribute("data-reader", "ready");
  // No service worker in an opaque origin, so no offer to save the book.
  await expect(framed.locator("[data-offline-save]")).toBeHidden();
  const widget = framed.locator('[data-widget="dice"]').first();
  await widget.evaluate((element) => element.scrollIntoView({ block: "center" }));
  await expect(widget).toHaveAttribute("data-ready", "");
  await widget.locator("summary").click();
  await widget.getByRole("button", { name: "Copy link" }).click();
  const status = widget.locator(".embed-status");
  await expect(status).toContainText('allow="clipboard-write"');
  await widget.getByRole("button", { name: "Download image (SVG)" }).click();
  await expect(status).toContainText("allow-downloads");
  expect(watch.problems.filter((problem) => !problem.includes("Download is disallowed"))).toEqual([]);
});

test("the test server sends GitHub Pages' CORS header, which null-origin frames need", async ({ request }) => {
  for (const path of ["", "embed/vae/", "_astro/", "no/such/page/", "embed/dice"]) {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.headers()["access-control-allow-origin"], path).toBe("*");
  }
});
