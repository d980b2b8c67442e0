// The book's KaTeX macros, shared by the build-time renderer and the build-time validator.
/** @type {Record<string, string>} */
export const macros = {
  "\\KL": "D_{\\mathrm{KL}}",
  "\\E": "\\mathbb{E}",
  "\\N": "\\mathcal{N}",
  "\\tr": "\\operatorname{tr}",
  "\\given": "\\,\\vert\\,",
  "\\kldiv": "\\KL\\left(#1 \\,\\Vert\\, #2\\right)",
  "\\ELBO": "\\operatorname{ELBO}",
  "\\IWAE": "\\operatorname{IWAE}",
  "\\R": "\\mathbb{R}",
  "\\diag": "\\operatorname{diag}",
  "\\vx": "\\mathbf{x}",
  "\\vz": "\\mathbf{z}",
};
