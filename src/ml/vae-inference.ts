// What papers measure about a trained VAE beyond its ELBO, on the held-out digits: log p(x) by the
// importance-weighted bound, and the inference gaps of Cremer, Li & Duvenaud (2018). Each is a
// generator that yields between chunks of work, so the worker can answer messages (pause, reset)
// in between; every chunk runs in a tf.tidy and reads its result back, so no tensor outlives it.
import { iwaeRows } from "../lib/iwae";
import { createRandom, type Random } from "../lib/random";
import { Adam } from "./adam";
import { normals } from "./batches";
import { variableFrom } from "./dense";
import { DIGIT_PIXELS } from "./digits-format";
import { klStdNormalGrads } from "./losses";
import { tf } from "./tf";
import type { Vae } from "./vae";

/** Decoder rows (digit × draw) per chunk: bounds memory (rows × 784 floats) and the time between yields. */
const ROWS_PER_CHUNK = 2000;

/** q(z | x) of n digits as plain arrays: μ and log σ², row-major [n, latent] each. */
export interface PosteriorValues {
  readonly mu: Float32Array;
  readonly logvar: Float32Array;
}

const rowsOf = (values: Float32Array, width: number, from: number, to: number) =>
  tf.tensor2d(values.subarray(from * width, to * width), [to - from, width]);

/** μ and log σ² of the encoder's q(z | x) for digits x (row-major [n, 784], binarised). */
export function encodePosterior(vae: Vae, x: Float32Array): PosteriorValues {
  const { latent } = vae.config;
  const count = x.length / DIGIT_PIXELS;
  const mu = new Float32Array(count * latent);
  const logvar = new Float32Array(count * latent);
  for (let from = 0; from < count; from += ROWS_PER_CHUNK) {
    const to = Math.min(from + ROWS_PER_CHUNK, count);
    const q = tf.tidy(() => ({ ...vae.encode(rowsOf(x, DIGIT_PIXELS, from, to)) }));
    mu.set(q.mu.dataSync(), from * latent);
    logvar.set(q.logvar.dataSync(), from * latent);
    tf.dispose([q.mu, q.logvar]);
  }
  return { mu, logvar };
}

/**
 * IWAE_k (Burda et al., 2016) of each digit of x (row-major [n, 784], binarised), nats: a
 * stochastic lower bound on log p(x) whose expectation rises to log p(x) as k grows. Proposals
 * from the encoder's q(z | x), or from `q` when given (e.g. optimised per digit); draws from `random`.
 */
export function* iwaeLogPx(
  vae: Vae,
  x: Float32Array,
  k: number,
  random: Random,
  q?: PosteriorValues,
): Generator<undefined, Float64Array> {
  const { latent } = vae.config;
  const count = x.length / DIGIT_PIXELS;
  const out = new Float64Array(count);
  const digitsPerChunk = Math.max(1, Math.floor(ROWS_PER_CHUNK / k));
  const drawsPerChunk = Math.min(k, ROWS_PER_CHUNK);
  for (let from = 0; from < count; from += digitsPerChunk) {
    const to = Math.min(from + digitsPerChunk, count);
    const n = to - from;
    const weights = new Float64Array(n * k);
    for (let first = 0; first < k; first += drawsPerChunk) {
      const m = Math.min(drawsPerChunk, k - first);
      const eps = normals(random, n * m * latent);
      const block = tf.tidy(() => {
        const digits = rowsOf(x, DIGIT_PIXELS, from, to);
        const draws = tf.tensor2d(eps, [n * m, latent]);
        if (!q) return vae.logWeights(digits, draws);
        const given = { mu: rowsOf(q.mu, latent, from, to), logvar: rowsOf(q.logvar, latent, from, to) };
        return vae.logWeightsOf(digits, given, draws);
      });
      const values = block.dataSync();
      block.dispose();
      for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) weights[i * k + first + j] = values[i * m + j]!;
      yield;
    }
    out.set(iwaeRows(weights, k), from);
  }
  return out;
}

/** ELBO(x) per digit for q given, its expectation over `draws` ε per digit from `random` (nats). */
export function elboRows(vae: Vae, x: Float32Array, q: PosteriorValues, draws: number, random: Random): Float64Array {
  const { latent } = vae.config;
  const count = x.length / DIGIT_PIXELS;
  const out = new Float64Array(count);
  const digitsPerChunk = Math.max(1, Math.floor(ROWS_PER_CHUNK / draws));
  for (let from = 0; from < count; from += digitsPerChunk) {
    const to = Math.min(from + digitsPerChunk, count);
    const eps = tf.tensor2d(normals(random, (to - from) * draws * latent), [(to - from) * draws, latent]);
    const elbo = tf.tidy(() =>
      vae.elboOf(
        rowsOf(x, DIGIT_PIXELS, from, to),
        { mu: rowsOf(q.mu, latent, from, to), logvar: rowsOf(q.logvar, latent, from, to) },
        eps,
      ),
    );
    out.set(elbo.dataSync(), from);
    tf.dispose([elbo, eps]);
  }
  return out;
}

export interface LocalOptimisation {
  /** Adam steps on each digit's μ and log σ². */
  readonly steps: number;
  /** ε draws per digit in each step's gradient estimate. */
  readonly draws: number;
  readonly learningRate: number;
}

