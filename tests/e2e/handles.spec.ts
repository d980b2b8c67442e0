import { expect, test, type Locator, type Page } from "@playwright/test";
import { spec as bayes } from "../../src/widgets/bayes/spec";
import { spec as dice } from "../../src/widgets/dice/spec";
import { spec as klDiscrete } from "../../src/widgets/kl-discrete/spec";
import { spec as klGaussian } from "../../src/widgets/kl-gaussian/spec";
import { openWidget, scrollToReach } from "./site";

/**
 * Every kind of handle of every widget (docs/widget-contract.md rule 8), driven as a reader does: a
 * finger (real touch events through CDP) and a mouse drag it without NaN, a drag there and back
 * returns it, a press without a move changes nothing, arrow keys (Shift for big steps) step it, and
 * it is a slider with a value text.
 */
interface HandleCase {
  readonly name: string;
  readonly widget: { readonly id: string; readonly params: Readonly<Record<string, { readonly fallback: string }>> };
  readonly query: string;
  readonly handle: string;
  /** The handle's value(s) from the state: a parameter's value, from the address bar or its default. */
  readonly value: (param: (name: string) => string) => number[];
  /** The drag, in CSS pixels, about 40 px away. */
  readonly move: readonly [number, number];
  /** The key that raises the value (the first one in 2-D), and its small and big steps. */
  readonly key: string;
  readonly step: number;
  readonly bigStep: number;
}

const numbers = (text: string) => text.split(",").map(Number);
const probabilities = (text: string) => {
  const weights = numbers(text);
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => w / total);
};
const UP: readonly [number, number] = [0, -40];

const CASES: readonly HandleCase[] = [
  {
    name: "dice: a face's bar",
    widget: dice,
    query: "weights=1,1,1,1,1,1",
    handle: 'rect.handle[data-face="1"]',
    value: (param) => [probabilities(param("weights"))[0] ?? NaN],
    move: UP,
    key: "ArrowUp",
    step: 0.01,
    bigStep: 0.1,
  },
  {
    name: "bayes: a likelihood",
    widget: bayes,
    query: "prior=0.3,0.7&likelihood=0.5,0.2",
    handle: 'rect.likelihood-handle[data-index="0"]',
    value: (param) => [numbers(param("likelihood"))[0] ?? NaN],
    move: UP,
    key: "ArrowUp",
    step: 0.01,
    bigStep: 0.1,
  },
  {
    name: "bayes: the prior's border",
    widget: bayes,
    query: "prior=0.01,0.99&likelihood=0.9,0.09",
    handle: 'rect.prior-handle[data-index="0"]',
    value: (param) => [probabilities(param("prior"))[0] ?? NaN],
    move: [40, 0],
    key: "ArrowRight",
    step: 0.01,
    bigStep: 0.1,
  },
  {
    name: "kl-discrete: a bar of P",
    widget: klDiscrete,
    query: "p=0.2,0.3,0.5&q=0.4,0.4,0.2",
    handle: 'svg[data-role=distributions] rect.handle[data-series="0"][data-outcome="0"]',
    value: (param) => [probabilities(param("p"))[0] ?? NaN],
    move: UP,
    key: "ArrowUp",
    step: 0.01,
    bigStep: 0.1,
  },
  {
    name: "kl-discrete: a bar of Q",
    widget: klDiscrete,
    query: "p=0.2,0.3,0.5&q=0.4,0.4,0.2",
    handle: 'svg[data-role=distributions] rect.handle[data-series="1"][data-outcome="2"]',
    value: (param) => [probabilities(param("q"))[2] ?? NaN],
    move: UP,
    key: "ArrowUp",
    step: 0.01,
    bigStep: 0.1,
  },
  {
    name: "kl-gaussian: the mean μ₁",
    widget: klGaussian,
    query: "mu1=0,0&cov1=1,0,0,1&mu2=1,0&cov2=1,0,0,1",
    handle: 'svg[data-role=normals] circle[role=slider][data-key="p"]',
    value: (param) => numbers(param("mu1")).slice(0, 2),
    move: [28, -28],
    key: "ArrowRight",
    step: 0.1,
    bigStep: 1,
  },
  {
    name: "kl-gaussian: the mean μ₂",
    widget: klGaussian,
    query: "mu1=0,0&cov1=1,0,0,1&mu2=1,0&cov2=1,0,0,1",
    handle: 'svg[data-role=normals] circle[role=slider][data-key="q"]',
    value: (param) => numbers(param("mu2")).slice(0, 2),
    move: [40, 0],
    key: "ArrowRight",
    step: 0.1,
    bigStep: 1,
  },
];

/** Reads the state from the address bar (which leaves out defaults) once the widget has caught up with it. */
async function valueOf(page: Page, root: Locator, which: HandleCase): Promise<number[]> {
  await expect(root).toHaveAttribute("data-ready", "");
  const params = new URL(page.url()).searchParams;
  return which.value((name) => params.get(name) ?? which.widget.params[name]?.fallback ?? "");
}

const centre = async (handle: Locator) => {
  const box = (await handle.boundingBox())!;
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
};

/** A pointer: press, move (in steps), release; the mouse's or a finger's through CDP touch events. */
interface Pointer {
  down(x: number, y: number): Promise<void>;
  move(x: number, y: number): Promise<void>;
  up(): Promise<void>;
}

function mouse(page: Page): Pointer {
  return {
    down: async (x, y) => {
      await page.mouse.move(x, y);
      await page.mouse.down();
    },
    move: (x, y) => page.mouse.move(x, y, { steps: 5 }),
    up: () => page.mouse.up(),
  };
}

