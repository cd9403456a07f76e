// The custom LSP messages between the language server and the extension, typed once for both sides.
// vscode-jsonrpc has no 'vscode' dependency, so the server, the extension and tests can all import this.
// The server's vscode-languageserver bundles its own vscode-jsonrpc, so it registers handlers by
// `.method` (a string); the client passes these objects directly.
import { NotificationType, RequestType } from 'vscode-jsonrpc';
import type { Kind } from './metadata/types';

export interface RegistryReference {
  /** Where it sits in the file, e.g. `training_dataset`, `derived_from/1`, `model`. */
  role: string;
  targetKind: Kind;
  name?: string;
  version?: string;
  /** `metadata_reference` as written. */
  path?: string;
  /** The file it resolves to, when the registry has it. */
  targetUri?: string;
}

export interface RegistryFile {
  uri: string;
  /** Path relative to the registry root, forward slashes. */
  rel: string;
  kind: Kind;
  name?: string;
  version?: string;
  /** The parsed metadata (absent when the file does not parse to an object). */
  data?: unknown;
  errors: number;
  warnings: number;
  references: RegistryReference[];
  /** Files whose references resolve to this one. */
  referencedBy: string[];
}

export interface RegistryRoot {
  /** The workspace folder. */
  folderUri: string;
  /** The registry root (the folder of modelops.config.json, else the workspace folder). */
  rootUri: string;
  configUri?: string;
}

export interface RegistryParams {
  /** Only this workspace folder; all folders when absent. */
  folderUri?: string;
}

export interface RegistryResult {
  roots: RegistryRoot[];
  models: RegistryFile[];
  datasets: RegistryFile[];
  results: RegistryFile[];
}

/** The whole registry of the workspace (or one folder), with references and problem counts. */
export const registryRequest = new RequestType<RegistryParams, RegistryResult, void>('modelops/registry');

export interface IndexChangedParams {
  /** Files whose content, kind or diagnostics may have changed (added and removed included). */
  uris: string[];
  /** True when a whole folder was re-indexed (config or settings changed). */
  reindexed: boolean;
}

export const indexChangedNotification = new NotificationType<IndexChangedParams>('modelops/indexChanged');
