/** Every work the book cites, once: `<Cite k="…" />`, chapter reference lists and the bibliography page. */
export interface BibEntry {
  /** A stable key, used by `<Cite k="…" />`, chapter frontmatter and links (`#ref-<key>`, `bibliography/#bib-<key>`). */
  readonly key: string;
  /** Short form shown in the text, e.g. "Kingma & Welling, 2013". */
  readonly short: string;
  readonly authors: string;
  readonly year: number;
  readonly title: string;
  /** Journal, proceedings, publisher or site. */
  readonly venue: string;
  readonly url?: string;
  /** What the book takes from it, in a line. */
  readonly note?: string;
}

export const bibliography: readonly BibEntry[] = [
  {
    key: "kingma2013",
    short: "Kingma & Welling, 2013",
    authors: "Diederik P. Kingma and Max Welling",
    year: 2013,
    title: "Auto-Encoding Variational Bayes",
    venue: "arXiv:1312.6114; International Conference on Learning Representations (ICLR) 2014",
    url: "https://arxiv.org/abs/1312.6114",
    note: "The VAE: the reparameterisation trick, the ELBO as a loss, and the Gaussian KL in closed form (its appendix B).",
  },
  {
    key: "kingma2019",
    short: "Kingma & Welling, 2019",
    authors: "Diederik P. Kingma and Max Welling",
    year: 2019,
    title: "An Introduction to Variational Autoencoders",
    venue: "Foundations and Trends in Machine Learning 12(4), 307–392; arXiv:1906.02691",
    url: "https://arxiv.org/abs/1906.02691",
    note: "A longer, gentler account by the VAE's authors.",
  },
  {
    key: "rezende2014",
    short: "Rezende, Mohamed & Wierstra, 2014",
    authors: "Danilo Jimenez Rezende, Shakir Mohamed and Daan Wierstra",
    year: 2014,
    title: "Stochastic Backpropagation and Approximate Inference in Deep Generative Models",
    venue: "International Conference on Machine Learning (ICML) 2014; arXiv:1401.4082",
    url: "https://arxiv.org/abs/1401.4082",
    note: "The same model, found independently at the same time.",
  },
  {
    key: "vincent2008",
    short: "Vincent et al., 2008",
    authors: "Pascal Vincent, Hugo Larochelle, Yoshua Bengio and Pierre-Antoine Manzagol",
    year: 2008,
    title: "Extracting and Composing Robust Features with Denoising Autoencoders",
    venue: "International Conference on Machine Learning (ICML) 2008, 1096–1103",
    note: "Denoising autoencoders: corrupt the input, score the reconstruction against the clean data.",
  },
  {
    key: "hinton2006",
    short: "Hinton & Salakhutdinov, 2006",
    authors: "Geoffrey E. Hinton and Ruslan R. Salakhutdinov",
    year: 2006,
    title: "Reducing the Dimensionality of Data with Neural Networks",
    venue: "Science 313(5786), 504–507",
    note: "Deep (stacked) autoencoders as a non-linear generalisation of PCA.",
  },
  {
    key: "bengio2007",
    short: "Bengio et al., 2007",
    authors: "Yoshua Bengio, Pascal Lamblin, Dan Popovici and Hugo Larochelle",
    year: 2007,
    title: "Greedy Layer-Wise Training of Deep Networks",
    venue: "Advances in Neural Information Processing Systems 19 (NIPS 2006)",
    note: "Stacking autoencoders one layer at a time.",
  },
  {
    key: "kullback1951",
    short: "Kullback & Leibler, 1951",
    authors: "Solomon Kullback and Richard A. Leibler",
    year: 1951,
    title: "On Information and Sufficiency",
    venue: "The Annals of Mathematical Statistics 22(1), 79–86",
    note: "The divergence that now carries their names.",
  },
  {
    key: "cover2006",
    short: "Cover & Thomas, 2006",
    authors: "Thomas M. Cover and Joy A. Thomas",
    year: 2006,
    title: "Elements of Information Theory, second edition",
    venue: "Wiley",
    note: "Relative entropy and its properties (chapter 2).",
  },
  {
    key: "bishop2006",
    short: "Bishop, 2006",
    authors: "Christopher M. Bishop",
    year: 2006,
    title: "Pattern Recognition and Machine Learning",
    venue: "Springer",
    note: "Probability, Bayes' theorem and expectations (chapters 1–2), the Gaussian (2.3), variational inference (chapter 10).",
  },
  {
    key: "blitzstein2019",
    short: "Blitzstein & Hwang, 2019",
    authors: "Joseph K. Blitzstein and Jessica Hwang",
    year: 2019,
    title: "Introduction to Probability, 2nd edition",
    venue: "CRC Press",
    note: "Conditional probability, Bayes' rule and the law of total probability (chapter 2), expectation and linearity (chapter 4).",
  },
  {
    key: "gigerenzer2007",
    short: "Gigerenzer et al., 2007",
    authors: "Gerd Gigerenzer, Wolfgang Gaissmaier, Elke Kurz-Milcke, Lisa M. Schwartz and Steven Woloshin",
    year: 2007,
    title: "Helping Doctors and Patients Make Sense of Health Statistics",
    venue: "Psychological Science in the Public Interest 8(2), 53–96",
    url: "https://doi.org/10.1111/j.1539-6053.2008.00033.x",
    note: "The medical-test example of base-rate neglect, and natural frequencies as the cure.",
  },
  {
    key: "petersen2012",
    short: "Petersen & Pedersen, 2012",
    authors: "Kaare Brandt Petersen and Michael Syskind Pedersen",
    year: 2012,
    title: "The Matrix Cookbook",
    venue: "Technical University of Denmark, version of 15 November 2012",
    note: "Trace identities and the expectation of a quadratic form used in the Gaussian KL derivation.",
  },
  {
    key: "blei2017",
    short: "Blei, Kucukelbir & McAuliffe, 2017",
    authors: "David M. Blei, Alp Kucukelbir and Jon D. McAuliffe",
    year: 2017,
    title: "Variational Inference: A Review for Statisticians",
    venue: "Journal of the American Statistical Association 112(518), 859–877; arXiv:1601.00670",
    url: "https://arxiv.org/abs/1601.00670",
    note: "The ELBO and variational inference in general.",
  },
  {
    key: "williams1992",
    short: "Williams, 1992",
    authors: "Ronald J. Williams",
    year: 1992,
    title: "Simple Statistical Gradient-Following Algorithms for Connectionist Reinforcement Learning",
    venue: "Machine Learning 8(3–4), 229–256",
    note: "The score-function (REINFORCE) gradient estimator, the alternative to reparameterisation.",
  },
  {
    key: "doersch2016",
    short: "Doersch, 2016",
    authors: "Carl Doersch",
    year: 2016,
    title: "Tutorial on Variational Autoencoders",
    venue: "arXiv:1606.05908",
    url: "https://arxiv.org/abs/1606.05908",
    note: "A tutorial that takes the same path from latent variables to the VAE loss.",
  },
  {
    key: "burda2016",
    short: "Burda, Grosse & Salakhutdinov, 2016",
    authors: "Yuri Burda, Roger Grosse and Ruslan Salakhutdinov",
    year: 2016,
    title: "Importance Weighted Autoencoders",
    venue: "International Conference on Learning Representations (ICLR) 2016; arXiv:1509.00519",
    url: "https://arxiv.org/abs/1509.00519",
    note: "The importance-weighted bound IWAE_K, its monotonicity in K, log p(x) estimated with K = 5000, and active units.",
  },
  {
    key: "maddison2017",
    short: "Maddison et al., 2017",
    authors:
      "Chris J. Maddison, Dieterich Lawson, George Tucker, Nicolas Heess, Mohammad Norouzi, Andriy Mnih, Arnaud Doucet and Yee Whye Teh",
    year: 2017,
    title: "Filtering Variational Objectives",
    venue: "Advances in Neural Information Processing Systems (NeurIPS) 30; arXiv:1705.09279",
    url: "https://arxiv.org/abs/1705.09279",
    note: "The bias of importance-weighted bounds: about Var[w]/(2K p(x)²) for an importance weight w and large K (their Proposition 1).",
  },
  {
    key: "higgins2017",
    short: "Higgins et al., 2017",
    authors:
      "Irina Higgins, Loic Matthey, Arka Pal, Christopher Burgess, Xavier Glorot, Matthew Botvinick, Shakir Mohamed and Alexander Lerchner",
    year: 2017,
    title: "β-VAE: Learning Basic Visual Concepts with a Constrained Variational Framework",
    venue: "International Conference on Learning Representations (ICLR) 2017",
    note: "Weighting the KL term by β.",
  },
  {
    key: "bowman2016",
    short: "Bowman et al., 2016",
    authors: "Samuel R. Bowman, Luke Vilnis, Oriol Vinyals, Andrew M. Dai, Rafal Jozefowicz and Samy Bengio",
    year: 2016,
    title: "Generating Sentences from a Continuous Space",
    venue: "Conference on Computational Natural Language Learning (CoNLL) 2016, 10–21",
    url: "https://arxiv.org/abs/1511.06349",
    note: "Posterior collapse, and KL annealing against it.",
  },
  {
    key: "kingma2015",
    short: "Kingma & Ba, 2015",
    authors: "Diederik P. Kingma and Jimmy Ba",
    year: 2015,
    title: "Adam: A Method for Stochastic Optimization",
    venue: "International Conference on Learning Representations (ICLR) 2015",
    url: "https://arxiv.org/abs/1412.6980",
    note: "The optimiser every model of the book trains with.",
  },
  {
    key: "weng2018",
    short: "Weng, 2018",
    authors: "Lilian Weng",
    year: 2018,
    title: "From Autoencoder to Beta-VAE",
    venue: "Lil'Log (lilianweng.github.io)",
    url: "https://lilianweng.github.io/posts/2018-08-12-vae/",
    note: "The lecture notes take their autoencoder cost functions and figures from this post.",
  },
  {
    key: "lecun1998",
    short: "LeCun et al., 1998",
    authors: "Yann LeCun, Léon Bottou, Yoshua Bengio and Patrick Haffner",
    year: 1998,
    title: "Gradient-Based Learning Applied to Document Recognition",
    venue: "Proceedings of the IEEE 86(11), 2278–2324",
    note: "The MNIST digits the book's autoencoders and VAE train on.",
  },
  {
    key: "salakhutdinov2008",
    short: "Salakhutdinov & Murray, 2008",
    authors: "Ruslan Salakhutdinov and Iain Murray",
    year: 2008,
    title: "On the Quantitative Analysis of Deep Belief Networks",
    venue: "International Conference on Machine Learning (ICML) 2008",
    url: "https://www.cs.toronto.edu/~rsalakhu/papers/dbn_ais.pdf",
    note: "Binarised MNIST (each pixel drawn with its grey level as probability), the data of the likelihood literature.",
  },
  {
    key: "cremer2018",
    short: "Cremer, Li & Duvenaud, 2018",
    authors: "Chris Cremer, Xuechen Li and David Duvenaud",
    year: 2018,
    title: "Inference Suboptimality in Variational Autoencoders",
    venue: "International Conference on Machine Learning (ICML) 2018; arXiv:1801.03558",
    url: "https://arxiv.org/abs/1801.03558",
    note: "The inference gap split into an approximation gap and an amortisation gap.",
  },
  {
    key: "hoffman2016",
    short: "Hoffman & Johnson, 2016",
    authors: "Matthew D. Hoffman and Matthew J. Johnson",
    year: 2016,
    title: "ELBO surgery: yet another way to carve up the variational evidence lower bound",
    venue: "NIPS 2016 Workshop on Advances in Approximate Bayesian Inference",
    url: "https://approximateinference.org/2016/accepted/HoffmanJohnson2016.pdf",
    note: "The average KL term is I(x; z) plus KL(q(z) ‖ p(z)).",
  },
  {
    key: "alemi2018",
    short: "Alemi et al., 2018",
    authors: "Alexander A. Alemi, Ben Poole, Ian Fischer, Joshua V. Dillon, Rif A. Saurous and Kevin Murphy",
    year: 2018,
    title: "Fixing a Broken ELBO",
    venue: "International Conference on Machine Learning (ICML) 2018; arXiv:1711.00464",
    url: "https://arxiv.org/abs/1711.00464",
    note: "Rate and distortion: the KL term bounds the information in the code; β moves along the rate–distortion curve.",
  },
  {
    key: "kingma2016",
    short: "Kingma et al., 2016",
    authors: "Diederik P. Kingma, Tim Salimans, Rafal Jozefowicz, Xi Chen, Ilya Sutskever and Max Welling",
    year: 2016,
    title: "Improved Variational Inference with Inverse Autoregressive Flow",
    venue: "Advances in Neural Information Processing Systems (NIPS) 29, 2016; arXiv:1606.04934",
    url: "https://arxiv.org/abs/1606.04934",
    note: "Free bits: no KL charge below a floor of nats per group of latent dimensions, against collapse.",
  },
];

