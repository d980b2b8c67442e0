// Prints how long the widgets' Monte Carlo estimates take (issue 4: 1,000,000 draws in 2-D well
// under a second, yielding to the page as they go). Run: npm run bench:monte-carlo
import { gaussian } from "../src/lib/gaussian";
import { klGaussianMonteCarlo } from "../src/lib/kl-gaussian";
import { fromRowMajor } from "../src/lib/linalg";
import { createRandom } from "../src/lib/random";
import { quadraticFormMonteCarlo } from "../src/lib/trace-trick";

const p = gaussian([0, 0], fromRowMajor([1, 0.5, 0.5, 2], 2));
const q = gaussian([1, -1], fromRowMajor([2, -0.3, -0.3, 0.5], 2));
const a = fromRowMajor([1, 0.5, 0.5, 2], 2);
const p4 = gaussian([0, 0, 0, 0], fromRowMajor([2, 0.3, 0, 0, 0.3, 1, 0.2, 0, 0, 0.2, 1, 0.1, 0, 0, 0.1, 0.5], 4));

const runs: [string, () => Promise<unknown>][] = [
  ["kl-gaussian, 2-D", () => klGaussianMonteCarlo(p, q, 1_000_000, createRandom(1))],
  ["kl-gaussian, 4-D", () => klGaussianMonteCarlo(p4, p4, 1_000_000, createRandom(1))],
  ["trace-trick, 2-D", () => quadraticFormMonteCarlo(p, a, [0, 0], 1_000_000, createRandom(1))],
];

for (const [name, run] of runs) {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  times.sort((x, y) => x - y);
  console.log(
    `${name}: 1,000,000 draws, median ${times[2]!.toFixed(0)} ms (best ${times[0]!.toFixed(0)}, worst ${times[4]!.toFixed(0)})`,
  );
}
