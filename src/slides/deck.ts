// The example deck: reveal.js with the widget host (auto-height, Esc gives the keys back, a reloaded
// frame comes back in the state the presenter left it) and frames that leave the tab order while hidden.
import Reveal from "reveal.js";
import { installEmbedHost } from "../embed/host";
import { MESSAGE_TYPES } from "../embed/protocol";

installEmbedHost(MESSAGE_TYPES);

const deck = new Reveal({
  hash: true,
  // A 1280×720 slide shown at about its own size on a 1280×720 projector, so the frames' text keeps the
  // projector theme's 18 px (docs/embedding.md); reveal.js scales the whole slide on other screens.
  width: 1280,
  height: 720,
  margin: 0.02,
  center: false,
  transition: "slide",
  // Frames marked `data-preload` load while their slide is fewer than viewDistance slides away (the
  // next and the previous slide: reveal.js lazy loading of `data-src`), so each is ready when shown.
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
