/** The event the kl-gaussian widget sends with its state each time its outputs are ready; the chapter's proof checks follow it. */
export const KL_GAUSSIAN_STATE = "kl-gaussian-state";
