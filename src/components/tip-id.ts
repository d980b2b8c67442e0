// Hover definitions put their text in a hidden element that the trigger names with aria-describedby;
// each needs an id unique on its page, and one counter for the whole build gives that.
let count = 0;

export function nextTipId(prefix: string): string {
  count += 1;
  return `tip-${prefix}-${count}`;
}
