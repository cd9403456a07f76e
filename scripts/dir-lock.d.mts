// Types for scripts/dir-lock.mjs.
export declare function acquireDirLock(path: string, options?: { timeoutMs?: number }): () => void;
