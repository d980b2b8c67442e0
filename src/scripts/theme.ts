// Light or dark: the system's choice until the reader presses the toggle, which is remembered. Choosing
// the theme the system already has forgets the choice, so the book follows the system again.
import { THEME_STORAGE_KEY } from "./theme-key";

type Theme = "light" | "dark";

const systemDark = () => window.matchMedia("(prefers-color-scheme: dark)");
const systemTheme = (): Theme => (systemDark().matches ? "dark" : "light");

export function currentTheme(): Theme {
  const chosen = document.documentElement.dataset.theme;
  return chosen === "light" || chosen === "dark" ? chosen : systemTheme();
}

function remember(theme: Theme | undefined): void {
  try {
    if (theme) localStorage.setItem(THEME_STORAGE_KEY, theme);
    else localStorage.removeItem(THEME_STORAGE_KEY);
  } catch {
    // Storage may be off (private mode); the choice then lasts for this page only.
  }
}

export function setTheme(theme: Theme): void {
  const root = document.documentElement;
  if (theme === systemTheme()) {
    delete root.dataset.theme;
    remember(undefined);
  } else {
    root.dataset.theme = theme;
    remember(theme);
  }
  document.dispatchEvent(new CustomEvent("vae:themechange", { detail: { theme } }));
}

export function initThemeToggle(): void {
  const buttons = document.querySelectorAll<HTMLButtonElement>("[data-theme-toggle]");
  const show = () => {
    const dark = String(currentTheme() === "dark");
    buttons.forEach((button) => button.setAttribute("aria-pressed", dark));
  };
  buttons.forEach((button) =>
    button.addEventListener("click", () => {
      setTheme(currentTheme() === "dark" ? "light" : "dark");
      show();
    }),
  );
  systemDark().addEventListener("change", () => {
    show();
    document.dispatchEvent(new CustomEvent("vae:themechange", { detail: { theme: currentTheme() } }));
  });
  // Another tab changed the theme.
  window.addEventListener("storage", (event) => {
    if (event.key !== THEME_STORAGE_KEY) return;
    const stored = event.newValue;
    if (stored === "light" || stored === "dark") document.documentElement.dataset.theme = stored;
    else delete document.documentElement.dataset.theme;
    show();
  });
  show();
}