/**
 * Per-digit q*(z | x): μ and log σ² of each digit optimised on its own by stochastic gradient
 * ascent on the ELBO (Adam, reparameterised gradients; the decoder fixed), starting from `start`,
 * the encoder's output. Cremer, Li & Duvenaud (2018), §3: the best q of the family for each digit.
 */
export function* optimisePosterior(
  vae: Vae,
  x: Float32Array,
  start: PosteriorValues,
  options: LocalOptimisation,
  random: Random,
): Generator<undefined, PosteriorValues> {
  const { latent } = vae.config;
  const count = x.length / DIGIT_PIXELS;
  const { draws } = options;
  const mu = variableFrom(tf.tensor2d(start.mu, [count, latent]));
  const logvar = variableFrom(tf.tensor2d(start.logvar, [count, latent]));
  // Each digit's x repeated once per draw, rows digit-major as in Vae.logWeights.
  const xRepeated = tf.tidy(() =>
    tf.reshape(tf.tile(tf.reshape(tf.tensor2d(x, [count, DIGIT_PIXELS]), [count, 1, DIGIT_PIXELS]), [1, draws, 1]), [
      count * draws,
      DIGIT_PIXELS,
    ]),
  ) as tf.Tensor2D;
  const optimizer = new Adam([mu, logvar], options.learningRate);
  const repeat = (t: tf.Tensor2D) =>
    tf.reshape(tf.tile(tf.expandDims(t, 1), [1, draws, 1]), [count * draws, latent]) as tf.Tensor2D;
  const perDigit = (t: tf.Tensor2D) => tf.sum(tf.reshape(t, [count, draws, latent]), 1) as tf.Tensor2D;
  try {
    for (let step = 0; step < options.steps; step++) {
      const eps = normals(random, count * draws * latent);
      const grads = tf.tidy(() => {
        // Minimise −ELBO(x) = E_ε[−log p(x | z)] + KL: the digits' losses are separate, so one sum serves all.
        const back = vae.reconGradients(
          xRepeated,
          repeat(mu),
          repeat(logvar),
          tf.tensor2d(eps, [count * draws, latent]),
          1 / draws,
        );
        const kl = klStdNormalGrads(mu, logvar);
        return [tf.add(perDigit(back.gMu), kl.mu), tf.add(perDigit(back.gLogvar), kl.logvar)];
      });
      optimizer.apply(grads);
      tf.dispose(grads);
      if (step % 10 === 9) yield;
    }
    return { mu: mu.dataSync() as Float32Array, logvar: logvar.dataSync() as Float32Array };
  } finally {
    optimizer.dispose();
    tf.dispose([mu, logvar, xRepeated]);
  }
}

/** One digit's three numbers (nats), and the means over the subset that make the two gaps. */
export interface InferenceGaps {
  /** ELBO with the encoder's q(z | x), per digit. */
  readonly encoderElbo: Float64Array;
  /** ELBO with q* optimised for that digit alone (never below the encoder's: the start is kept if better). */
  readonly optimisedElbo: Float64Array;
  /** IWAE_k estimate of log p(x), per digit, with q* as the proposal. */
  readonly logPx: Float64Array;
  /** mean(optimisedElbo − encoderElbo): what one network for all x costs. */
  readonly amortization: number;
  /** mean(logPx − optimisedElbo): what the Gaussian family costs. */
  readonly approximation: number;
}

export interface GapOptions extends LocalOptimisation {
  /** Draws per digit of the ELBO estimates compared. */
  readonly elboDraws: number;
  /** Importance samples per digit of log p(x). */
  readonly k: number;
}

/**
 * The amortisation and approximation gaps of Cremer, Li & Duvenaud (2018) on digits x:
 * log p(x) − ELBO(q_encoder) = [log p(x) − ELBO(q*)] + [ELBO(q*) − ELBO(q_encoder)].
 */
export function* inferenceGaps(
  vae: Vae,
  x: Float32Array,
  options: GapOptions,
  random: Random,
): Generator<undefined, InferenceGaps> {
  const encoder = encodePosterior(vae, x);
  const found = yield* optimisePosterior(vae, x, encoder, options, random);
  // The same ε for both ELBOs, so their difference is not drowned in noise.
  const seed = Math.floor(random.uniform() * 2 ** 31);
  const encoderElbo = elboRows(vae, x, encoder, options.elboDraws, createRandom(seed));
  const foundElbo = elboRows(vae, x, found, options.elboDraws, createRandom(seed));
  yield;
  const { latent } = vae.config;
  const best = { mu: found.mu.slice(), logvar: found.logvar.slice() };
  const optimisedElbo = foundElbo.map((value, i) => {
    if (value >= encoderElbo[i]!) return value;
    best.mu.set(encoder.mu.subarray(i * latent, (i + 1) * latent), i * latent);
    best.logvar.set(encoder.logvar.subarray(i * latent, (i + 1) * latent), i * latent);
    return encoderElbo[i]!;
  });
  const logPx = yield* iwaeLogPx(vae, x, options.k, random, best);
  const mean = (values: Float64Array) => values.reduce((a, b) => a + b, 0) / values.length;
  return {
    encoderElbo,
    optimisedElbo,
    logPx,
    amortization: mean(optimisedElbo) - mean(encoderElbo),
    approximation: mean(logPx) - mean(optimisedElbo),
  };
}
