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
