export interface NotationLinkEntry {
  key: string;
  tex: string;
  meaning: string;
  terms?: readonly string[];
  notTerms?: readonly string[];
  match?: readonly string[];
  chapters?: readonly string[];
}
export interface NotationLinkOptions {
  notation: readonly { entries: readonly NotationLinkEntry[] }[];
  base?: string;
}
export interface MathPattern {
  key: string;
  tokens: string[];
  wholeOnly: boolean;
}
export interface Found {
  key: string;
  start: number;
  end: number;
}
declare const remarkNotationLinks: (options: NotationLinkOptions) => (tree: unknown, file?: { path?: string }) => void;
export default remarkNotationLinks;
export declare function rehypeNotationLinks(options?: { base?: string }): (tree: unknown) => void;
export declare const trustNotationMarkers: (context: { command: string }) => boolean;
export declare function texTokens(source: string): { t: string; start: number; end: number }[];
export declare function mathPatterns(entries: readonly NotationLinkEntry[], chapter: string | undefined): MathPattern[];
export declare function findMathSymbols(
  source: string,
  patterns: MathPattern[],
  skip: ReadonlySet<string>,
  inline?: boolean,
): (Found & { whole: boolean })[];
export declare function markSymbols(source: string, matches: Found[]): string;
export declare function unmarkSymbols(tex: string): string;
export declare function termPatterns(
  entries: readonly NotationLinkEntry[],
  chapter: string | undefined,
): { key: string; regex: RegExp }[];
export declare function findTerms(
  text: string,
  patterns: { key: string; regex: RegExp }[],
  skip: ReadonlySet<string>,
): Found[];
export declare function isSkipped(node: unknown): boolean;
export declare function chapterOf(path: string | undefined): string | undefined;
export declare const tipId: (key: string) => string;
export declare const meaningId: (key: string) => string;
