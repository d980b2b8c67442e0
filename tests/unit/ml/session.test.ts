import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Digits } from "../../../src/ml/digits-format";
import type { FromWorker, Setup, Status } from "../../../src/ml/protocol";
import { TrainingSession } from "../../../src/ml/session";
import { chooseBackend, tf } from "../../../src/ml/tf";
import type { BudgetProgress } from "../../../src/ml/trainer";
import { VaeTrainer } from "../../../src/ml/vae-trainer";
import { loadDigitsFromDisk, useWasm } from "./helpers";

// Training on a shared 2-core CI machine can be slow; these budgets bound a hang, not speed.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 60_000 });

let digits: Digits;
beforeAll(async () => {
  await useWasm();
  digits = loadDigitsFromDisk();
});

/**
 * A session with a fake host. With `gpu`, the host says the backend is WebGL (the arithmetic runs
 * on WASM all the same) and `loseContext` plays a lost GPU context: reported by polling, and by
 * the event unless `silently`; falling back then gives WASM.
 */
function harness(gpu = false) {
  let lostReason: string | undefined;
  let onLost: ((reason: string) => void) | undefined;
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
    chooseBackend: async () => ({ ...(await chooseBackend(undefined, ["wasm"])), ...(gpu ? { name: "webgl" } : {}) }),
    backendLost: () => lostReason,
    onBackendLost: (listener) => (onLost = listener),
    async fallBack() {
      lostReason = undefined;
      return chooseBackend(undefined, ["wasm"]);
    },
    loadDigits: async () => digits,
    loadWeights: async () => {
      throw new Error("no weights in this test");
    },
    now: () => performance.now(),
  });
  const until = (test: (m: FromWorker) => boolean) =>
    new Promise<FromWorker>((resolve) => waiters.push({ test, resolve }));
  const status = (wanted: Status) => until((m) => m.type === "status" && m.status === wanted);
  const loseContext = (silently = false) => {
    lostReason = "The GPU context was lost";
    if (!silently) onLost?.(lostReason);
  };
  return { session, messages, until, status, loseContext };
}

type Evaluation = Extract<FromWorker, { type: "evaluation" }>;
type Backend = Extract<FromWorker, { type: "backend" }>;
const elboOf = (message: Evaluation) => (message.evaluation.model === "vae" ? message.evaluation.elbo : NaN);
const statusesOf = (messages: FromWorker[]) => messages.flatMap((m) => (m.type === "status" ? [m.status] : []));

const vaeSetup: Setup = {
  model: "vae",
  latent: 2,
  hidden: 32,
  batch: 32,
  beta: 1,
  seed: 4,
  pretrained: false,
  seconds: 1.5,
};
const views = {
  reconstructCount: 2,
  priorCodes: new Float32Array([0, 0, 1, -1]),
  interpolate: [0, 1] as const,
  interpolationSteps: 3,
  gridSide: 4,
  gridRange: 3,
  k: 10,
};

const setupMessage = {
  type: "setup",
  setup: vaeSetup,
  wasmPrefix: "",
  weightsUrl: "",
  backends: ["wasm"],
  probe: false,
} as const;

/** A VAE with a long budget, on what the fake host calls WebGL. */
const setUpOnWebgl = (session: TrainingSession) =>
  session.handle({
    type: "setup",
    setup: { ...vaeSetup, seconds: 60 },
    views,
    wasmPrefix: "",
    weightsUrl: "",
    backends: ["webgl", "wasm", "cpu"],
    probe: false,
  });

