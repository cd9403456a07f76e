// The extension's settings under `modelops.`, typed once with their defaults. package.json
// `contributes.configuration` mirrors this table (a test compares them).
import type { Kind } from './metadata/types';

export type FormatSeverity = 'error' | 'warning' | 'information' | 'hint' | 'off';
export type TraceLevel = 'off' | 'messages' | 'verbose';

export interface RegistrySetting {
  kind: Kind;
  include: string[];
  exclude?: string[];
  schema?: string;
}

export interface ModelOpsSettings {
  /** A modelops.config.json to use instead of the one found in (or above) the workspace folder. */
  configFile: string;
  /** Registry rules used when there is no modelops.config.json; empty = the built-in defaults. */
  registries: RegistrySetting[];
  /** Severity of `format/*` problems (dates, URIs): the CLI reports them as warnings. */
  'validation.formatSeverity': FormatSeverity;
  /** Traces the messages between VS Code and the language server. */
  'trace.server': TraceLevel;
  /** Slurm login nodes to train on over SSH: {name, host, port, user, identityFile, remoteDir}. */
  'slurm.hosts': unknown[];
  /** Seconds between the one batched squeue/scontrol query per cluster. */
  'slurm.pollInterval': number;
  /** Notify when a training job completes, fails or is cancelled. */
  'training.notifications': boolean;
  /** Rows per inference batch when evaluating; 0: the model's evaluation.batch_size, else 256. */
  'evaluation.batchSize': number;
  /** Decimal places of metrics in leaderboard tables made in VS Code. */
  'leaderboard.digits': number;
  /** A "Refresh leaderboard" CodeLens above living leaderboard blocks in markdown. */
  'leaderboard.codeLens': boolean;
  /** Select the active editor's metadata file in its registry view when that view is visible. */
  'registry.autoReveal': boolean;
}

/** Each setting's default and the enum of allowed values, when it has one. */
export const SETTINGS: { [K in keyof ModelOpsSettings]: { default: ModelOpsSettings[K]; enum?: readonly string[] } } = {
  configFile: { default: '' },
  registries: { default: [] },
  'validation.formatSeverity': { default: 'warning', enum: ['error', 'warning', 'information', 'hint', 'off'] },
  'trace.server': { default: 'off', enum: ['off', 'messages', 'verbose'] },
  'slurm.hosts': { default: [] },
  'slurm.pollInterval': { default: 10 },
  'training.notifications': { default: true },
  'evaluation.batchSize': { default: 0 },
  'leaderboard.digits': { default: 3 },
  'leaderboard.codeLens': { default: true },
  'registry.autoReveal': { default: true },
};

export const SETTINGS_SECTION = 'modelops';

export function defaultSettings(): ModelOpsSettings {
  return Object.fromEntries(Object.entries(SETTINGS).map(([k, v]) => [k, structuredClone(v.default)])) as unknown as ModelOpsSettings;
}

/**
 * Settings from `workspace/configuration` for section `modelops`: a nested object
 * (`{ validation: { formatSeverity } }`). Unknown or ill-typed values fall back to the default.
 */
export function readSettings(raw: unknown): ModelOpsSettings {
  const out = defaultSettings();
  const get = (dotted: string): unknown => dotted.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), raw);
  for (const [key, spec] of Object.entries(SETTINGS) as [keyof ModelOpsSettings, { default: unknown; enum?: readonly string[] }][]) {
    const v = get(key);
    if (v === undefined || typeof v !== typeof spec.default || Array.isArray(v) !== Array.isArray(spec.default)) continue;
    if (spec.enum && !spec.enum.includes(v as string)) continue;
    (out as unknown as Record<string, unknown>)[key] = key === 'registries' ? (v as unknown[]).filter(isRegistrySetting) : v;
  }
  return out;
}

function isRegistrySetting(r: unknown): r is RegistrySetting {
  const x = r as RegistrySetting;
  return !!x && typeof x === 'object' && ['model', 'dataset', 'results'].includes(x.kind) && Array.isArray(x.include);
}
