// Loads the digits in the browser (page or worker) from the site itself, under its base path.
import { isGzip, parseDigits, type Digits } from "./digits-format";

let loading: Promise<Digits> | undefined;

export function digitsUrl(): string {
  return `${import.meta.env.BASE_URL}data/digits.bin`;
}

/** Fetches and unpacks the digits once per realm. */
export function loadDigits(url = digitsUrl()): Promise<Digits> {
  loading ??= (async () => {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`The digits could not be loaded (${response.status} ${response.statusText}).`);
    let bytes = new Uint8Array(await response.arrayBuffer());
    // Some servers send the file with Content-Encoding: gzip and the browser has already unpacked it.
    if (isGzip(bytes)) {
      const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
      bytes = new Uint8Array(await new Response(stream).arrayBuffer());
    }
    return parseDigits(bytes);
  })();
  loading.catch(() => (loading = undefined));
  return loading;
}