describe("TrainingSession", () => {
  it("trains a VAE within its budget, then posts a final held-out evaluation with every view", async () => {
    const { session, messages, status, until } = harness();
    await session.handle({
      type: "setup",
      setup: vaeSetup,
      views,
      wasmPrefix: "",
      weightsUrl: "",
      backends: ["wasm"],
      probe: false,
    });
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
    // The budget is time, so the number of steps depends on the machine; some must have run.
    expect(message.progress.steps).toBeGreaterThan(0);
    expect(message.progress.elapsed).toBeGreaterThanOrEqual(1.5);
    expect(evaluation.elbo).toBeGreaterThan(initial.evaluation.elbo);
    expect(evaluation.codes.length).toBe(2000 * 2);
    expect(evaluation.grid?.length).toBe(16 * 784);
    expect(evaluation.samples.length).toBe(2 * 784);
    expect(evaluation.interpolation.length).toBe(3 * 784);
    expect(evaluation.reconstructions.length).toBe(2 * 784);
    expect(evaluation.activeUnits).toBe(evaluation.activity.filter((variance) => variance > 0.01).length);
    const decoded = until((m) => m.type === "decoded");
    await session.handle({ type: "decode", id: 7, codes: new Float32Array([0.5, 0.5]), count: 1 });
    expect(await decoded).toMatchObject({ id: 7 });
    // At rest, the model is measured: first the gaps on the fixed subset, then log p(x), with the page's k.
    const measured = (part: "gaps" | "logPx") =>
      until((m) => m.type === "measurement" && m.measurement[part] !== undefined) as Promise<
        Extract<FromWorker, { type: "measurement" }>
      >;
    const { measurement: gaps } = await measured("gaps");
    const { measurement: likelihood } = await measured("logPx");
    expect(gaps).toMatchObject({ k: 10, steps: message.progress.steps });
    expect(gaps.gaps!.digits).toHaveLength(20);
    expect(gaps.gaps!.amortization).toBeGreaterThanOrEqual(0);
    // log p(x) ≥ ELBO: the IWAE estimate sits above the held-out ELBO (up to the noise of 10 samples).
    expect(likelihood.logPx!).toBeGreaterThan(evaluation.elbo - 0.5);
    // Another k measures again; training again stops the measurement.
    const again = until((m) => m.type === "measurement" && m.measurement.k === 20);
    await session.handle({ type: "views", views: { ...views, k: 20 } });
    await again;
    session.dispose();
  });

  it("pauses and resumes, going on with the same budget", async () => {
    const { session, messages, status } = harness();
    const step = vi.spyOn(VaeTrainer.prototype, "step");
    await session.handle({
      type: "setup",
      setup: { ...vaeSetup, seconds: 30 },
      views,
      wasmPrefix: "",
      weightsUrl: "",
      backends: ["wasm"],
      probe: false,
    });
    await session.handle({ type: "start" });
    await vi.waitFor(() => expect(messages.some((m) => m.type === "progress")).toBe(true), { timeout: 30_000 });
    await session.handle({ type: "pause" });
    const steps = () =>
      messages.filter((m) => m.type === "progress").map((m) => (m.type === "progress" ? m.progress.steps : 0));
    const paused = Math.max(...steps());
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(Math.max(...steps())).toBe(paused);
    const statuses = messages.filter((m) => m.type === "status").map((m) => (m.type === "status" ? m.status : ""));
    expect(statuses.at(-1)).toBe("paused");
    const before = step.mock.calls.length;
    await session.handle({ type: "resume" });
    await vi.waitFor(() => expect(Math.max(...steps())).toBeGreaterThan(paused), { timeout: 30_000 });
    // Paused time is not training time: the budget's fraction used goes on from where it was.
    const [last, next] = [step.mock.calls[before - 1]![1]!, step.mock.calls[before]![1]!];
    expect(next.startStep).toBe(last.startStep);
    expect(next.used).toBeGreaterThan(last.used);
    expect(next.used - last.used).toBeLessThan(0.01);
    step.mockRestore();
    const idle = status("idle");
    await session.handle({ type: "reset" });
    await idle;
    session.dispose();
  });

  it("gives the trainer its place in the budget: the fraction used grows from 0 below 1, and Train after the end begins a new budget", async () => {
    const { session, status } = harness();
    const step = vi.spyOn(VaeTrainer.prototype, "step");
    await session.handle({ ...setupMessage, setup: { ...vaeSetup, seconds: 0.5 }, views });
    const budgets = () => step.mock.calls.map((call) => call[1] as BudgetProgress);
    let stepsBefore = 0;
    for (let budget = 1; budget <= 2; budget++) {
      const done = status("done");
      await session.handle({ type: "start" });
      await done;
      const these = budgets().slice(stepsBefore);
      // The second budget begins at the steps the first took; each step's place follows the last.
      expect(these.every((b) => b.startStep === stepsBefore)).toBe(true);
      expect(these[0]!.used).toBe(0);
      these.slice(1).forEach((b, i) => expect(b.used).toBeGreaterThan(these[i]!.used));
      expect(these.at(-1)!.used).toBeLessThan(1);
      expect(these.at(-1)!.used).toBeGreaterThan(0.5);
      stepsBefore += these.length;
    }
    expect(budgets()[stepsBefore - 1]!.startStep).toBeGreaterThan(0);
    step.mockRestore();
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
      probe: false,
    });
    const diverged = status("diverged");
    await session.handle({ type: "start" });
    const message = await diverged;
    expect(message.type === "status" && message.message).toMatch(
      /diverged at step \d+: the loss became (NaN|infinite).*Reset/,
    );
    // Train again on a diverged run answers with the same status and its reason, not silence.
    const again = status("diverged");
    await session.handle({ type: "start" });
    expect(await again).toEqual(message);
    session.dispose();
  });

  it("answers every message it cannot act on, never dropping it silently", async () => {
    const { session, messages } = harness();
    for (const type of ["start", "pause", "resume", "reset"] as const) await session.handle({ type });
    expect(messages.map((m) => (m.type === "error" ? m.message : m.type))).toEqual(
      ["start", "pause", "resume", "reset"].map(
        (type) => `The training worker cannot act on “${type}”: no model has been set up`,
      ),
    );
    // A setup that fails (here its pretrained weights) leaves no model: Train is answered the same.
    messages.length = 0;
    await session.handle({ ...setupMessage, setup: { ...vaeSetup, pretrained: true } });
    await session.handle({ type: "start" });
    expect(messages.filter((m) => m.type === "error")).toEqual([
      { type: "error", message: "no weights in this test" },
      { type: "error", message: "The training worker cannot act on “start”: no model has been set up" },
    ]);
    await session.handle(setupMessage);
    messages.length = 0;
    await session.handle({ type: "pause" });
    await session.handle({ type: "resume" });
    expect(messages).toEqual([
      { type: "status", status: "idle", message: undefined },
      { type: "status", status: "idle", message: undefined },
    ]);
    session.dispose();
  });

  it("trains a denoising autoencoder and leaves no tensors behind once disposed", async () => {
    const before = tf.memory().numTensors;
    const { session, until, messages } = harness();
    await session.handle({
      type: "setup",
      setup: { model: "autoencoder", latent: 8, hidden: 32, batch: 32, noise: 0.5, seed: 2, seconds: 1 },
      wasmPrefix: "",
      weightsUrl: "",
      backends: ["wasm"],
      probe: false,
    });
    const initial = messages.find((m) => m.type === "evaluation");
    if (initial?.type !== "evaluation" || initial.evaluation.model !== "autoencoder")
      throw new Error("expected an initial evaluation");
    const final = until((m) => m.type === "evaluation" && m.final);
    await session.handle({ type: "start" });
    const message = await final;
    if (message.type !== "evaluation" || message.evaluation.model !== "autoencoder")
      throw new Error("expected an autoencoder evaluation");
    expect(message.evaluation.mse).toBeGreaterThan(0);
    expect(message.evaluation.mse).toBeLessThan(initial.evaluation.mse);
    expect(message.evaluation.clean.length).toBe(8 * 784);

    // The trained model, tested at other corruptions without training: the same steps, its own figures.
    const measureAt = async (noise: number) => {
      const from = messages.length;
      await session.handle({ type: "evaluate", noise });
      const answer = messages.slice(from);
      expect(answer.map((m) => m.type)).toEqual(["evaluation", "status"]);
      const [evaluation] = answer;
      if (evaluation?.type !== "evaluation" || evaluation.evaluation.model !== "autoencoder")
        throw new Error("expected an autoencoder evaluation");
      expect(evaluation.progress.steps).toBe(message.progress.steps);
      return evaluation.evaluation;
    };
    const clean = await measureAt(0);
    const heavy = await measureAt(0.9);
    // No pixel zeroed: the corrupted strip is the clean one; nine in ten zeroed: a harder test.
    expect(clean.corrupted).toEqual(clean.clean);
    expect(heavy.mse).toBeGreaterThan(clean.mse);
    // Back at the training noise, the figure is the final evaluation's (the corruption's seed is fixed).
    expect((await measureAt(0.5)).mse).toBeCloseTo(message.evaluation.mse, 6);
    session.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it("goes on from its last copy on WASM when the GPU context is lost while training", async () => {
    const before = tf.memory().numTensors;
    const { session, messages, until, loseContext } = harness(true);
    await setUpOnWebgl(session);
    expect(messages.find((m) => m.type === "backend")).toMatchObject({ name: "webgl" });
    const initial = messages.find((m) => m.type === "evaluation") as Evaluation;
    expect(initial.progress.steps).toBe(0);
    await session.handle({ type: "start" });
    const saved = (await until((m) => m.type === "evaluation" && m.progress.steps > 0)) as Evaluation;
    // Train on past the copy, then lose the context: those later steps are lost, the copy is not.
    await until((m) => m.type === "progress" && m.progress.steps > saved.progress.steps + 5);
    const switched = until((m) => m.type === "backend" && m.lost !== undefined);
    const restored = until((m) => m.type === "evaluation" && messages.some((n) => n.type === "backend" && n.lost));
    loseContext();
    const backend = (await switched) as Backend;
    const step = saved.progress.steps;
    expect(backend).toMatchObject({ name: "wasm", restoredStep: step });
    expect(backend.lost).toBe(`The GPU context was lost; training continues on WASM from step ${step}.`);
    const evaluation = (await restored) as Evaluation;
    // The same weights, measured with the same fixed ε: the same held-out ELBO, to the last digit.
    expect(evaluation.progress.steps).toBe(step);
    expect(evaluation.progress.elapsed).toBeCloseTo(saved.progress.elapsed, 9);
    expect(elboOf(evaluation)).toBe(elboOf(saved));
    await until((m) => m.type === "progress" && m.progress.steps > step + 5);
    expect(statusesOf(messages).slice(-2)).toEqual(["loading", "training"]);
    expect(messages.some((m) => m.type === "error")).toBe(false);
    await session.handle({ type: "pause" });
    session.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it("notices a context lost while paused, restores the paused model and resumes on WASM", async () => {
    const { session, messages, until, loseContext } = harness(true);
    await setUpOnWebgl(session);
    await session.handle({ type: "start" });
    await until((m) => m.type === "progress" && m.progress.steps > 10);
    const paused = until((m) => m.type === "evaluation");
    await session.handle({ type: "pause" });
    const atPause = (await paused) as Evaluation;
    loseContext(true);
    const switched = until((m) => m.type === "backend" && m.lost !== undefined);
    await session.handle({ type: "resume" });
    const backend = (await switched) as Backend;
    expect(backend.lost).toBe(
      `The GPU context was lost; the model was restored on WASM at step ${atPause.progress.steps}.`,
    );
    expect(statusesOf(messages).slice(-3)).toEqual(["loading", "paused", "training"]);
    await until((m) => m.type === "progress" && m.progress.steps > atPause.progress.steps + 5);
    await session.handle({ type: "pause" });
    session.dispose();
  });
});
