export declare function builtPages(dist?: string): string[];
