/** What embed-layout.spec.ts does not hold every widget to yet, by frame size (issue #13), with the measured cause. */
export type Check = "text size" | "overlap" | "cut" | "scroll" | "fill" | "field";

/**
 * Checks a widget does not pass yet (issue #13), by frame: reported as annotations instead of
 * failing, so every other widget and check is held to the rule. Remove an entry when it passes.
 */
export const KNOWN_GAPS: Readonly<Record<string, Readonly<Record<string, readonly Check[]>>>> = {
  "the 800×500 snippet": {
    // With its secondary parts behind tabs (src/embed/frame-tabs.ts) and the main tab in two columns (controls and
    // key numbers | identity bars), the bars' five-line caption still leaves it ~90 px taller than the frame at 12 px text.
    elbo: ["scroll"],
  },
  "a 1280×720 projector slide": {},
};
