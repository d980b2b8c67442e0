/** The trace trick's result: E[(x − m)ᵀ A (x − m)] = tr(AΣ) + (μ − m)ᵀ A (μ − m), in two dimensions. */
import { gaussian } from "../../lib/gaussian";
import { trace, multiply } from "../../lib/linalg";
import { createRandom } from "../../lib/random";
import { quadraticFormExpectation } from "../../lib/trace-trick";
import { integerIn, texMatrix, texVector } from "../answer";
import { roundedAnswer } from "../compose";
import type { ExerciseGenerator } from "../types";

export const traceTrickExpectation: ExerciseGenerator = {
  id: "trace-trick-expectation",
  defaultSeed: 1,
  generate(seed) {
    const random = createRandom(seed);
    const mu = [integerIn(random, -2, 2), integerIn(random, -2, 2)];
    let m = [integerIn(random, -2, 2), integerIn(random, -2, 2)];
    if (m[0] === mu[0] && m[1] === mu[1]) m = [(mu[0] ?? 0) + 1, mu[1] ?? 0];
    // Σ with integer entries and |off-diagonal| < both variances: positive definite.
    const s1 = integerIn(random, 2, 4);
    const s2 = integerIn(random, 2, 4);
    const s12 = integerIn(random, -1, 1);
    const sigma = [
      [s1, s12],
      [s12, s2],
    ];
    const a11 = integerIn(random, 1, 3);
    const a22 = integerIn(random, 1, 3);
    const a12 = integerIn(random, -1, 1);
    const a = [
      [a11, a12],
      [a12, a22],
    ];
    const result = quadraticFormExpectation(gaussian(mu, sigma), a, m);
    const d = mu.map((value, i) => value - (m[i] ?? 0));
    return {
      question: `Let $x \\sim \\N(\\mu, \\Sigma)$ with $\\mu = ${texVector(mu)}$ and $\\Sigma = ${texMatrix(sigma)}$, and let $A = ${texMatrix(a)}$ and $m = ${texVector(m)}$. Compute $\\E\\left[(x-m)^\\top A (x-m)\\right]$ exactly.`,
      solution: `By the trace trick, $\\E\\left[(x-m)^\\top A (x-m)\\right] = \\tr(A\\Sigma) + (\\mu-m)^\\top A (\\mu-m)$.
$$A\\Sigma = ${texMatrix(multiply(a, sigma))}, \\qquad \\tr(A\\Sigma) = ${result.traceTerm}.$$
With $\\mu - m = ${texVector(d)}$, the shift term is $(\\mu-m)^\\top A (\\mu-m) = ${result.shiftTerm}$. The expectation is $${result.traceTerm} + ${result.shiftTerm} = ${result.value}$.`,
      ...roundedAnswer(result.value, 0, [
        {
          value: result.traceTerm,
          slip: "That is tr(AΣ) alone: the shift term (μ − m)ᵀA(μ − m) is missing, as x is not centred at m.",
        },
        { value: result.shiftTerm, slip: "That is the shift term alone: the spread of x adds tr(AΣ)." },
        { value: trace(a) * trace(sigma), slip: "The trace of a product is not the product of traces: use tr(AΣ)." },
      ]),
    };
  },
};
