// Every page's reader features, in one small module: theme toggle, search (which loads Pagefind only
// when used), hover definitions, print preparation and the offline service worker.
import { initOffline } from "./offline";
import { initPrint } from "./print";
import { initSearch } from "./search";
import { initThemeToggle } from "./theme";
import { initTips } from "./tips";

initThemeToggle();
initSearch();
initTips();
initPrint();
initOffline(import.meta.env.BASE_URL);
