// Types for scripts/package.mjs (imported by the TypeScript e2e harness).
export declare const repoRoot: string;
export declare function defaultTarget(): string;
export declare function defaultVsixPath(target?: string): string;
export declare function packageVsix(options?: { target?: string; out?: string; build?: boolean }): { path: string; bytes: number };
