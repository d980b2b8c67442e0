import type { RawParams } from "../lib/params";
import { parseState, type WidgetSpec } from "./spec";

/** The attributes a chapter gave a widget, as raw strings: only the widget's own parameters. */
export function rawParams<S>(spec: WidgetSpec<S>, props: object): Record<string, string> {
  const raw: Record<string, string> = {};
  for (const key of Object.keys(spec.params)) {
    const value = (props as Record<string, unknown>)[key];
    if (value !== undefined && value !== null) raw[key] = String(value);
  }
  return raw;
}

/**
 * The state a shell renders on the server. A chapter that passes bad attributes fails the build
 * with the same message a reader would see, so a mistake never reaches the page.
 */
export function serverState<S>(spec: WidgetSpec<S>, props: RawParams): S {
  const parsed = parseState(spec, props);
  if (!parsed.ok) throw new Error(`Widget ${spec.id}: ${parsed.message}`);
  return parsed.state;
}
