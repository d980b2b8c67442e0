// The VAE's views computed in the worker from its codes: no tfjs here, only arithmetic on arrays.
import { principalAxes } from "../lib/principalAxes";
import type { VaeViewRequest } from "./protocol";

/** `steps` codes evenly spaced on the segment from code `from` to code `to` of row-major `codes`. */
export function interpolationPath(codes: Float32Array, latent: number, from: number, to: number, steps: number) {
  const path = new Float32Array(steps * latent);
  for (let s = 0; s < steps; s++) {
    const t = steps === 1 ? 0 : s / (steps - 1);
    for (let j = 0; j < latent; j++)
      path[s * latent + j] = (1 - t) * codes[from * latent + j]! + t * codes[to * latent + j]!;
  }
  return path;
}

/** Codes projected on their first two principal axes (for latent > 2), with those axes and the mean. */
export function projectCodes(codes: Float32Array, latent: number) {
  const count = codes.length / latent;
  const { axes, mean } = principalAxes(codes, latent, 2);
  const points = new Float32Array(count * 2);
  for (let i = 0; i < count; i++) {
    for (let k = 0; k < 2; k++) {
      let dot = 0;
      for (let j = 0; j < latent; j++) dot += (codes[i * latent + j]! - mean[j]!) * axes[k]![j]!;
      points[i * 2 + k] = dot;
    }
  }
  return { points, axes, mean };
}

/** For latent 2: the grid of codes over [−range, range]², row by row from the top left, side × side × 2. */
export function gridCodes({ gridSide: side, gridRange: range }: Pick<VaeViewRequest, "gridSide" | "gridRange">) {
  const z = new Float32Array(side * side * 2);
  for (let row = 0; row < side; row++) {
    for (let col = 0; col < side; col++) {
      const i = row * side + col;
      z[i * 2] = -range + (2 * range * col) / (side - 1);
      z[i * 2 + 1] = range - (2 * range * row) / (side - 1);
    }
  }
  return z;
}
