// Every page's reader features, in one small module: theme toggle, search (which loads Pagefind only
// when used), hover definitions, scrolling formulas, print preparation, the widgets' Embed panels and
// the offline service worker. They start when the browser is idle, so they never lengthen the page's
// first tasks (total blocking time).
import { watchEmbedPanels } from "../embed/panel-watch";
import { initEquations } from "./equations";
import { initOffline } from "./offline";
import { initPrint } from "./print";
import { initSearch } from "./search";
import { initThemeToggle } from "./theme";
import { initTips } from "./tips";

function start(): void {
  initThemeToggle();
  initSearch();
  initTips();
  initEquations();
  initPrint();
  watchEmbedPanels();
  initOffline(import.meta.env.BASE_URL);
  // Tests (and anyone curious) can tell when the features listen.
  document.documentElement.dataset.reader = "ready";
}

if ("requestIdleCallback" in window) requestIdleCallback(start, { timeout: 1500 });
else setTimeout(start, 0);
