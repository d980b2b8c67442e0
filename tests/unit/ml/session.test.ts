import { beforeAll, describe, expect, it } from "vitest";
import type { Digits } from "../../../src/ml/digits-format";
import type { FromWorker, Setup, Status } from "../../../src/ml/protocol";
import { TrainingSession } from "../../../src/ml/session";
import { chooseBackend, tf } from "../../../src/ml/tf";
import { loadDigitsFromDisk, useWasm } from "./helpers";

let digits: Digits;
beforeAll(async () => {
  await useWasm();
  digits = loadDigitsFromDisk();
});

function harness() {
  const messages: FromWorker[] = [];
  const waiters: { test: (m: FromWorker) => boolean; resolve: (m: FromWorker) => void }[] = [];
  const session = new TrainingSession({
    post(message) {
      messages.push(message);
      for (const waiter of [...waiters]) {
        if (waiter.test(message)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(message);
        }
      }
    },
    chooseBackend: () => chooseBackend(undefined, ["wasm"]),
    loadDigits: async () => digits,
    loadWeights: async () => {
      throw new Error("no weights in this test");
    },
    now: () => performance.now(),
  });
  const until = (test: (m: FromWorker) => boolean) =>
    new Promise<FromWorker>((resolve) => waiters.push({ test, resolve }));
  const status = (wanted: Status) => until((m) => m.type === "status" && m.status === wanted);
  return { session, messages, until, status };
}

const vaeSetup: Setup = {
  model: "vae",
  latent: 2,
  hidden: 32,
  batch: 32,
  beta: 1,
  seed: 4,
  pretrained: false,
  seconds: 0.6,
};
const views = {
  reconstruct: [0, 1],
  priorCodes: new Float32Array([0, 0, 1, -1]),
  interpolate: [0, 1] as const,
  interpolationSteps: 3,
  gridSide: 4,
  gridRange: 3,
};

describe("TrainingSession", () => {
  it("trains a VAE within its budget, then posts a final held-out evaluation with every view", async () => {
    const { session, messages, status, until } = harness();
    await session.handle({ type: "setup", setup: vaeSetup, views, wasmPrefix: "", weightsUrl: "", backends: ["wasm"] });
    expect(messages.find((m) => m.type === "backend")).toMatchObject({ name: "wasm" });
    const initial = messages.find((m) => m.type === "evaluation");
    const done = status("done");
    const final = until((m) => m.type === "evaluation" && m.final);
    await session.handle({ type: "start" });
    await done;
    const message = (await final) as Extract<FromWorker, { type: "evaluation" }>;
    const evaluation = message.evaluation;
    if (evaluation.model !== "vae" || initial?.type !== "evaluation" || initial.evaluation.model !== "vae")
      throw new Error("expected VAE evaluations");
    expect(message.progress.steps).toBeGreaterThan(5);
    expect(message.progress.elapsed).toBeGreaterThanOrEqual(0.6);
    expect(evaluation.elbo).toBeGreaterThan(initial.evaluation.elbo);
    expect(evaluation.codes.length).toBe(2000 * 2);
    expect(evaluation.grid?.length).toBe(16 * 784);
    expect(evaluation.samples.length).toBe(2 * 784);
    expect(evaluation.interpolation.length).toBe(3 * 784);
    expect(evaluation.reconstructions.length).toBe(2 * 784);
    const decoded = until((m) => m.type === "decoded");
    await session.handle({ type: "decode", id: 7, codes: new Float32Array([0.5, 0.5]), count: 1 });
    expect(await decoded).toMatchObject({ id: 7 });
    session.dispose();
  });

  it("pauses and resumes", async () => {
    const { session, messages, status } = harness();
    await session.handle({
      type: "setup",
      setup: { ...vaeSetup, seconds: 30 },
      views,
      wasmPrefix: "",
      weightsUrl: "",
      backends: ["wasm"],
    });
    await session.handle({ type: "start" });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await session.handle({ type: "pause" });
    const steps = () =>
      messages.filter((m) => m.type === "progress").map((m) => (m.type === "progress" ? m.progress.steps : 0));
    const paused = Math.max(...steps());
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(Math.max(...steps())).toBe(paused);
    const statuses = messages.filter((m) => m.type === "status").map((m) => (m.type === "status" ? m.status : ""));
    expect(statuses.at(-1)).toBe("paused");
    await session.handle({ type: "resume" });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(Math.max(...steps())).toBeGreaterThan(paused);
    const idle = status("idle");
    await session.handle({ type: "reset" });
    await idle;
    session.dispose();
  });

  it("stops a diverging run and says so", async () => {
    const { session, status } = harness();
    await session.handle({
      type: "setup",
      setup: { ...vaeSetup, seconds: 20, learningRate: 1e4 },
      wasmPrefix: "",
      weightsUrl: "",
      backends: ["wasm"],
    });
    const diverged = status("diverged");
    await session.handle({ type: "start" });
    const message = await diverged;
    expect(message.type === "status" && message.message).toMatch(
      /diverged at step \d+: the loss became (NaN|infinite).*Reset/,
    );
    session.dispose();
  });

  it("trains a denoising autoencoder and leaves no tensors behind once disposed", async () => {
    const before = tf.memory().numTensors;
    const { session, until } = harness();
    await session.handle({
      type: "setup",
      setup: { model: "autoencoder", latent: 8, hidden: 32, batch: 32, noise: 0.5, seed: 2, seconds: 0.4 },
      wasmPrefix: "",
      weightsUrl: "",
      backends: ["wasm"],
    });
    const final = until((m) => m.type === "evaluation" && m.final);
    await session.handle({ type: "start" });
    const message = await final;
    if (message.type !== "evaluation" || message.evaluation.model !== "autoencoder")
      throw new Error("expected an autoencoder evaluation");
    expect(message.evaluation.mse).toBeGreaterThan(0);
    expect(message.evaluation.mse).toBeLessThan(0.2);
    expect(message.evaluation.clean.length).toBe(8 * 784);
    session.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
