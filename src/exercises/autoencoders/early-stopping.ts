/**
 * Reading a loss curve: the training error keeps falling while the held-out error turns back up;
 * the weights worth keeping are those at the held-out minimum (early stopping).
 */
import { createRandom } from "../../lib/random";
import { onGrid, roundedAnswer } from "../compose";
import type { ExerciseGenerator } from "../types";

const STEPS = Array.from({ length: 10 }, (_, i) => 500 * (i + 1));
const PLACES = 4;

/** Training error a·exp(−t/τ) + floor; held-out adds a gap that grows by `drift` per step. */
function curves(seed: number) {
  const random = createRandom(seed);
  for (;;) {
    const floor = onGrid(random, 0.006, 0.012, 0.001);
    const scale = onGrid(random, 0.03, 0.06, 0.005);
    const tau = onGrid(random, 600, 1400, 100);
    const turn = onGrid(random, 1200, 4200, 100);
    const drift = (scale / tau) * Math.exp(-turn / tau);
    const gap = onGrid(random, 0.001, 0.003, 0.0005);
    const train = STEPS.map((t) => Number((floor + scale * Math.exp(-t / tau)).toFixed(PLACES)));
    const heldOut = STEPS.map((t, i) => Number(((train[i] ?? 0) + gap + drift * t).toFixed(PLACES)));
    const lowest = Math.min(...heldOut);
    const best = heldOut.indexOf(lowest);
    // Redraw until the minimum lies inside the run and stands out from its neighbours by 0.0002, so the question has one answer.
    const clear = heldOut.every((value, i) => i === best || value - lowest >= 0.0002);
    if (clear && best > 0 && best < STEPS.length - 1) return { train, heldOut, best };
  }
}

export const earlyStopping: ExerciseGenerator = {
  id: "early-stopping",
  defaultSeed: 1,
  generate(seed) {
    const { train, heldOut, best } = curves(seed);
    const answer = STEPS[best] ?? 0;
    const rows = STEPS.map(
      (t, i) => `${t} & ${(train[i] ?? 0).toFixed(PLACES)} & ${(heldOut[i] ?? 0).toFixed(PLACES)}`,
    );
    return {
      question:
        String.raw`An autoencoder trains for ${STEPS.at(-1)} steps. Its MSE per pixel on the training batches and on the held-out digits, every 500 steps:` +
        String.raw`$$\begin{array}{r|cc} \text{step} & \text{training} & \text{held-out} \\ \hline ${rows.join(String.raw` \\ `)} \end{array}$$` +
        `After which step would you keep the weights?`,
      solution:
        String.raw`The training error falls at every step: the network keeps fitting the digits it sees. The held-out error, measured on digits it never sees, ` +
        String.raw`is lowest, ${(heldOut[best] ?? 0).toFixed(PLACES)}, at step ${answer}, and rises after it while the training error goes on falling: ` +
        String.raw`from there on the network learns its training digits rather than digits in general. Keeping the weights of the held-out minimum is early stopping.`,
      ...roundedAnswer(answer, 0, [
        {
          value: STEPS.at(-1) ?? 0,
          slip: "That is where the training error is lowest; judge by the held-out error, on digits training never saw.",
        },
        {
          value: STEPS[heldOut.findIndex((value, i) => i > 0 && value > (heldOut[i - 1] ?? 0))] ?? 0,
          slip: "That is the first step at which the held-out error is higher than before; the weights worth keeping are those of the step before it.",
        },
      ]),
    };
  },
};
