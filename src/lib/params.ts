/**
 * Turns the strings of URL parameters and element attributes into typed widget state, or into a
 * message that names the parameter and says what is expected (widget contract, rule 5).
 * Nothing here clamps: a value out of range is an error, never silently moved into range.
 */
export type Parsed<T> =
  | { readonly ok: true; readonly value: T }
  | {
      readonly ok: false;
      readonly message: string;
      /** Each bad parameter's problem, "key: detail." (parseParams). */
      readonly problems?: readonly string[];
    };

/** One parameter: its documented default (as a raw string), what it expects, and its parser. */
export interface Param<T> {
  readonly fallback: string;
  readonly expected: string;
  readonly description: string;
  parse(raw: string): Parsed<T>;
}

export type ParamSpecs<S> = { readonly [K in keyof S]: Param<S[K]> };

export type RawParams = Readonly<Record<string, string | undefined>>;

export const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
export const fail = (message: string): Parsed<never> => ({ ok: false, message });

const NUMBER_PATTERN = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** Parses a plain decimal number; rejects empty strings, `NaN`, `Infinity`, hex and overflow. */
export function parseFiniteNumber(raw: string): number | undefined {
  const text = raw.trim();
  if (!NUMBER_PATTERN.test(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

function quoted(raw: string): string {
  const shown = raw.length > 40 ? `${raw.slice(0, 40)}…` : raw;
  return `"${shown}"`;
}

export interface NumberOptions {
  readonly fallback: number;
  readonly description: string;
  readonly min?: number;
  readonly max?: number;
  /** When true, `min` itself is not allowed (e.g. a standard deviation must be > 0). */
  readonly exclusiveMin?: boolean;
  readonly integer?: boolean;
}

function describeRange(options: Omit<NumberOptions, "fallback" | "description">): string {
  const kind = options.integer ? "an integer" : "a number";
  const { min, max, exclusiveMin } = options;
  if (min !== undefined && max !== undefined) {
    return `${kind} ${exclusiveMin ? "greater than" : "from"} ${min} ${exclusiveMin ? "and at most" : "to"} ${max}`;
  }
  if (min !== undefined) return `${kind} ${exclusiveMin ? "greater than" : "of at least"} ${min}`;
  if (max !== undefined) return `${kind} of at most ${max}`;
  return kind;
}

function inRange(value: number, options: Omit<NumberOptions, "fallback" | "description">): boolean {
  if (options.integer && !Number.isInteger(value)) return false;
  if (options.min !== undefined && (options.exclusiveMin ? value <= options.min : value < options.min)) return false;
  if (options.max !== undefined && value > options.max) return false;
  return true;
}

export function numberParam(options: NumberOptions): Param<number> {
  const expected = describeRange(options);
  return {
    fallback: String(options.fallback),
    expected,
    description: options.description,
    parse(raw) {
      const value = parseFiniteNumber(raw);
      return value !== undefined && inRange(value, options)
        ? ok(value)
        : fail(`expected ${expected}, got ${quoted(raw)}`);
    },
  };
}

export interface VectorOptions {
  readonly fallback: readonly number[];
  readonly description: string;
  readonly minLength: number;
  readonly maxLength: number;
  /** Bounds on each entry. */
  readonly min?: number;
  readonly max?: number;
  readonly exclusiveMin?: boolean;
  readonly integer?: boolean;
}

function describeLength(minLength: number, maxLength: number): string {
  return minLength === maxLength ? `${minLength}` : `${minLength} to ${maxLength}`;
}

/** A comma-separated list of numbers, each checked against the same bounds. */
export function vectorParam(options: VectorOptions): Param<number[]> {
  const expected = `${describeLength(options.minLength, options.maxLength)} comma-separated entries, each ${describeRange(options)}`;
  return {
    fallback: options.fallback.join(","),
    expected,
    description: options.description,
    parse(raw) {
      const parts = raw.split(",");
      if (raw.trim() === "") return fail(`expected ${expected}, got an empty value`);
      if (parts.length < options.minLength || parts.length > options.maxLength) {
        return fail(`expected ${expected}, got ${parts.length} entr${parts.length === 1 ? "y" : "ies"}`);
      }
      const values: number[] = [];
      for (const [index, part] of parts.entries()) {
        const value = parseFiniteNumber(part);
        if (value === undefined || !inRange(value, options)) {
          return fail(`expected ${expected}; entry ${index + 1} is ${quoted(part.trim())}`);
        }
        values.push(value);
      }
      return ok(values);
    },
  };
}

export interface IntegerSetOptions {
  readonly fallback: readonly number[];
  readonly description: string;
  readonly min: number;
  readonly max: number;
  /** Fewest members; 0 lets an empty value stand for the empty set. */
  readonly minSize: number;
}

/** A set of integers written as a comma-separated list, e.g. faces of a die; each listed once. */
export function integerSetParam(options: IntegerSetOptions): Param<number[]> {
  const { min, max, minSize } = options;
  const expected =
    minSize === 0
      ? `a comma-separated list, possibly empty, of distinct integers from ${min} to ${max}`
      : `${minSize} or more comma-separated distinct integers from ${min} to ${max}`;
  return {
    fallback: options.fallback.join(","),
    expected,
    description: options.description,
    parse(raw) {
      const text = raw.trim();
      const parts = text === "" ? [] : text.split(",");
      if (parts.length < minSize)
        return fail(`expected ${expected}, got ${text === "" ? "an empty value" : quoted(raw)}`);
      const values: number[] = [];
      for (const part of parts) {
        const value = parseFiniteNumber(part);
        if (value === undefined || !Number.isInteger(value) || value < min || value > max) {
          return fail(`expected ${expected}; ${quoted(part.trim())} is not an integer from ${min} to ${max}`);
        }
        if (values.includes(value)) return fail(`expected ${expected}; ${value} is listed twice`);
        values.push(value);
      }
      return ok(values);
    },
  };
}

export function enumParam<const T extends string>(options: {
  readonly fallback: T;
  readonly values: readonly T[];
  readonly description: string;
}): Param<T> {
  const expected = `one of ${options.values.map((v) => `"${v}"`).join(", ")}`;
  return {
    fallback: options.fallback,
    expected,
    description: options.description,
    parse(raw) {
      const value = options.values.find((v) => v === raw.trim());
      return value !== undefined ? ok(value) : fail(`expected ${expected}, got ${quoted(raw)}`);
    },
  };
}

/** `0` or `1`. */
export function flagParam(options: { readonly fallback: boolean; readonly description: string }): Param<boolean> {
  return {
    fallback: options.fallback ? "1" : "0",
    expected: "0 or 1",
    description: options.description,
    parse(raw) {
      const text = raw.trim();
      if (text === "1") return ok(true);
      if (text === "0") return ok(false);
      return fail(`expected 0 or 1, got ${quoted(raw)}`);
    },
  };
}

/** The number of Monte Carlo samples (contract rule 6: 1 to 1,000,000). */
export function samplesParam(fallback: number): Param<number> {
  return numberParam({ fallback, min: 1, max: 1_000_000, integer: true, description: "number of Monte Carlo samples" });
}

/** The seed of the random source (contract rule 6): any safe integer. */
export function seedParam(fallback = 1): Param<number> {
  return numberParam({
    fallback,
    min: Number.MIN_SAFE_INTEGER,
    max: Number.MAX_SAFE_INTEGER,
    integer: true,
    description: "seed of the random source; the same seed gives the same numbers",
  });
}

/**
 * Parses every parameter of a widget: absent ones take their defaults, unknown ones are ignored.
 * Each bad value gives a problem that starts with the parameter's name; the message joins them.
 */
export function parseParams<S>(specs: ParamSpecs<S>, raw: RawParams): Parsed<S> {
  const state: Partial<Record<keyof S, unknown>> = {};
  const problems: string[] = [];
  for (const key of Object.keys(specs) as (keyof S & string)[]) {
    const spec = specs[key];
    const given = raw[key];
    const parsed = spec.parse(given ?? spec.fallback);
    if (parsed.ok) state[key] = parsed.value;
    else problems.push(`${key}: ${parsed.message}.`);
  }
  // Every bad parameter is named at once: fixing one must not reveal the next only then.
  return problems.length > 0 ? { ok: false, message: problems.join(" "), problems } : ok(state as S);
}

/**
 * A query string or URL with its commas written plainly: commas are valid in a query (RFC 3986,
 * sub-delims) and read the same, and permalinks then match the examples ("p=1,2,3", not "p=1%2C2%2C3").
 */
export const plainCommas = (query: string): string => query.replace(/%2C/gi, ",");

/** The raw values that differ from the defaults, in the order of the specs: a minimal permalink. */
export function toQuery<S>(specs: ParamSpecs<S>, raw: RawParams): URLSearchParams {
  const query = new URLSearchParams();
  for (const key of Object.keys(specs) as (keyof S & string)[]) {
    const value = raw[key];
    if (value !== undefined && value !== specs[key].fallback) query.set(key, value);
  }
  return query;
}
