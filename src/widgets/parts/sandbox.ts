// What a sandboxed frame blocks, in plain words, with the attribute the framing page must add. Course
// systems (LMS) often frame pages with <iframe sandbox="allow-scripts">: the frame's origin is then
// "null", so it may not start workers from the site or use its storage, and copying and downloading
// need their own permissions. docs/embedding.md lists what to add. Used by widgets and the embed panel.

/** True in a frame sandboxed without allow-same-origin, whose origin is opaque ("null"). */
export function opaqueOrigin(): boolean {
  return self.origin === "null";
}

/** True when the page is shown inside another page's frame. */
export function framed(): boolean {
  return window.parent !== window;
}

/** Why a worker could not start here, when the frame is the reason; undefined otherwise. */
export function workerBlockedByFrame(): string | undefined {
  if (!opaqueOrigin()) return undefined;
  return (
    "This widget trains its model in a background worker, and the frame it is shown in does not allow that: " +
    'the page framing it uses <iframe sandbox="…"> without allow-same-origin. Add allow-same-origin to that ' +
    "sandbox attribute (beside allow-scripts), or open this widget in its own tab."
  );
}

/** True when the frame's permissions policy forbids writing to the clipboard (Chromium tells; others try and fail). */
export function clipboardBlocked(): boolean {
  const policy = (document as Document & { featurePolicy?: { allowsFeature(name: string): boolean } }).featurePolicy;
  return policy ? !policy.allowsFeature("clipboard-write") : false;
}

/** The message for a copy the frame refused (or undefined outside a frame). */
export function copyBlockedByFrame(what: string): string | undefined {
  if (!framed()) return undefined;
  return (
    `Copying is blocked by the frame this widget is shown in: its <iframe> needs allow="clipboard-write". ` +
    `Select the ${what} and copy it by hand.`
  );
}

/** The note after starting a download in a frame: a sandbox without allow-downloads drops it silently. */
export function downloadNoteInFrame(): string {
  return framed()
    ? " If no file appeared, the frame this widget is shown in blocks downloads: its <iframe sandbox> needs allow-downloads."
    : "";
}
