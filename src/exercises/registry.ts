/**
 * Every exercise generator of the book, one import line per generator module
 * (src/exercises/<chapter>/<id>.ts). <Exercise generator="id"> looks its generator up here.
 */
import type { ExerciseGenerator } from "./types";
import { gaussianLogDensityExercise } from "./kl-divergence/gaussian-log-density";
import { klDiscreteByHand } from "./kl-divergence/kl-discrete-by-hand";
import { klFromUniform } from "./kl-divergence/kl-from-uniform";
import { klGaussian1d } from "./kl-divergence/kl-gaussian-1d";
import { klGaussianDiagonal } from "./kl-divergence/kl-gaussian-diagonal";
import { klStdNormalLogvar } from "./kl-divergence/kl-std-normal-logvar";
import { secondQuadratic } from "./kl-divergence/second-quadratic";
import { traceTrickExpectation } from "./kl-divergence/trace-trick-expectation";
import { conditionalMean } from "./probability/conditional-mean";
import { loadedDieConditional } from "./probability/loaded-die-conditional";
import { loadedDieMean } from "./probability/loaded-die-mean";
import { rollsNeeded } from "./probability/rolls-needed";
import { testEvidence } from "./probability/test-evidence";
import { testPosterior } from "./probability/test-posterior";
import { testSecondPositive } from "./probability/test-second-positive";
import { earlyStopping } from "./autoencoders/early-stopping";
import { maskingKept, maskingSpread } from "./autoencoders/masking";
import { parameters as aeParameters } from "./autoencoders/parameters";
import { squaredLength } from "./autoencoders/squared-length";
import { bernoulliPixels } from "./elbo/bernoulli-pixels";
import { evidence as elboEvidence } from "./elbo/evidence";
import { gap as elboGap } from "./elbo/gap";
import { iwaeTwo } from "./elbo/iwae-two";
import { jensen as jensenGap } from "./elbo/jensen";
import { finalLoss } from "./elbo/final-loss";
import { reconstruction as elboReconstruction } from "./elbo/reconstruction";
import { reparamGradient } from "./elbo/reparam-gradient";
import { activeUnitsCount } from "./vae/active-units";
import { bceLogits } from "./vae/bce-logits";
import { betaLoss } from "./vae/beta-loss";
import { constantDecoder } from "./vae/constant-decoder";
import { gaussianBeta } from "./vae/gaussian-beta";
import { reparamDraw } from "./vae/reparam-draw";

export const generators: readonly ExerciseGenerator[] = [
  klDiscreteByHand,
  klFromUniform,
  gaussianLogDensityExercise,
  traceTrickExpectation,
  secondQuadratic,
  klGaussian1d,
  klGaussianDiagonal,
  klStdNormalLogvar,
  loadedDieConditional,
  loadedDieMean,
  testEvidence,
  testPosterior,
  testSecondPositive,
  conditionalMean,
  rollsNeeded,
  squaredLength,
  aeParameters,
  maskingKept,
  maskingSpread,
  earlyStopping,
  elboEvidence,
  elboReconstruction,
  elboGap,
  jensenGap,
  iwaeTwo,
  finalLoss,
  reparamGradient,
  bernoulliPixels,
  reparamDraw,
  bceLogits,
  betaLoss,
  constantDecoder,
  activeUnitsCount,
  gaussianBeta,
];

const byId = new Map(generators.map((generator) => [generator.id, generator]));

/** The generator with this id; throws naming the known ids when there is none. */
export function generatorFor(id: string): ExerciseGenerator {
  const generator = byId.get(id);
  if (!generator)
    throw new Error(`No exercise generator "${id}"; known: ${[...byId.keys()].join(", ")} (src/exercises/registry.ts)`);
  return generator;
}
