import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { elboResults } from "../../../src/widgets/elbo/results";
import { densityLayout, identityLayout } from "../../../src/widgets/elbo/view";
import { gradientResults } from "../../../src/widgets/reparam/results";
import { gradientLayout } from "../../../src/widgets/reparam/view";

// Any value the widgets' parameters accept, from the ordinary to the extreme.
const location = fc.oneof(fc.double({ min: -5, max: 5, noNaN: true }), fc.constantFrom(-1e6, 1e6, 0, 1e-300));
const scale = fc.oneof(fc.double({ min: 0.05, max: 5, noNaN: true }), fc.constantFrom(1e-300, 1e-8, 1e6));
const stateArb = fc.record({
  x: location,
  w: location,
  b: location,
  s: scale,
  qm: location,
  qs: scale,
  n: fc.constantFrom(1, 2, 50),
  seed: fc.integer(),
  k: fc.constantFrom(1, 3, 20),
});
const width = fc.integer({ min: 280, max: 1200 });

/** Every number in a layout, however deeply nested, and every number inside an SVG path string. */
function numbersIn(value: unknown): number[] {
  if (typeof value === "number") return [value];
  if (typeof value === "string") return (value.match(/-?[\d.]+(e[+-]?\d+)?|NaN|Infinity/g) ?? []).map(Number);
  if (Array.isArray(value)) return value.flatMap(numbersIn);
  if (value && typeof value === "object") return Object.values(value).flatMap(numbersIn);
  return [];
}

/** The widgets answer values beyond double precision with an alert; only the ones they draw matter here. */
function drawable<T>(compute: () => T): T | undefined {
  try {
    return compute();
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}

describe("the figures of the elbo and reparam widgets", () => {
  it("have finite coordinates for every state the widgets draw, at any width", () => {
    fc.assert(
      fc.property(stateArb, width, (state, px) => {
        const elbo = drawable(() => elboResults(state));
        if (elbo) {
          const q = { mean: state.qm, sd: state.qs };
          for (const value of numbersIn(densityLayout({ mean: 0, sd: 1 }, elbo.posterior, q, px))) {
            expect(Number.isFinite(value)).toBe(true);
          }
          for (const value of numbersIn(
            identityLayout(elbo.terms, elbo.mc.elbo, { k: state.k, estimate: elbo.iwae }, px),
          )) {
            expect(Number.isFinite(value)).toBe(true);
          }
        }
        const gradients = drawable(() => gradientResults(state));
        if (gradients) {
          for (const value of numbersIn(gradientLayout(gradients, px))) expect(Number.isFinite(value)).toBe(true);
        }
      }),
      { seed: 3, numRuns: 150 },
    );
  }, 30_000);

  it("start the gradient intervals after the row labels, in their short form where the long one takes half the width", () => {
    const results = gradientResults({ x: 1.5, w: 1.5, b: 0, s: 0.8, qm: 0.3, qs: 0.6, n: 100, seed: 1 });
    const labels = (layout: ReturnType<typeof gradientLayout>) => layout.panels[0]!.intervals.map((row) => row.label);
    expect(gradientLayout(results, 640).left).toBe(150);
    // "reparameterisation" in 18 px bold on a projector is about 190 units wide.
    const wide = gradientLayout(results, 640, 190);
    expect([wide.left, labels(wide)]).toEqual([204, ["score function", "reparameterisation"]]);
    for (const panel of wide.panels) for (const row of panel.intervals) expect(row.lo).toBeGreaterThanOrEqual(204);
    const narrow = gradientLayout(results, 350, 190);
    expect([narrow.left, labels(narrow)]).toEqual([120, ["score", "reparam."]]);
    expect(gradientLayout(results, 240, 190).left).toBe(120);
  });

  it("start the identity bars after the row labels, in their short form where the long ones take a third of the width", () => {
    const results = elboResults({ x: 1.5, w: 1.5, b: 0, s: 0.8, qm: 0.3, qs: 0.6, n: 100, seed: 1, k: 5 });
    const at = (width: number, labelWidth: number) =>
      identityLayout(results.terms, results.mc.elbo, { k: 5, estimate: results.iwae }, width, labelWidth);
    // "recon − KL to prior" in 18 px bold on a projector is about 190 units wide.
    const wide = at(900, 190);
    expect(wide.rowLabels).toEqual([
      "log p(x)",
      "ELBO + KL gap",
      "recon − KL to prior",
      "Monte Carlo ELBO",
      "IWAE, K = 5",
    ]);
    expect(Math.min(...wide.segments.map((segment) => segment.x))).toBeGreaterThanOrEqual(202);
    const narrow = at(420, 190);
    expect(narrow.rowLabels).toEqual(["log p(x)", "ELBO + gap", "recon − KL", "MC ELBO", "IWAE K=5"]);
    expect(Math.min(...narrow.segments.map((segment) => segment.x))).toBeGreaterThanOrEqual(126);
    expect(Math.min(...narrow.segments.map((segment) => segment.x))).toBeLessThan(202);
  });

  it("end the gap bar exactly where log p(x) is drawn", () => {
    const results = elboResults({ x: 1.5, w: 1.5, b: 0, s: 0.8, qm: 0.3, qs: 0.6, n: 100, seed: 1, k: 10 });
    const layout = identityLayout(results.terms, results.mc.elbo, { k: 10, estimate: results.iwae });
    const gap = layout.segments.find((segment) => segment.key === "gap")!;
    expect(gap.x + gap.width).toBeCloseTo(layout.evidenceX, 9);
  });

  it("draw IWAE_K between the Monte Carlo ELBO and log p(x), on a row of its own that names K", () => {
    const results = elboResults({ x: 1.5, w: 1.5, b: 0, s: 0.8, qm: 0, qs: 1, n: 2000, seed: 1, k: 50 });
    const layout = identityLayout(results.terms, results.mc.elbo, { k: 50, estimate: results.iwae });
    const [mc, iwae] = layout.estimates;
    expect(layout.rowLabels.at(-1)).toBe("IWAE, K = 50");
    expect(iwae!.y).toBeGreaterThan(mc!.y);
    expect(iwae!.x).toBeGreaterThan(mc!.x);
    expect(iwae!.x).toBeLessThan(layout.evidenceX);
  });
});
