import { adamStepInPlace } from "../lib/adam-step";
import {
  constantRate,
  warmupInverseSqrt,
  type LearningRateSchedule,
  type WarmupInverseSqrt,
} from "../lib/learning-rate";
import { readVariables, variableFrom, writeVariables } from "./dense";
import { heapTensor, tf, wasmHeap } from "./tf";

/** Adam's moments and step count, as plain arrays (to rebuild the optimizer on another backend). */
export interface AdamState {
  readonly steps: number;
  readonly first: readonly Float32Array[];
  readonly second: readonly Float32Array[];
}

/**
 * The VAE's step sizes when no time budget is given (tests; `npm run pretrain` trains within a budget
 * of steps, VAE_BUDGET_SCHEDULE): a warm-up over 100 steps to 3·10⁻³, held to step 500, then 1/√t
 * (src/lib/learning-rate.ts), good wherever it stops. Measured with the pretraining seed (latent 20,
 * batch 128): held-out ELBO −107.58 after 1,500 steps and −105.51 after 3,000. Earlier, before the
 * output bias started at the log-odds: −108.4 and −105.9, against −110.0 and −107.1 at a constant 10⁻³.
 * Within a budget the widget decays to zero instead (VAE_BUDGET_SCHEDULE, src/ml/vae-trainer.ts).
 */
export const TRAINING_SCHEDULE_PARAMETERS: WarmupInverseSqrt = { peak: 3e-3, warmup: 100, decayFrom: 500 };
export const TRAINING_SCHEDULE: LearningRateSchedule = warmupInverseSqrt(
  TRAINING_SCHEDULE_PARAMETERS.peak,
  TRAINING_SCHEDULE_PARAMETERS.warmup,
  TRAINING_SCHEDULE_PARAMETERS.decayFrom,
);

/**
 * Adam (Kingma & Ba, 2015) on a fixed list of variables, with the bias corrections folded into the
 * step size. On WASM, where every tensor lives in the module's memory, the update is made there,
 * one pass per variable (src/lib/adam-step.ts): the tensor path's dozen elementwise kernels
 * per variable took ~8 of the VAE step's ~40 ms. Elsewhere (GPU backends, the CPU) it is one small
 * tidy block of tensor ops with no tensors left behind. The step size may follow a schedule of the
 * update count (src/lib/learning-rate.ts).
 */
export class Adam {
  private readonly first: tf.Variable[];
  private readonly second: tf.Variable[];
  private steps = 0;
  private readonly learningRate: LearningRateSchedule;

  constructor(
    private readonly variables: readonly tf.Variable[],
    learningRate: number | LearningRateSchedule = 1e-3,
    private readonly beta1 = 0.9,
    private readonly beta2 = 0.999,
    private readonly epsilon = 1e-7,
  ) {
    this.learningRate = typeof learningRate === "number" ? constantRate(learningRate) : learningRate;
    this.first = variables.map((v) => variableFrom(tf.zerosLike(v), false));
    this.second = variables.map((v) => variableFrom(tf.zerosLike(v), false));
  }

  /** Applies one update; `grads[i]` belongs to `variables[i]`. Disposes nothing it was given. */
  apply(grads: readonly tf.Tensor[]): void {
    this.steps += 1;
    const correction1 = 1 - this.beta1 ** this.steps;
    const correction2 = 1 - this.beta2 ** this.steps;
    const stepSize = (this.learningRate(this.steps) * Math.sqrt(correction2)) / correction1;
    const epsilon = this.epsilon * Math.sqrt(correction2);
    const heap = wasmHeap();
    // The moments are updated in place, so no other tensor may share their memory (tf.variable(t) with t alive would).
    const owned = (t: tf.Tensor) => heap!.refCount(t.dataId) === 1;
    if (heap && [...this.first, ...this.second].every(owned)) {
      const step = { stepSize, beta1: this.beta1, beta2: this.beta2, epsilon };
      this.variables.forEach((variable, i) => {
        // New weights go to new memory, as a kernel's output would: XNNPACK keeps each weight matrix
        // packed for matMul by tensor id, so weights changed in place would go on being read stale.
        const next = heapTensor(heap, variable.shape);
        // Views taken after that allocation, which may have grown (and moved) the module's memory.
        adamStepInPlace(
          heap.typedArrayFromHeap(variable),
          heap.typedArrayFromHeap(grads[i]!),
          heap.typedArrayFromHeap(this.first[i]!),
          heap.typedArrayFromHeap(this.second[i]!),
          step,
          heap.typedArrayFromHeap(next),
        );
        variable.assign(next);
        next.dispose();
      });
      return;
    }
    tf.tidy(() => {
      this.variables.forEach((variable, i) => {
        const grad = grads[i]!;
        const m = this.first[i]!;
        const v = this.second[i]!;
        m.assign(tf.add(tf.mul(m, this.beta1), tf.mul(grad, 1 - this.beta1)));
        v.assign(tf.add(tf.mul(v, this.beta2), tf.mul(tf.square(grad), 1 - this.beta2)));
        variable.assign(tf.sub(variable, tf.div(tf.mul(m, stepSize), tf.add(tf.sqrt(v), epsilon))));
      });
    });
  }

  state(): AdamState {
    return { steps: this.steps, first: readVariables(this.first), second: readVariables(this.second) };
  }

  restore(state: AdamState): void {
    writeVariables(this.first, state.first);
    writeVariables(this.second, state.second);
    this.steps = state.steps;
  }

  dispose(): void {
    for (const variable of [...this.first, ...this.second]) variable.dispose();
  }
}
