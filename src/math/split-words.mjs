// Finds words that KaTeX's MathML spells letter by letter. `\mathrm{ReLU}` becomes four <mi>s (R, e,
// L, U) and screen readers read them as four variables; `\operatorname{ReLU}` (or a macro in
// src/math/macros.mjs) is one identifier, `\text{…}` one <mtext>. A product of variables such as `xy`
// is legitimate, so italic runs count only when they spell one of the book's known words.

/** Words that never mean a product of single-letter variables in this book (lower case). */
export const KNOWN_WORDS = new Set([
  "kl",
  "elbo",
  "iwae",
  "vae",
  "relu",
  "sigmoid",
  "softmax",
  "tanh",
  "exp",
  "log",
  "var",
  "cov",
  "std",
  "mse",
  "bce",
  "diag",
  "argmax",
  "argmin",
  "const",
]);

// One single Latin letter <mi>, with KaTeX's optional mathvariant; adjacent siblings have no text between them.
const LETTER = /<mi(?: mathvariant="([a-z-]+)")?>([A-Za-z])<\/mi>/y;

/**
 * The words split into single-letter identifiers in MathML text (KaTeX's output, compact as it
 * writes it): every run of two or more adjacent upright (mathvariant="normal") Latin letters, and
 * every run of adjacent single-letter identifiers that spells a word of KNOWN_WORDS.
 * @param {string} mathml the HTML or MathML holding the formulas
 * @returns {string[]} the words found, in order (e.g. ["ReLU"])
 */
export function splitWords(mathml) {
  const found = [];
  for (let start = mathml.indexOf("<mi"); start !== -1;) {
    /** @type {{ variant: string; letter: string }[]} */
    const run = [];
    let at = start;
    for (;;) {
      LETTER.lastIndex = at;
      const match = LETTER.exec(mathml);
      if (!match) break;
      run.push({ variant: match[1] ?? "italic", letter: match[2] ?? "" });
      at = LETTER.lastIndex;
    }
    const word = run.map((part) => part.letter).join("");
    if (run.length >= 2 && KNOWN_WORDS.has(word.toLowerCase())) found.push(word);
    else {
      // Upright stretches inside a longer run (\mathrm{Re}x): each of two letters or more is a word.
      const upright = run.map((part) => (part.variant === "normal" ? part.letter : " ")).join("");
      found.push(...upright.split(" ").filter((stretch) => stretch.length >= 2));
    }
    start = mathml.indexOf("<mi", Math.max(at, start + 1));
  }
  return found;
}
