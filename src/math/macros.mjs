// The book's KaTeX macros, shared by the build-time renderer and the build-time validator.
/** @type {Record<string, string>} */
export const macros = {
  // A label, not an operator: one <mtext>, so screen readers say "KL", not two variables.
  "\\KL": "D_{\\text{KL}}",
  "\\E": "\\mathbb{E}",
  "\\N": "\\mathcal{N}",
  "\\tr": "\\operatorname{tr}",
  "\\given": "\\,\\vert\\,",
  "\\kldiv": "\\KL\\left(#1 \\,\\Vert\\, #2\\right)",
  "\\ELBO": "\\operatorname{ELBO}",
  "\\IWAE": "\\operatorname{IWAE}",
  "\\R": "\\mathbb{R}",
  "\\diag": "\\operatorname{diag}",
  "\\ReLU": "\\operatorname{ReLU}",
  "\\vx": "\\mathbf{x}",
  "\\vz": "\\mathbf{z}",
};

/** Where the group or token starting at `at` ends (exclusive), skipping leading spaces. @param {string} tex @param {number} at */
function argumentEnd(tex, at) {
  let i = at;
  while (tex[i] === " ") i++;
  if (tex[i] === "\\") {
    const name = /^\\(?:[A-Za-z]+|.)/.exec(tex.slice(i));
    return { start: i, end: i + (name ? name[0].length : 1), group: false };
  }
  if (tex[i] !== "{") return { start: i, end: Math.min(i + 1, tex.length), group: false };
  let depth = 0;
  for (let j = i; j < tex.length; j++) {
    if (tex[j] === "\\") j++;
    else if (tex[j] === "{") depth++;
    else if (tex[j] === "}" && --depth === 0) return { start: i, end: j + 1, group: true };
  }
  return undefined;
}

/**
 * The TeX with the book's macros written out in standard TeX (`\kldiv{Q}{P}` →
 * `D_{\text{KL}}\left(Q \,\Vert\, P\right)`), for text a reader sees or copies outside KaTeX: search
 * excerpts and the plain-text fallback read KaTeX's TeX annotation. TeX that cannot be expanded
 * (an unclosed argument) is returned with that macro as written.
 * @param {string} tex
 * @returns {string}
 */
export function expandMacros(tex) {
  let out = tex;
  // Each pass expands one level; the book's macros nest at most twice (\kldiv uses \KL).
  for (let pass = 0; pass < 5; pass++) {
    let changed = false;
    out = out.replace(/\\[A-Za-z]+/g, (name, /** @type {number} */ offset, /** @type {string} */ whole) => {
      const body = macros[name];
      if (body === undefined) return name;
      const arity = Math.max(0, ...Array.from(body.matchAll(/#(\d)/g), (m) => Number(m[1])));
      if (arity > 0) return name; // expanded below, where its arguments can be read
      changed = true;
      // A control word followed by a letter needs a space to stay separate.
      return /[A-Za-z]$/.test(body) && /^[A-Za-z]/.test(whole.slice(offset + name.length)) ? `${body} ` : body;
    });
    for (const [name, body] of Object.entries(macros)) {
      const arity = Math.max(0, ...Array.from(body.matchAll(/#(\d)/g), (m) => Number(m[1])));
      if (arity === 0) continue;
      const pattern = new RegExp(`${name.replace(/\\/g, "\\\\")}(?![A-Za-z])`, "g");
      let at = out.search(pattern);
      while (at >= 0) {
        const args = [];
        let end = at + name.length;
        for (let k = 0; k < arity; k++) {
          const arg = argumentEnd(out, end);
          if (!arg) break;
          args.push(arg.group ? out.slice(arg.start + 1, arg.end - 1) : out.slice(arg.start, arg.end));
          end = arg.end;
        }
        if (args.length < arity) break;
        const expanded = body.replace(/#(\d)/g, (_, n) => args[Number(n) - 1] ?? "");
        out = `${out.slice(0, at)}${expanded}${out.slice(end)}`;
        changed = true;
        const next = out.slice(at + expanded.length).search(pattern);
        at = next < 0 ? -1 : at + expanded.length + next;
      }
    }
    if (!changed) break;
  }
  return out;
}
