// Which files are registry files, of which kind, checked against which schema.
import picomatch from 'picomatch';
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { Kind, ModelOpsConfig } from '../metadata/types';

export const CONFIG_FILE = 'modelops.config.json';

/** The nearest config file, from `start` upward but not past the repository root (the folder with `.git`). */
export function findConfigFile(start: string): string | undefined {
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, CONFIG_FILE))) return join(dir, CONFIG_FILE);
    if (existsSync(join(dir, '.git')) || dirname(dir) === dir) return undefined;
    dir = dirname(dir);
  }
}

export interface RegistryRule {
  kind: Kind;
  include: string[];
  exclude: string[];
  /** Absolute path of the team's own schema; absent = the built-in schema of the kind. */
  schema?: string;
}

/** Without a config file: folders by the users' names, or a kind suffix. Suffixes win over folders. */
export const DEFAULT_RULES: RegistryRule[] = [
  { kind: 'model', include: ['**/*.model.json'], exclude: [] },
  { kind: 'dataset', include: ['**/*.dataset.json'], exclude: [] },
  { kind: 'results', include: ['**/*.results.json'], exclude: [] },
  { kind: 'model', include: ['**/model_metadata/**/*.json'], exclude: [] },
  { kind: 'dataset', include: ['**/dataset_metadata/**/*.json'], exclude: [] },
  { kind: 'results', include: ['**/results/**/*.json'], exclude: [] },
];

/** Never registry files, whatever a glob says. */
export const ALWAYS_EXCLUDED = ['**/node_modules/**', '**/.git/**', '**/.modelops/**'];

export interface Classification {
  kind: Kind;
  schema?: string;
}

export interface ResolvedConfig {
  root: string;
  /** The config file, when there is one. */
  file?: string;
  rules: RegistryRule[];
  taxonomyExtra: string[];
}

type Matcher = (rel: string) => Classification | undefined;

const matchers = new WeakMap<ResolvedConfig, Matcher>();

function compile(config: ResolvedConfig): Matcher {
  const excluded = picomatch(ALWAYS_EXCLUDED, { dot: true });
  const rules = config.rules.map((r) => ({
    rule: r,
    include: picomatch(r.include, { dot: true }),
    exclude: r.exclude.length ? picomatch(r.exclude, { dot: true }) : () => false,
  }));
  return (rel) => {
    if (excluded(rel)) return undefined;
    const hit = rules.find((r) => r.include(rel) && !r.exclude(rel));
    return hit && { kind: hit.rule.kind, schema: hit.rule.schema };
  };
}

/** The kind of a file, from its path relative to the root (forward slashes). */
export function classify(config: ResolvedConfig, relativePath: string): Classification | undefined {
  let m = matchers.get(config);
  if (!m) matchers.set(config, (m = compile(config)));
  return m(relativePath);
}

/**
 * The effective configuration of a root. When the config file lists registries, they replace the
 * defaults: a team with its own layout says exactly which files are what.
 */
export function resolveConfig(root: string, file?: string, value?: unknown): ResolvedConfig {
  const config = (value && typeof value === 'object' ? value : {}) as Partial<ModelOpsConfig>;
  const base = file ? dirname(file) : root;
  const rules = Array.isArray(config.registries)
    ? config.registries
        .filter((r) => r && (r.kind === 'model' || r.kind === 'dataset' || r.kind === 'results') && Array.isArray(r.include))
        .map((r) => ({
          kind: r.kind,
          include: r.include.filter((g) => typeof g === 'string'),
          exclude: Array.isArray(r.exclude) ? r.exclude.filter((g) => typeof g === 'string') : [],
          schema: typeof r.schema === 'string' ? (isAbsolute(r.schema) ? r.schema : resolve(base, r.schema)) : undefined,
        }))
    : DEFAULT_RULES;
  const extra = config.taxonomy?.extra;
  return { root, file, rules, taxonomyExtra: Array.isArray(extra) ? extra.filter((t) => typeof t === 'string') : [] };
}
