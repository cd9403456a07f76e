// Types for scripts/install-code-server.mjs (imported by the TypeScript e2e harness).
export declare const CODE_SERVER_VERSION: string;
export interface CodeServerPaths {
  dir: string;
  pkg: string;
  entry: string;
  stamp: string;
}
export declare function cacheRoot(): string;
export declare function codeServerPaths(root?: string): CodeServerPaths;
export declare function missingPrerequisites(): string | undefined;
export declare function installCodeServer(options?: { root?: string }): CodeServerPaths;
