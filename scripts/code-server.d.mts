// Types for scripts/code-server.mjs (imported by the TypeScript e2e harness).
import type { ChildProcess } from 'node:child_process';

export declare const PROFILE_SETTINGS: Record<string, unknown>;
export interface Profile {
  root: string;
  userDataDir: string;
  extensionsDir: string;
  configFile: string;
  logFile: string;
}
export declare function createProfile(root: string, extraSettings?: Record<string, unknown>): Profile;
export declare function installVsix(entry: string, profile: Profile, vsix: string): string;
export declare function listExtensions(entry: string, profile: Profile): string[];
export declare function freePort(): Promise<number>;
export interface RunningCodeServer {
  child: ChildProcess;
  url: string;
  folderUrl: string;
  stop(timeoutMs?: number): Promise<void>;
  exited(): { code: number | null; signal: string | null } | null;
}
export declare function startCodeServer(options: { entry: string; profile: Profile; port: number; folder: string; readyTimeoutMs?: number }): Promise<RunningCodeServer>;
