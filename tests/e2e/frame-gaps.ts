/** What embed-layout.spec.ts does not hold every widget to yet, by frame size (issue #13), with the measured cause. */
export type Check = "text size" | "overlap" | "cut" | "scroll" | "fill" | "field";

/**
 * Checks a widget does not pass yet (issue #13), by frame: reported as annotations instead of
 * failing, so every other widget and check is held to the rule. Remove an entry when it passes.
 */
export const KNOWN_GAPS: Readonly<Record<string, Readonly<Record<string, readonly Check[]>>>> = {
  "the 800×500 snippet": {
    // The area diagram is laid out on a fixed 250-unit viewBox (src/widgets/bayes/view.ts), drawn at 213 px:
    // its 12-unit labels come out at 11.3 px; at the zoom its text needs it is 85 px taller than the frame.
    bayes: ["text size", "scroll"],
    // The die's panels are laid out on fixed 320- and 420-unit viewBoxes (src/widgets/dice/view.ts), drawn at ~240 px: 9 px labels.
    dice: ["text size"],
    // With their controls, at the zoom that keeps text at 12 px these are taller than 500 px in either
    // layout (their own or in columns): the frame scrolls (by 800, 670, 480, 600, 520 and 190 px).
    elbo: ["scroll"],
    "kl-gaussian": ["scroll"],
    "kl-std-normal": ["scroll"],
    reparam: ["scroll"],
    "trace-trick": ["scroll"],
    // Pretrained (its figures drawn), the latent plot is drawn ~190 px wide: its ticks and legend come out at 10 px.
    vae: ["scroll", "text size"],
  },
  "a 1280×720 projector slide": {
    // The area diagram's row titles run under the columns' labels and past its 250-unit viewBox.
    bayes: ["overlap", "cut"],
    // Fixed viewBoxes again (see above), drawn at a third of their size in a slide's columns.
    dice: ["text size", "overlap", "cut"],
    // The bar chart's caption spills into a fifth column once the charts redraw at the chosen zoom.
    elbo: ["cut"],
    // The convergence chart is drawn before the final zoom and keeps the old width: 15.6 px labels.
    "kl-gaussian": ["text size"],
    // Taller than the slide at 18 px text: the frame scrolls (by 295, 210, 290 and 280 px).
    "kl-std-normal": ["scroll"],
    // The gradient panels' titles sit over the estimates' caption in the next column.
    reparam: ["overlap", "scroll"],
    "trace-trick": ["scroll"],
    // Pretrained: the latent plot's two "−4" ticks meet at its corner, and its z₂ name is drawn at 17 px.
    vae: ["scroll", "text size", "overlap"],
  },
};
