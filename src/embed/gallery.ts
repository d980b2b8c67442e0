// The gallery's example snippets: absolute URLs for the site where it is served, and copy buttons.
import { iframeSnippet } from "./panel";

const status = document.querySelector<HTMLElement>("[data-role=gallery-status]");

for (const field of Array.from(document.querySelectorAll<HTMLTextAreaElement>("textarea[data-snippet]"))) {
  const src = new URL(field.dataset.snippet ?? "", window.location.href).href;
  field.value = iframeSnippet(src, { title: field.dataset.title ?? "" });
  const button = field.nextElementSibling;
  if (!(button instanceof HTMLButtonElement)) continue;
  button.addEventListener("click", () => {
    const done = (message: string) => {
      if (status) status.textContent = message;
      button.textContent = message.startsWith("Copied") ? "Copied" : "Copy snippet";
    };
    if (!navigator.clipboard) {
      field.select();
      done("Copying is not available here: the snippet is selected, copy it by hand.");
      return;
    }
    navigator.clipboard.writeText(field.value).then(
      () => done("Copied the snippet."),
      () => {
        field.select();
        done("Copy failed: the snippet is selected, copy it by hand.");
      },
    );
  });
}
