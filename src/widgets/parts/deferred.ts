/**
 * Puts in place the controls that <Deferred> shipped inside `root` as inert templates, in place of
 * their text fallbacks; safe to call twice.
 */
export function revealDeferred(root: ParentNode): void {
  root.querySelectorAll<HTMLTemplateElement>("template[data-deferred]").forEach((template) => {
    const fallback = template.nextElementSibling;
    if (fallback?.hasAttribute("data-deferred-fallback")) fallback.remove();
    template.replaceWith(template.content);
  });
}
