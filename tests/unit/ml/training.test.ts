import { readFileSync } from "node:fs";
import { budgetSchedule, type BudgetSchedule } from "../../../src/lib/learning-rate";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { TRAINING_SCHEDULE } from "../../../src/ml/adam";
import {
  AUTOENCODER_BUDGET_SCHEDULE,
  AUTOENCODER_SCHEDULE,
  AutoencoderTrainer,
} from "../../../src/ml/autoencoder-trainer";
import { binariseDigits } from "../../../src/ml/batches";
import { gatherDigits, meanLogOdds, type Digits } from "../../../src/ml/digits-format";
import { createRandom } from "../../../src/lib/random";
import { tf } from "../../../src/ml/tf";
import { VAE_BUDGET_SCHEDULE, VaeTrainer } from "../../../src/ml/vae-trainer";
import { decodeWeights, pretrainedFile } from "../../../src/ml/weights-format";
import { loadDigitsFromDisk, useWasm } from "./helpers";

// Training on a shared 2-core CI machine can be slow; these budgets bound a hang, not speed.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 60_000 });

let digits: Digits;
beforeAll(async () => {
  await useWasm();
  digits = loadDigitsFromDisk();
});

describe("VaeTrainer", () => {
  it("goes on from the shipped weights where their schedule had come to, keeping their held-out ELBO, also when rebuilt", () => {
    const { tensors, meta } = decodeWeights(new Uint8Array(readFileSync(`public/${pretrainedFile(2)}`)));
    const config = { latent: 2, hidden: meta.hidden, batch: 128, beta: 1, seed: 1 };
    // The held-out ELBO's change over the first 80 steps of a budget of 1,000 (the first seconds of the
    // widget's), as the session places them, the weights having had `from` steps.
    // `rebuilt`: the trainer is remade from its snapshot first, as the session does after a lost GPU context.
    const change = (from: number, rebuilt = false) => {
      let trainer = new VaeTrainer(digits, config, tensors, undefined, from);
      if (rebuilt) {
        const snapshot = trainer.snapshot();
        trainer.dispose();
        trainer = new VaeTrainer(digits, config, undefined, snapshot);
      }
      const before = trainer.evaluateLosses().elbo;
      for (let i = 0; i < 80; i++) trainer.step(false, { startStep: 0, used: i / 1000 });
      const after = trainer.evaluateLosses().elbo;
      trainer.dispose();
      return after - before;
    };
    const goingOn = change(meta.steps);
    const restarted = change(0);
    expect(goingOn).toBeGreaterThan(-0.3);
    // Restarting the schedule (its peak rate on converged weights) costs nats: the case this guards.
    expect(restarted).toBeLessThan(goingOn - 0.5);
    // A trainer rebuilt from its snapshot keeps the steps behind the shipped weights, so it goes on too.
    expect(change(meta.steps, true)).toBeGreaterThan(-0.3);
  });

  it("improves the held-out ELBO in a short seeded run, and repeats it exactly", () => {
    const config = { latent: 8, hidden: 128, batch: 64, beta: 1, seed: 42 };
    const run = () => {
      const trainer = new VaeTrainer(digits, config);
      const before = trainer.evaluateLosses();
      for (let i = 0; i < 150; i++) trainer.step();
      const after = trainer.evaluateLosses();
      trainer.dispose();
      return { before, after };
    };
    const first = run();
    // Fresh weights already predict each pixel's marginal (the output bias starts at its log-odds).
    expect(first.before.elbo).toBeLessThan(-200);
    expect(first.after.elbo).toBeGreaterThan(first.before.elbo + 40);
    expect(first.after.elbo).toBeCloseTo(-(first.after.recon + first.after.kl), 6);
    expect(first.after.kl).toBeGreaterThan(0);
    expect(run().after.elbo).toBe(first.after.elbo);
  });

  it("sees binarised digits: held-out ones fixed by a documented seed, training ones drawn afresh", () => {
    const trainer = new VaeTrainer(digits, { latent: 2, hidden: 16, batch: 8, beta: 1, seed: 1 });
    const other = new VaeTrainer(digits, { latent: 2, hidden: 16, batch: 8, beta: 1, seed: 2 });
    expect(trainer.heldOut.every((value) => value === 0 || value === 1)).toBe(true);
    expect(other.heldOut).toEqual(trainer.heldOut);
    // On average a pixel is on as often as its grey level says.
    const grey = digits.heldOut.pixels.reduce((sum, value) => sum + value / 255, 0) / digits.heldOut.pixels.length;
    const on = trainer.heldOut.reduce((sum, value) => sum + value, 0) / trainer.heldOut.length;
    expect(Math.abs(on - grey)).toBeLessThan(0.002);
    trainer.dispose();
    other.dispose();
  });

  it("binarises a training batch as it gathers it, drawing only for grey pixels, as often on as its grey level says", () => {
    let draws = 0;
    const source = createRandom(3);
    const counting = { uniform: () => (draws++, source.uniform()), normal: () => source.normal() };
    const indices = Array.from({ length: 500 }, (_, i) => i);
    const grey = gatherDigits(digits.training, indices);
    const binary = binariseDigits(digits.training, indices, counting);
    expect(draws).toBe(grey.filter((p) => p > 0 && p < 1).length);
    grey.forEach((p, i) => {
      if (p === 0 || p === 1) expect(binary[i]).toBe(p);
      else expect([0, 1]).toContain(binary[i]);
    });
    // Among the grey pixels, 1 as often as their mean grey level, within 4 standard errors.
    const greyPixels = grey.map((p, i) => (p > 0 && p < 1 ? i : -1)).filter((i) => i >= 0);
    const expected = greyPixels.reduce((sum, i) => sum + grey[i]!, 0);
    const variance = greyPixels.reduce((sum, i) => sum + grey[i]! * (1 - grey[i]!), 0);
    const on = greyPixels.reduce((sum, i) => sum + binary[i]!, 0);
    expect(Math.abs(on - expected)).toBeLessThan(4 * Math.sqrt(variance));
  });

  it("keeps the number of tensors constant over 1,000 training steps", () => {
    const trainer = new VaeTrainer(digits, { latent: 2, hidden: 16, batch: 8, beta: 1, seed: 1 });
    trainer.step();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 1000; i++) trainer.step();
    expect(tf.memory().numTensors).toBe(before);
    trainer.evaluateLosses();
    trainer.codes(0, 50);
    trainer.decode(new Float32Array(6), 3);
    trainer.reconstruct([0, 1, 2]);
    expect(tf.memory().numTensors).toBe(before);
    const start = tf.memory().numTensors;
    trainer.dispose();
    expect(tf.memory().numTensors).toBeLessThan(start);
  });

  it("rebuilt from a snapshot, has the same weights, moments, batch order and figures, and trains on", () => {
    const config = { latent: 4, hidden: 32, batch: 32, beta: 1, seed: 9 };
    const trainer = new VaeTrainer(digits, config);
    for (let i = 0; i < 40; i++) trainer.step();
    const snapshot = trainer.snapshot();
    const copy = new VaeTrainer(digits, config, undefined, snapshot);
    expect(copy.steps).toBe(40);
    expect(copy.epochs).toBe(trainer.epochs);
    expect(copy.weights()).toEqual(trainer.weights());
    expect(copy.snapshot()).toEqual(snapshot);
    expect(copy.evaluateLosses()).toEqual(trainer.evaluateLosses());
    const before = copy.evaluateLosses().elbo;
    for (let i = 0; i < 60; i++) copy.step();
    expect(copy.evaluateLosses().elbo).toBeGreaterThan(before);
    trainer.dispose();
    copy.dispose();
  });

  it("releases every tensor it made when disposed", () => {
    const baseline = tf.memory().numTensors;
    const trainer = new VaeTrainer(digits, { latent: 3, hidden: 16, batch: 8, beta: 1, seed: 1 });
    trainer.step();
    trainer.dispose();
    expect(tf.memory().numTensors).toBe(baseline);
  });
});

