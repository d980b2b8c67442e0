// Examples that a chapter's prose and a widget both use: one source, so they cannot disagree.
// Like src/lib, this module imports nothing above it; widgets and chapters import it.

/** The medical test of the base-rate example (Gigerenzer et al., 2007): probabilities in [0, 1]. */
export const MEDICAL_TEST = { prevalence: 0.01, sensitivity: 0.9, falsePositive: 0.09 } as const;