async function finger(page: Page): Promise<Pointer> {
  const cdp = await page.context().newCDPSession(page);
  let at = { x: 0, y: 0 };
  const touch = async (type: "touchStart" | "touchMove" | "touchEnd", points: { x: number; y: number }[]) => {
    await cdp.send("Input.dispatchTouchEvent", { type, touchPoints: points });
  };
  return {
    down: async (x, y) => {
      at = { x, y };
      await touch("touchStart", [at]);
    },
    move: async (x, y) => {
      const from = at;
      for (let i = 1; i <= 5; i++) {
        at = { x: from.x + ((x - from.x) * i) / 5, y: from.y + ((y - from.y) * i) / 5 };
        await touch("touchMove", [at]);
      }
    },
    up: () => touch("touchEnd", []),
  };
}

/** The widget's text fields read as the book writes figures (four significant digits at most), unclipped. */
async function expectReadableFields(root: Locator) {
  const fields = await root.locator('input[type="text"]').evaluateAll((inputs) =>
    inputs.map((input) => ({
      value: (input as HTMLInputElement).value,
      clipped: input.scrollWidth > input.clientWidth + 1,
    })),
  );
  for (const { value, clipped } of fields) {
    expect(clipped, `"${value}" is clipped`).toBe(false);
    for (const part of value.split(",").filter((text) => text.trim() !== "")) {
      const figure = Number(part);
      expect(Number(figure.toPrecision(4)), `"${value}"`).toBe(figure);
    }
  }
}

/** Whether the handle is focused and draws a focus ring (an outline), as the reader sees it. */
const ringShown = (handle: Locator) =>
  handle.evaluate((element) => element === document.activeElement && getComputedStyle(element).outlineStyle !== "none");

const distance = (a: readonly number[], b: readonly number[]) =>
  Math.hypot(...a.map((value, i) => value - (b[i] ?? NaN)));

// A phone's width, where fields are narrowest.
test.use({ hasTouch: true, viewport: { width: 375, height: 800 } });

for (const which of CASES) {
  test(`${which.name}: a finger and a mouse drag it, there and back, and keys step it`, async ({ page }) => {
    const root = await openWidget(page, which.widget.id, which.query);
    const handle = root.locator(which.handle).first();
    await scrollToReach(handle);
    await expect(handle).toHaveAttribute("role", "slider");
    await expect(handle).toHaveAttribute("tabindex", "0");
    await expect(handle).toHaveAttribute("aria-valuetext", /\d/);
    const start = await valueOf(page, root, which);

    for (const pointer of [mouse(page), await finger(page)]) {
      const url = page.url();
      const from = await centre(handle);
      const scrolled = await page.evaluate(() => window.scrollY);
      // A press without a move changes nothing.
      await pointer.down(from.x, from.y);
      await pointer.up();
      await page.waitForTimeout(100);
      expect(page.url()).toBe(url);

      // There: the value moves, with no NaN; back: it returns to within a pixel's worth.
      await pointer.down(from.x, from.y);
      await pointer.move(from.x + which.move[0], from.y + which.move[1]);
      await expect.poll(async () => distance(await valueOf(page, root, which), start)).toBeGreaterThan(0.01);
      // A pointer's drag focuses the handle (keys step it next) but draws no focus ring: that is the keyboard's.
      expect(await ringShown(handle), "focus ring during a drag").toBe(false);
      const there = await valueOf(page, root, which);
      expect(there.every(Number.isFinite)).toBe(true);
      await expectReadableFields(root);
      await pointer.move(from.x, from.y);
      await pointer.up();
      const pixel = distance(there, start) / Math.hypot(...which.move);
      await expect.poll(async () => distance(await valueOf(page, root, which), start)).toBeLessThanOrEqual(pixel);
      expect(page.url()).not.toMatch(/NaN/);
      await expect(root.locator("[role=alert]")).toBeHidden();
      // The drag moved the handle, not the page.
      expect(await page.evaluate(() => window.scrollY)).toBe(scrolled);
    }

    // Keys: an arrow steps it by a small step, Shift+arrow by a big one; a key press shows the focus ring.
    const before = await valueOf(page, root, which);
    await handle.focus();
    await page.keyboard.press(which.key);
    expect(await ringShown(handle), "focus ring after a key").toBe(true);
    await expect.poll(async () => (await valueOf(page, root, which))[0]! - before[0]!).toBeCloseTo(which.step, 3);
    await page.keyboard.press(`Shift+${which.key}`);
    await expect
      .poll(async () => (await valueOf(page, root, which))[0]! - before[0]!)
      .toBeCloseTo(which.step + which.bigStep, 3);
    await expect(handle).toHaveAttribute("aria-valuetext", /\d/);
    await expect(handle).not.toHaveAttribute("aria-valuetext", /NaN/);
    // Tab, away and back, reaches the handle with its ring.
    await page.keyboard.press("Shift+Tab");
    expect(await ringShown(handle)).toBe(false);
    await page.keyboard.press("Tab");
    expect(await ringShown(handle), "focus ring after Tab").toBe(true);
  });
}

test("fields show readable figures while the state keeps full precision", async ({ page }) => {
  const root = await openWidget(page, bayes.id, "prior=0.01,0.99&likelihood=0.9,0.09");
  await root.locator("button[data-role=posterior-as-prior]").click();
  await expect(root).toHaveAttribute("data-ready", "");
  const prior = numbers(new URL(page.url()).searchParams.get("prior") ?? "");
  // The posterior 0.009/(0.009 + 0.0891) has more digits than a reader wants to see.
  expect(prior[0]).toBeCloseTo(0.009 / 0.0981, 14);
  await expect(root.locator('input[name="prior-0"]')).toHaveValue("0.09174");
  await expectReadableFields(root);
});
