/** What embed-layout.spec.ts does not hold every widget to yet, by frame size (issue #13), with the measured cause. */
export type Check = "text size" | "overlap" | "cut" | "scroll" | "fill" | "field";

/**
 * Checks a widget does not pass yet (issue #13), by frame: reported as annotations instead of
 * failing, so every other widget and check is held to the rule. Remove an entry when it passes.
 */
export const KNOWN_GAPS: Readonly<Record<string, Readonly<Record<string, readonly Check[]>>>> = {
  "the 800×500 snippet": {
    // With its secondary parts behind tabs (src/embed/frame-tabs.ts), the main tab (q's sliders, the
    // key numbers, the identity bars and their five-line caption) is 241 px taller than the frame at 12 px text.
    elbo: ["scroll"],
    // At the legibility floor (zoom 0.9) the two formula cards side by side plus the chart are 10 px too tall.
    "kl-std-normal": ["scroll"],
  },
  "a 1280×720 projector slide": {},
};
