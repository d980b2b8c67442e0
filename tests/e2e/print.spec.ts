import { expect, test } from "@playwright/test";
import { chapterSlugs } from "./layout";

/**
 * Printing a chapter straight after opening it, as browsers print: `beforeprint`, then print media.
 * Every widget, reached or not, prints its current state: settled, its figure drawn, its results written.
 */
for (const slug of chapterSlugs) {
  test(`printing chapters/${slug}/ unscrolled prints every widget's state`, async ({ page }) => {
    test.setTimeout(150_000);
    await page.goto(`chapters/${slug}/`);
    await expect(page.locator("html")).toHaveAttribute("data-reader", "ready");
    await page.evaluate(() => window.dispatchEvent(new Event("beforeprint")));
    await page.emulateMedia({ media: "print" });
    const widgets = await page.locator("[data-widget]").all();
    for (const widget of widgets) {
      const id = await widget.getAttribute("data-widget");
      await expect(widget, `${id} settles`).toHaveAttribute("data-ready", "", { timeout: 60_000 });
      // The figure as it stands (a model not trained yet shows its pretrained pictures or its empty plot).
      const figures = widget.locator(".widget-figure :is(svg, canvas, img)").filter({ visible: true });
      await expect(figures.first(), `${id} has its figure`).toBeVisible();
      const box = await figures.first().boundingBox();
      expect(box && box.width * box.height, `${id}'s figure has an area`).toBeGreaterThan(1000);
      // Results written: a figure, a word, or "—" where there is none yet (an untrained model); never NaN.
      for (const output of await widget.locator("output[name]").filter({ visible: true }).all()) {
        await expect(output, `${id}: ${await output.getAttribute("name")}`).toHaveText(/\S/);
      }
      expect(await widget.innerText(), id ?? "").not.toMatch(/\bNaN\b/);
    }
    await page.pdf();
  });
}
