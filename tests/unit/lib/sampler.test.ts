import { describe, expect, it } from "vitest";
import { elboSampler } from "../../../src/lib/elbo";
import { createRandom } from "../../../src/lib/random";
import { drawAll, drawAllInSlices } from "../../../src/lib/sampler";

const model = { w: 1.5, b: 0, s: 0.8 };
const q = { mean: 0.2, sd: 0.9 };
const sampler = (seed: number) => elboSampler(model, 1.5, q, createRandom(seed));

describe("drawAllInSlices", () => {
  it("gives exactly the numbers of the plain loop, while handing control back between slices", async () => {
    let yields = 0;
    const sliced = await drawAllInSlices(sampler(4), 10_000, {
      sliceMs: 0,
      yieldToPage: async () => {
        yields++;
      },
    });
    expect(sliced).toEqual(drawAll(sampler(4), 10_000));
    expect(yields).toBeGreaterThan(0);
  });

  it("stops between slices when its signal aborts", async () => {
    const controller = new AbortController();
    const run = drawAllInSlices(sampler(4), 1_000_000, {
      signal: controller.signal,
      sliceMs: 0,
      yieldToPage: async () => controller.abort(new Error("superseded")),
    });
    await expect(run).rejects.toThrow("superseded");
  });
});