describe("AutoencoderTrainer", () => {
  it("lowers the held-out MSE of a denoising autoencoder and leaks nothing over 1,000 steps", () => {
    const baseline = tf.memory().numTensors;
    const trainer = new AutoencoderTrainer(digits, { latent: 16, hidden: 64, batch: 16, noise: 0.3, seed: 3 });
    const before = trainer.evaluateMse();
    trainer.step();
    const count = tf.memory().numTensors;
    for (let i = 0; i < 1000; i++) trainer.step();
    expect(tf.memory().numTensors).toBe(count);
    const after = trainer.evaluateMse();
    expect(after).toBeLessThan(before * 0.6);
    const strip = trainer.strip([0, 5]);
    expect(strip.reconstructed.length).toBe(2 * 784);
    expect(strip.corrupted.filter((v, i) => v !== strip.clean[i]).length).toBeGreaterThan(0);
    trainer.dispose();
    expect(tf.memory().numTensors).toBe(baseline);
  });
});

describe("the fresh VAE's output bias", () => {
  it("is each pixel's marginal log-odds over the training digits, clipped", () => {
    const set = { count: 2, labels: new Uint8Array(2), pixels: new Uint8Array(2 * 784) };
    set.pixels[0] = 255; // pixel 0: inked in one digit of two; pixel 1: in both; the rest never
    set.pixels[1] = 255;
    set.pixels[785] = 255;
    const odds = meanLogOdds(set);
    expect(odds[0]).toBeCloseTo(0, 6);
    expect(odds[1]).toBeCloseTo(Math.log(0.999 / 0.001), 4);
    expect(odds[2]).toBeCloseTo(Math.log(0.001 / 0.999), 4);
    const trainer = new VaeTrainer(digits, { latent: 2, hidden: 16, batch: 8, beta: 1, seed: 1 });
    expect(trainer.vae.layers[3].b.dataSync()).toEqual(meanLogOdds(digits.training));
    trainer.dispose();
  });
});

