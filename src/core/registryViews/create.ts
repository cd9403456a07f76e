// Creating and deleting registry files: where a new file goes, its name, its references, the
// schema check before writing, the atomic never-overwriting write, and what a delete would break.
import { dirname, join, relative, sep } from 'node:path';
import { URI } from 'vscode-uri';
import { safeFileName } from '../importers/fileNames';
import { writeFileAtomic } from '../importers/writer';
import { BUILTIN_SCHEMAS } from '../metadata/builtinSchemas';
import { SchemaValidator } from '../metadata/schemaValidator';
import { checkDocument } from '../metadata/validate';
import type { DatasetReference, Kind, ModelReference } from '../metadata/types';
import type { RegistryFile, RegistryResult } from '../protocol';
import { displayName, versionOf } from './facts';

const FOLDER: Record<Kind, string> = { model: 'models', dataset: 'datasets', results: 'results' };

/** Where new files of a kind go: the folder holding most files of that kind, else `<root>/models` etc. */
export function defaultFolder(kind: Kind, registry: RegistryResult, rootPath: string): string {
  const files = kind === 'model' ? registry.models : kind === 'dataset' ? registry.datasets : registry.results;
  const counts = new Map<string, number>();
  for (const f of files) {
    const dir = dirname(URI.parse(f.uri).fsPath);
    if (!isInside(dir, rootPath)) continue;
    counts.set(dir, (counts.get(dir) ?? 0) + 1);
  }
  const best = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
  return best ? best[0] : join(rootPath, FOLDER[kind]);
}

function isInside(path: string, folder: string): boolean {
  const r = relative(folder, path);
  return r === '' || (!r.startsWith('..') && !r.startsWith(sep) && !/^[a-z]:/i.test(r));
}

/** `news-bert.model.json`, `iris.dataset.json`, `news-bert.news-topics.results.json`. */
export function newFileName(kind: Kind, name: string, datasetName?: string): string {
  if (kind === 'results') return `${safeFileName(name)}.${safeFileName(datasetName ?? 'dataset')}.results.json`;
  return `${safeFileName(name)}.${kind}.json`;
}

/** Why a typed name cannot be used, or undefined. */
export function nameProblem(name: string): string | undefined {
  if (!name.trim()) return 'Give a name.';
  if (name !== name.trim()) return 'No spaces at the start or end.';
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'No control characters.';
  if (name.length > 200) return 'At most 200 characters.';
  return undefined;
}

/** A `metadata_reference` from one file to another: relative, forward slashes. */
export function referencePath(fromFile: string, toFile: string): string {
  const r = relative(dirname(fromFile), toFile).split(sep).join('/');
  return r.startsWith('.') ? r : `./${r}`;
}

/** A reference to a registry file, written from the new file at `fromFile`. */
export function referenceTo(fromFile: string, target: RegistryFile): DatasetReference & ModelReference {
  const version = versionOf(target);
  return { name: displayName(target), ...(version ? { version } : {}), metadata_reference: referencePath(fromFile, URI.parse(target.uri).fsPath) };
}

let validator: SchemaValidator | undefined;

/** Schema errors of a new file's text against the built-in schema of its kind, as "pointer: message". */
export function schemaErrors(kind: Kind, text: string): string[] {
  validator ??= new SchemaValidator();
  const { diagnostics } = checkDocument(validator, text, kind, { key: `builtin:${kind}`, schema: BUILTIN_SCHEMAS[kind] });
  return diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.pointer || '/'}: ${d.message}`);
}

export type CreateOutcome = { status: 'created'; path: string } | { status: 'exists'; path: string } | { status: 'invalid'; path: string; problems: string[] };

/** Writes a new metadata file: checked first, atomically, never over an existing file. */
export async function createMetadataFile(path: string, kind: Kind, data: object): Promise<CreateOutcome> {
  const text = `${JSON.stringify(data, null, 2)}\n`;
  const problems = schemaErrors(kind, text);
  if (problems.length) return { status: 'invalid', path, problems };
  return (await writeFileAtomic(path, text, false)) ? { status: 'created', path } : { status: 'exists', path };
}

/** The confirmation a delete asks for: what the file is and which files would lose their target. */
export function deleteConfirmation(file: RegistryFile, registry: RegistryResult): { message: string; detail: string } {
  const kind = file.kind === 'results' ? 'results file' : file.kind;
  const label = file.kind === 'results' ? file.rel : `${displayName(file)}${versionOf(file) ? ` ${versionOf(file)}` : ''}`;
  const all = new Map([...registry.models, ...registry.datasets, ...registry.results].map((f) => [f.uri, f]));
  const referrers = file.referencedBy.map((u) => all.get(u)?.rel ?? URI.parse(u).fsPath).sort();
  const lines = [`${file.rel} will be moved to the trash.`];
  if (referrers.length) {
    lines.push('', `${referrers.length} file${referrers.length === 1 ? '' : 's'} refer${referrers.length === 1 ? 's' : ''} to it and will show a broken reference:`);
    lines.push(...referrers.slice(0, 10).map((r) => `  ${r}`));
    if (referrers.length > 10) lines.push(`  … and ${referrers.length - 10} more`);
  }
  return { message: `Delete the ${kind} "${label}"?`, detail: lines.join('\n') };
}

/** "accuracy=0.93, f1_score=0.91" → metrics, or the first problem (a results file needs at least one). */
export function parseMetrics(text: string): { metrics: Record<string, number>; error?: string } {
  const metrics: Record<string, number> = {};
  for (const part of text.split(/[\s,;]+/).filter(Boolean)) {
    const m = /^([^=]+)=(.+)$/.exec(part);
    if (!m) return { metrics, error: `"${part}" is not name=value` };
    const v = Number(m[2]);
    if (!Number.isFinite(v)) return { metrics, error: `${m[1]}: "${m[2]}" is not a number` };
    metrics[m[1]] = v;
  }
  return Object.keys(metrics).length ? { metrics } : { metrics, error: 'Give at least one metric, e.g. accuracy=0.93' };
}
