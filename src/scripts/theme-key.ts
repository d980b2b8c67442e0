/** Where the reader's theme choice is remembered (localStorage), read before the first paint by Base.astro. */
export const THEME_STORAGE_KEY = "vae-book-theme";
