// Draws 28×28 digits (intensities in [0, 1]) onto a canvas as ink in the canvas's CSS colour on a
// transparent ground, so they read in light and dark themes alike.
const SIDE = 28;

function inkColour(canvas: HTMLCanvasElement): [number, number, number] {
  const match = /rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(getComputedStyle(canvas).color);
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [0, 0, 0];
}

/** Lays `count` digits out in `columns` columns with a 2-pixel gap and draws them. */
export function drawDigits(canvas: HTMLCanvasElement, pixels: Float32Array, count: number, columns: number): void {
  const rows = Math.max(1, Math.ceil(count / columns));
  const gap = 2;
  const width = columns * SIDE + (columns - 1) * gap;
  const height = rows * SIDE + (rows - 1) * gap;
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  const context = canvas.getContext("2d");
  if (!context) return;
  const image = context.createImageData(width, height);
  const [r, g, b] = inkColour(canvas);
  for (let k = 0; k < count; k++) {
    const left = (k % columns) * (SIDE + gap);
    const top = Math.floor(k / columns) * (SIDE + gap);
    for (let y = 0; y < SIDE; y++) {
      for (let x = 0; x < SIDE; x++) {
        const value = pixels[k * SIDE * SIDE + y * SIDE + x] ?? 0;
        const offset = ((top + y) * width + left + x) * 4;
        image.data[offset] = r;
        image.data[offset + 1] = g;
        image.data[offset + 2] = b;
        image.data[offset + 3] = Math.round(Math.min(1, Math.max(0, value)) * 255);
      }
    }
  }
  context.putImageData(image, 0, 0);
}
