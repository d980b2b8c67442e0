/**
 * The messages an embed page exchanges with the page that frames it (documented for instructors in
 * docs/embedding.md). Each is a plain object with a `type`; hosts ignore types they do not know.
 */
export const MESSAGE_TYPES = {
  /** Embed page → host: the height in CSS pixels the page needs to show without scrolling. */
  height: "vae-widget:height",
  /** Embed page → host: the reader pressed Esc; the host should take keyboard focus back. */
  releaseFocus: "vae-widget:release-focus",
  /** Embed page → host: the reader changed the widget; `url` is the permalink of its new state. */
  state: "vae-widget:state",
  /** Host → embed page: the host fits the frame to the reported height, so the page need not fit the frame. */
  autoHeight: "vae-widget:auto-height",
} as const;

export interface HeightMessage {
  readonly type: typeof MESSAGE_TYPES.height;
  /** The widget id, e.g. "kl-discrete". */
  readonly id: string;
  readonly height: number;
}

export interface ReleaseFocusMessage {
  readonly type: typeof MESSAGE_TYPES.releaseFocus;
  readonly id: string;
}

export interface StateMessage {
  readonly type: typeof MESSAGE_TYPES.state;
  readonly id: string;
  /** The embed page's address with the widget's current state in its query string. */
  readonly url: string;
}

export type EmbedMessage = HeightMessage | ReleaseFocusMessage | StateMessage;

/** Display parameters of embed pages, read before the first paint (see Embed.astro). */
export const THEMES = ["light", "dark", "projector"] as const;
export type Theme = (typeof THEMES)[number];

/** A message naming the display parameter and what it expects, or nothing when the values are valid. */
export function displayParamProblems(query: URLSearchParams): string[] {
  const problems: string[] = [];
  const theme = query.get("theme");
  if (theme !== null && !(THEMES as readonly string[]).includes(theme)) {
    problems.push(
      `theme: expected one of "light", "dark", "projector", got "${theme.slice(0, 40)}"; showing the default theme.`,
    );
  }
  const controls = query.get("controls");
  if (controls !== null && controls !== "0" && controls !== "1") {
    problems.push(`controls: expected 0 or 1, got "${controls.slice(0, 40)}"; showing the controls.`);
  }
  return problems;
}
