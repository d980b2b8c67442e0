import { parseParams, type Param, type ParamSpecs, type RawParams } from "../lib/params";

/** Everything the book knows about one widget: the single source for its element, shell, embed page and gallery. */
export interface WidgetSpec<S> {
  /** Kebab-case id from the widget contract; the element is `<vae-${id}>`. */
  readonly id: string;
  readonly title: string;
  /** One sentence for the gallery and the embed page. */
  readonly summary: string;
  /** Slug of the chapter the widget lives in. */
  readonly chapter: string;
  readonly params: ParamSpecs<S>;
  /** Rules between parameters (e.g. equal lengths); returns a message naming the parameter, or nothing. */
  readonly check?: (state: S) => string | undefined;
  /** Example query strings for instructors, each with what it shows. */
  readonly examples: readonly { readonly query: string; readonly caption: string }[];
  /** Names of the `<output>`s, in the contract's order. */
  readonly outputs: readonly string[];
}

/**
 * Raw parameters (attributes or a query) to a widget's state: each parameter parsed, then the
 * spec's rules between them. The one path for the server's shell and the browser's element.
 */
export function parseState<S>(
  spec: WidgetSpec<S>,
  raw: RawParams,
): { ok: true; state: S } | { ok: false; message: string; problems: readonly string[] } {
  const parsed = parseParams(spec.params, raw);
  if (!parsed.ok) return { ok: false, message: parsed.message, problems: parsed.problems ?? [parsed.message] };
  const problem = spec.check?.(parsed.value);
  return problem ? { ok: false, message: problem, problems: [problem] } : { ok: true, state: parsed.value };
}

export const elementName = (id: string): string => `vae-${id}`;

/** The tag of a derivation check that follows a widget's state (ElboCheck.astro, ProofCheck.astro): `<vae-<id>-check>`. */
export const checkElementName = (id: string): string => `${elementName(id)}-check`;

/** The tag a chapter writes for a widget, and its shell's file name: kl-discrete → KlDiscrete (KlDiscrete.astro). */
export const shellName = (id: string): string =>
  id
    .split("-")
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join("");

/**
 * A shell's props (`<Name>.astro`): each parameter of the state as the chapter writes it (a string
 * or a number, parsed by the spec like a URL's), where the state comes from, and the caption.
 */
export type ShellProps<S> = { readonly [K in keyof S]?: string | number } & {
  /** On the embed page: the query string is the state (`url-state`). */
  readonly urlState?: boolean;
  readonly caption?: string;
};

/** Any widget's spec, for code that lists or frames widgets without knowing their state type. */
export type AnyWidgetSpec = Omit<WidgetSpec<unknown>, "params" | "check"> & {
  readonly params: Readonly<Record<string, Param<unknown>>>;
};