const byKey = new Map(bibliography.map((entry) => [entry.key, entry]));

/** The entry for a key; fails the build with the known keys when a chapter cites an unknown one. */
export function bibEntry(key: string): BibEntry {
  const entry = byKey.get(key);
  if (!entry) {
    throw new Error(`Unknown citation key "${key}"; src/data/bibliography.ts has ${[...byKey.keys()].join(", ")}`);
  }
  return entry;
}

/** The reference as one line of text: authors (year). Title. Venue. */
export function referenceText(entry: BibEntry): string {
  return `${entry.authors} (${entry.year}). ${entry.title}. ${entry.venue}.`;
}

/** The keys of one `<Cite>`: one key, or several (a group) separated by spaces. */
export function citeKeys(k: string): string[] {
  return k.trim().split(/\s+/).filter(Boolean);
}

/**
 * Keys cited with `<Cite k="…">` in an MDX body, in order of first use. Fails on two citations side
 * by side, which read "(A, 2013)(B, 2014)": one `<Cite k="a b" />` reads "(A, 2013; B, 2014)".
 */
export function citedKeys(body: string): string[] {
  const adjacent = /<Cite\b[^>]*(?:\/>|>[^<]*<\/Cite>)[ \t]*\n?[ \t]*<Cite\b/.exec(body);
  if (adjacent) {
    throw new Error(`Citations side by side: write one <Cite k="key1 key2" /> for a group, not ${adjacent[0]}`);
  }
  const keys = Array.from(body.matchAll(/<Cite\b[^>]*\bk=["']([^"']+)["']/g), (match) => citeKeys(match[1] ?? ""));
  return [...new Set(keys.flat())];
}

/** A chapter's frontmatter reference: a key of the bibliography, the one place a work is written. */
export type ChapterReference = string;

/** One line of a chapter's reference list. */
export interface ResolvedReference {
  readonly key: string;
  readonly entry: BibEntry;
}

/**
 * A chapter's reference list: its frontmatter references, then every work it cites in the text,
 * each once, resolved from the bibliography; an unknown key fails the build.
 */
export function resolveReferences(references: readonly ChapterReference[], body: string): ResolvedReference[] {
  const keys = [...new Set([...references, ...citedKeys(body)])];
  return keys.map((key) => ({ key, entry: bibEntry(key) }));
}
