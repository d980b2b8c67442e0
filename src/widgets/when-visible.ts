/**
 * Calls `action` once for each element when it comes within `margin` of the viewport; at once
 * where the browser has no IntersectionObserver.
 */
export function whenVisible<E extends Element>(
  elements: Iterable<E>,
  action: (element: E) => void,
  margin: string,
): void {
  const list = Array.from(elements);
  if (!("IntersectionObserver" in window)) {
    list.forEach(action);
    return;
  }
  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        observer.unobserve(entry.target);
        action(entry.target as E);
      }
    },
    { rootMargin: margin },
  );
  list.forEach((element) => observer.observe(element));
}
