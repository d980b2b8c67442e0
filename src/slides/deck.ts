// The example deck: reveal.js with the widget host (auto-height, Esc gives the keys back) and frames
// that leave the tab order while their slide is hidden.
import Reveal from "reveal.js";
import { installEmbedHost } from "../embed/host";
import { MESSAGE_TYPES } from "../embed/protocol";

installEmbedHost(MESSAGE_TYPES);

const deck = new Reveal({
  hash: true,
  width: 1000,
  height: 720,
  margin: 0.03,
  center: false,
  transition: "slide",
  // Frames load two slides ahead (reveal.js lazy loading of `data-src`), so each is ready when shown.
  viewDistance: 2,
});

/** A hidden slide's frame cannot take focus: the deck's keys stay with the deck. */
function syncFrames(): void {
  const current = deck.getCurrentSlide();
  for (const frame of Array.from(document.querySelectorAll<HTMLIFrameElement>(".reveal iframe"))) {
    frame.tabIndex = current?.contains(frame) ? 0 : -1;
  }
}

void deck.initialize().then(() => {
  syncFrames();
  deck.on("slidechanged", syncFrames);
});