describe("the step-size schedule", () => {
  // The widget, the bench and `npm run pretrain` build trainers without a learning rate: the default must be the schedule.
  const weightsAfterSteps = (trainer: VaeTrainer | AutoencoderTrainer, budget = false) => {
    // Three steps of a budget begun at step 0, a quarter, a half and three quarters through it (the last in the
    // autoencoder's cooldown).
    for (let i = 0; i < 3; i++) trainer.step(true, budget ? { startStep: 0, used: (i + 1) / 4 } : undefined);
    const layers = trainer instanceof VaeTrainer ? trainer.vae.layers : trainer.model.layers;
    const weights = layers[0].w.dataSync().slice();
    trainer.dispose();
    return weights;
  };

  it("is TRAINING_SCHEDULE for the VAE and AUTOENCODER_SCHEDULE for the autoencoder unless a run asks otherwise", () => {
    const vae = { latent: 2, hidden: 16, batch: 8, beta: 1, seed: 4 };
    const dae = { latent: 4, hidden: 16, batch: 8, noise: 0.3, seed: 4 };
    const vaeDefault = weightsAfterSteps(new VaeTrainer(digits, vae));
    expect(weightsAfterSteps(new VaeTrainer(digits, { ...vae, learningRate: TRAINING_SCHEDULE }))).toEqual(vaeDefault);
    expect(weightsAfterSteps(new VaeTrainer(digits, { ...vae, learningRate: 1e-3 }))).not.toEqual(vaeDefault);
    const daeDefault = weightsAfterSteps(new AutoencoderTrainer(digits, dae));
    expect(weightsAfterSteps(new AutoencoderTrainer(digits, { ...dae, learningRate: AUTOENCODER_SCHEDULE }))).toEqual(
      daeDefault,
    );
    expect(weightsAfterSteps(new AutoencoderTrainer(digits, { ...dae, learningRate: 1e-3 }))).not.toEqual(daeDefault);
  });

  it("follows VAE_BUDGET_SCHEDULE and AUTOENCODER_BUDGET_SCHEDULE within a budget", () => {
    const vae = { latent: 2, hidden: 16, batch: 8, beta: 1, seed: 4 };
    const dae = { latent: 4, hidden: 16, batch: 8, noise: 0.3, seed: 4 };
    // The same 3 steps by Adam's update count t, as a schedule given to the run.
    const byStep = (schedule: BudgetSchedule) => (t: number) =>
      budgetSchedule(schedule)({ step: t, used: t / 4, stepsBefore: 0, cooled: false });
    const vaeBudgeted = weightsAfterSteps(new VaeTrainer(digits, vae), true);
    expect(vaeBudgeted).not.toEqual(weightsAfterSteps(new VaeTrainer(digits, vae)));
    expect(weightsAfterSteps(new VaeTrainer(digits, { ...vae, learningRate: byStep(VAE_BUDGET_SCHEDULE) }))).toEqual(
      vaeBudgeted,
    );
    const daeBudgeted = weightsAfterSteps(new AutoencoderTrainer(digits, dae), true);
    expect(daeBudgeted).not.toEqual(weightsAfterSteps(new AutoencoderTrainer(digits, dae)));
    expect(
      weightsAfterSteps(new AutoencoderTrainer(digits, { ...dae, learningRate: byStep(AUTOENCODER_BUDGET_SCHEDULE) })),
    ).toEqual(daeBudgeted);
  });
});
