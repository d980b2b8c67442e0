export declare const KNOWN_WORDS: Set<string>;
export declare function splitWords(mathml: string): string[];
