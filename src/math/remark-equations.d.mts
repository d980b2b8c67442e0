declare const remarkEquations: () => (tree: unknown, file: { path?: string }) => void;
export default remarkEquations;
export declare const equationId: (label: string) => string;
export declare function spelledOut(words: string[], tex: string, where: string): string;
