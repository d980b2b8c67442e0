/** One axis of a handle: its value, range and key steps, in the value's own units. */
export interface HandleAxis {
  readonly value: number;
  readonly min: number;
  readonly max: number;
  /** An arrow key's step; Shift+arrow and the Page keys take `bigStep`. */
  readonly step: number;
  readonly bigStep: number;
}

const clamp = (axis: HandleAxis, value: number) => Math.min(axis.max, Math.max(axis.min, value));

/**
 * The values a key leads to, or undefined for a key the handle ignores. A 1-D handle (a bar, a
 * border) goes up with ArrowUp/ArrowRight, down with ArrowDown/ArrowLeft, by `bigStep` with Shift or
 * PageUp/PageDown, to its ends with Home/End (the ARIA slider pattern). A 2-D handle (a point)
 * moves its first value with ArrowLeft/ArrowRight and its second with ArrowUp/ArrowDown.
 */
export function keyTarget(axes: readonly HandleAxis[], key: string, shift: boolean): number[] | undefined {
  const [first, second] = axes;
  if (!first) return undefined;
  const size = (axis: HandleAxis) => (shift ? axis.bigStep : axis.step);
  if (second) {
    const moves: Readonly<Record<string, readonly [number, number]>> = {
      ArrowLeft: [-size(first), 0],
      ArrowRight: [size(first), 0],
      ArrowDown: [0, -size(second)],
      ArrowUp: [0, size(second)],
    };
    const move = moves[key];
    return move && [clamp(first, first.value + move[0]), clamp(second, second.value + move[1])];
  }
  const steps: Readonly<Record<string, number>> = {
    ArrowUp: size(first),
    ArrowRight: size(first),
    ArrowDown: -size(first),
    ArrowLeft: -size(first),
    PageUp: first.bigStep,
    PageDown: -first.bigStep,
    Home: -Infinity,
    End: Infinity,
  };
  const step = steps[key];
  return step === undefined ? undefined : [clamp(first, first.value + step)];
}
