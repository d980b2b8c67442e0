/** Every symbol the book uses, once: the notation page lists it and the chapters follow it. */
export interface NotationEntry {
  /** A stable key, used for links (`notation/#sym-<key>`) and hover definitions. */
  readonly key: string;
  readonly tex: string;
  readonly meaning: string;
  /** Chapter slug where the symbol is introduced. */
  readonly introduced: string;
  /** Words in the prose that name it; the build links their first use in each section (src/markdown/notation-links.mjs). */
  readonly terms?: readonly string[];
  /** Phrases that hold one of `terms` but name something else ("aggregate posterior"): never linked. */
  readonly notTerms?: readonly string[];
  /** TeX forms the build finds in formulas (default: `tex`); spacing, braces and `\\given`/`\\mid`/`|` do not matter. */
  readonly match?: readonly string[];
  /** Chapter slugs where it has this meaning (default: all); outside them the build leaves it unlinked. */
  readonly chapters?: readonly string[];
}

export interface NotationGroup {
  readonly title: string;
  readonly entries: readonly NotationEntry[];
}

export const notation: readonly NotationGroup[] = [
  {
    title: "Data and latent variables",
    entries: [
      {
        key: "x",
        tex: "x",
        meaning: "an observed data point, e.g. a digit image as a vector of 784 pixel intensities in [0, 1]",
        introduced: "autoencoders",
        chapters: ["autoencoders", "elbo", "vae"],
      },
      { key: "x-i", tex: "x^{(i)}", meaning: "the i-th of n training examples", introduced: "autoencoders" },
      {
        key: "x-tilde",
        tex: "\\tilde{x}",
        meaning: "a corrupted copy of x, fed to a denoising autoencoder",
        introduced: "autoencoders",
        terms: ["corrupted copy"],
      },
      {
        key: "z",
        tex: "z",
        meaning: "the latent code (latent variable) of a data point",
        introduced: "autoencoders",
        terms: ["latent variable", "latent code"],
        chapters: ["autoencoders", "elbo", "vae"],
      },
      {
        key: "k",
        tex: "k",
        meaning: "dimension of a Gaussian or of the latent space",
        introduced: "kl-divergence",
        chapters: ["autoencoders", "kl-divergence", "elbo", "vae"],
      },
      {
        key: "D",
        tex: "D",
        meaning: "dimension of a data point: 784 pixels for a digit",
        introduced: "elbo",
        chapters: ["elbo", "vae"],
      },
      {
        key: "n",
        tex: "n",
        meaning: "number of training examples, or of Monte Carlo samples",
        introduced: "autoencoders",
      },
    ],
  },
  {
    title: "Networks and parameters",
    entries: [
      {
        key: "phi",
        tex: "\\phi",
        meaning: "encoder (recognition) parameters: they map x to a code or to q_φ(z | x)",
        introduced: "autoencoders",
      },
      {
        key: "theta",
        tex: "\\theta",
        meaning: "decoder (generative) parameters: they map z back to x or to p_θ(x | z)",
        introduced: "autoencoders",
      },
      { key: "g-phi", tex: "g_\\phi", meaning: "the encoder network", introduced: "autoencoders", terms: ["encoder"] },
      {
        key: "f-theta",
        tex: "f_\\theta",
        meaning: "the decoder network",
        introduced: "autoencoders",
        terms: ["decoder"],
      },
      {
        key: "loss",
        tex: "\\mathcal{L}(\\theta, \\phi)",
        meaning:
          "the loss minimised in training, averaged over the training data; L(θ, φ; x) is its value on one data point x, for a VAE the negative ELBO",
        introduced: "autoencoders",
        match: ["\\mathcal{L}"],
      },
      {
        key: "beta",
        tex: "\\beta",
        meaning: "weight of the KL term in a β-VAE (β = 1 is the plain VAE)",
        introduced: "vae",
        terms: ["β-VAE"],
      },
    ],
  },
  {
    title: "Probability",
    entries: [
      {
        key: "p-x",
        tex: "p(x)",
        meaning: "probability (or density) of x; for a VAE, the marginal likelihood or evidence",
        introduced: "probability",
        terms: ["marginal likelihood"],
      },
      {
        key: "p-x-given-y",
        tex: "p(x \\mid y)",
        meaning: "conditional probability of x given y (the notes write p(x/y))",
        introduced: "probability",
        terms: ["conditional probability"],
      },
      {
        key: "p-xy",
        tex: "p(x, y)",
        meaning: "joint probability of x and y",
        introduced: "probability",
        terms: ["joint distribution", "joint probability"],
      },
      {
        key: "prior",
        tex: "p(z)",
        meaning: "the prior over latent codes; in a VAE, fixed to N(0, I)",
        introduced: "elbo",
        terms: ["prior"],
        chapters: ["kl-divergence", "elbo", "vae"],
      },
      {
        key: "likelihood",
        tex: "p_\\theta(x \\mid z)",
        meaning: "the decoder's likelihood of x given a code z",
        introduced: "elbo",
        terms: ["likelihood"],
        match: ["p_\\theta(x \\mid z)", "p(x \\mid z)"],
        chapters: ["elbo", "vae"],
      },
      {
        key: "posterior",
        tex: "p_\\theta(z \\mid x)",
        meaning: "the true posterior over codes given x, usually intractable",
        introduced: "elbo",
        terms: ["true posterior", "posterior"],
        notTerms: ["aggregate posterior"],
        match: ["p_\\theta(z \\mid x)", "p(z \\mid x)"],
        chapters: ["elbo", "vae"],
      },
      {
        key: "q",
        tex: "q_\\phi(z \\mid x)",
        meaning: "the encoder's approximate posterior (variational distribution)",
        introduced: "elbo",
        terms: ["approximate posterior", "variational distribution"],
        match: ["q_\\phi(z \\mid x)", "q(z \\mid x)"],
        chapters: ["kl-divergence", "elbo", "vae"],
      },
      {
        key: "expectation",
        tex: "\\E_{p}[f(x)]",
        meaning: "expectation of f(x) with x drawn from p",
        introduced: "probability",
        terms: ["expectation", "expected value"],
        match: ["\\E"],
      },
      {
        key: "normal",
        tex: "\\N(x; \\mu, \\Sigma)",
        meaning: "the (multivariate) normal density with mean μ and covariance Σ",
        introduced: "kl-divergence",
        terms: ["multivariate normal", "normal distribution", "normal density", "Gaussian"],
        match: ["\\N"],
      },
      {
        key: "mu",
        tex: "\\mu",
        meaning: "a mean vector; μ_φ(x) is the encoder's mean",
        introduced: "kl-divergence",
        terms: ["mean vector"],
      },
      {
        key: "sigma",
        tex: "\\Sigma",
        meaning: "a covariance matrix; Σ_φ(x) = diag(σ²) is the encoder's",
        introduced: "kl-divergence",
        terms: ["covariance matrix"],
      },
      {
        key: "logvar",
        tex: "\\log \\sigma^2",
        meaning: "log-variance, what a VAE encoder outputs so that σ² = exp(log σ²) stays positive",
        introduced: "elbo",
        terms: ["log-variance"],
      },
      {
        key: "epsilon",
        tex: "\\varepsilon",
        meaning: "standard normal noise in the reparameterisation z = μ + σ ⊙ ε",
        introduced: "elbo",
      },
      {
        key: "identity",
        tex: "I",
        meaning: "the identity matrix; I_k when its size matters",
        introduced: "kl-divergence",
        terms: ["identity matrix"],
        chapters: ["kl-divergence", "elbo", "vae"],
      },
    ],
  },
  {
    title: "The exact model of the ELBO chapter",
    entries: [
      {
        key: "w-b",
        tex: "w,\\ b",
        meaning: "weight and offset of the one-dimensional linear decoder: x | z ~ N(w z + b, s²)",
        introduced: "elbo",
        match: ["w", "b"],
        chapters: ["elbo"],
      },
      {
        key: "s",
        tex: "s",
        meaning: "standard deviation of that decoder's noise",
        introduced: "elbo",
        chapters: ["elbo"],
      },
      {
        key: "q-m-s",
        tex: "q_m,\\ q_s",
        meaning: "mean and standard deviation of the approximation q(z | x) = N(q_m, q_s²) in that model",
        introduced: "elbo",
        match: ["q_m", "q_s"],
        chapters: ["elbo"],
      },
    ],
  },
  {
    title: "Divergences and objectives",
    entries: [
      {
        key: "kl",
        tex: "\\KL(P \\,\\Vert\\, Q)",
        meaning: "Kullback–Leibler divergence of Q from P: the expected log-ratio log(P/Q) under P",
        introduced: "kl-divergence",
        terms: ["KL divergence", "Kullback–Leibler divergence"],
        match: ["\\KL"],
      },
      {
        key: "elbo",
        tex: "\\ELBO",
        meaning: "evidence lower bound: E_q[log p_θ(x | z)] − D_KL(q_φ(z | x) ‖ p(z)) ≤ log p(x)",
        introduced: "elbo",
        terms: ["evidence lower bound", "ELBO"],
      },
      {
        key: "iwae",
        tex: "\\IWAE_K",
        meaning:
          "importance-weighted bound: E[log (1/K) Σ_j p(x, z_j)/q(z_j | x)] with z_1 … z_K drawn from q; IWAE_1 = ELBO ≤ IWAE_K ≤ log p(x)",
        introduced: "elbo",
        terms: ["importance-weighted bound"],
        match: ["\\IWAE"],
      },
      {
        key: "K",
        tex: "K",
        meaning: "number of importance samples per estimate of IWAE_K (the widgets' parameter k)",
        introduced: "elbo",
        chapters: ["elbo", "vae"],
      },
      {
        key: "trace",
        tex: "\\tr(A)",
        meaning: "trace of a square matrix: the sum of its diagonal",
        introduced: "kl-divergence",
        terms: ["trace"],
        match: ["\\tr"],
      },
      {
        key: "det",
        tex: "\\lvert \\Sigma \\rvert",
        meaning: "determinant of a matrix",
        introduced: "kl-divergence",
        terms: ["determinant"],
        match: ["\\lvert # \\rvert"],
      },
      {
        key: "log",
        tex: "\\log",
        meaning: "natural logarithm; results are in nats unless bits are asked for",
        introduced: "kl-divergence",
        terms: ["natural logarithm"],
      },
    ],
  },
];

const entriesByKey = new Map(notation.flatMap((group) => group.entries.map((entry) => [entry.key, entry] as const)));

/** The entry for a key; fails the build with the known keys when a chapter names an unknown one. */
export function notationEntry(key: string): NotationEntry {
  const entry = entriesByKey.get(key);
  if (!entry) {
    throw new Error(`Unknown notation key "${key}"; src/data/notation.ts has ${[...entriesByKey.keys()].join(", ")}`);
  }
  return entry;
}
