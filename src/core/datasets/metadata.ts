// Dataset metadata: reading it, finding its data file, and writing the metadata of a dataset
// derived from it (derived_from → parent, an appended log entry, rows, sha256).
import { readFile } from 'node:fs/promises';
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path';
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { DatasetMetadata, LogEntry, LogRecord } from '../metadata/types';
import type { DataSource } from './types';
import { DatasetError } from './types';
import { formatOf } from './format';
import { writeFileAtomic } from './files';

/**
 * Reads one metadata file (JSON with comments allowed). The one place that parses metadata for
 * the dataset and evaluation tools, so it can later be swapped for the shared WorkspaceIndex.
 */
export async function readMetadataFile<T = Record<string, unknown>>(file: string): Promise<T> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new DatasetError(code === 'ENOENT' ? `metadata file not found: ${file}` : `cannot read ${file}: ${(e as Error).message}`, file);
  }
  const errors: ParseError[] = [];
  const value = parse(text, errors, { allowTrailingComma: true });
  if (errors.length) {
    const e = errors[0];
    const line = text.slice(0, e.offset).split('\n').length;
    throw new DatasetError(`${file}:${line}: ${printParseErrorCode(e.error)}`, file, line);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new DatasetError(`${file}: a metadata file must hold a JSON object`, file);
  }
  return value as T;
}

/** A dataset metadata file, read, with its data file resolved. */
export interface LoadedDataset {
  metadataFile: string;
  metadata: DatasetMetadata;
  data: DataSource;
  /** The split picked from `files`, if any. */
  split?: string;
}

/** Reads a dataset metadata file and finds its data file (`path`, or one of `files` by split). */
export async function loadDataset(metadataFile: string, split?: string): Promise<LoadedDataset> {
  const file = resolve(metadataFile);
  const metadata = await readMetadataFile<DatasetMetadata>(file);
  const base = dirname(file);
  const files = metadata.files ?? [];
  if (split !== undefined) {
    const f = files.find((x) => x.split === split);
    if (!f) {
      const known = files.map((x) => x.split).filter(Boolean);
      throw new DatasetError(`${file}: no file for split '${split}'${known.length ? ` (splits: ${known.join(', ')})` : ''}`, file);
    }
    return { metadataFile: file, metadata, split, data: { path: resolve(base, f.path), format: formatOf(f.path, f.format ?? metadata.format) } };
  }
  if (typeof metadata.path === 'string') {
    return { metadataFile: file, metadata, data: { path: resolve(base, metadata.path), format: formatOf(metadata.path, metadata.format) } };
  }
  if (files.length === 1) {
    const f = files[0];
    return { metadataFile: file, metadata, split: f.split, data: { path: resolve(base, f.path), format: formatOf(f.path, f.format ?? metadata.format) } };
  }
  if (files.length > 1) {
    throw new DatasetError(`${file}: the dataset has ${files.length} files; choose one with a split (${files.map((f) => f.split ?? f.path).join(', ')})`, file);
  }
  throw new DatasetError(`${file}: the dataset metadata names no data file (add "path" or "files")`, file);
}

/** A path as written in metadata: relative, forward slashes. */
export function relativeRef(fromFile: string, to: string): string {
  const r = relative(dirname(fromFile), to).split(sep).join('/');
  return r.startsWith('.') ? r : `./${r}`;
}

/** `<dir>/<stem>-<suffix><ext>`, keeping compound endings such as `.dataset.json`. */
export function siblingPath(file: string, suffix: string): string {
  const name = basename(file);
  const m = /^(.+?)((?:\.(?:dataset|metadata|meta))?\.[A-Za-z0-9]+)$/.exec(name);
  const [stem, ext] = m ? [m[1], m[2]] : [name, extname(name)];
  return join(dirname(file), `${stem}-${suffix}${ext}`);
}

export interface DeriveOptions {
  parent: LoadedDataset;
  /** Where the new metadata file goes. */
  metadataFile: string;
  data: DataSource;
  name: string;
  version?: string;
  rows: number;
  sha256: string;
  /** Log action, e.g. "split". */
  action: string;
  description: string;
  parameters?: Record<string, unknown>;
  /** Short text for derived_from.transform. */
  transform: string;
  now?: Date;
}

/** The parent's log as a list, a user's plain string kept as the first entry. */
export function logEntries(log: DatasetMetadata['log']): LogEntry[] {
  if (log === undefined || log === null) return [];
  if (typeof log === 'string') return log.trim() === '' ? [] : [log];
  return Array.isArray(log) ? [...log] : [];
}

/**
 * The metadata of a dataset derived from `parent`: the parent's descriptive fields carried over
 * (source, license, privacy, collection_date, ...), its data-file fields replaced.
 */
export function deriveMetadata(o: DeriveOptions): DatasetMetadata {
  const p = o.parent.metadata;
  const { files: _files, path: _path, rows: _rows, sha256: _sha, size: _size, derived_from: _d, log, name: _n, version: _v, ...kept } = p;
  void _files; void _path; void _rows; void _sha; void _size; void _d; void _n; void _v;
  const entry: LogRecord = {
    date: (o.now ?? new Date()).toISOString(),
    action: o.action,
    description: o.description,
    ...(o.parameters ? { parameters: o.parameters } : {}),
  };
  const version = o.version ?? p.version;
  // `format` is carried over as the user wrote it: derived files keep the parent's format.
  return {
    ...(p.$schema ? { $schema: p.$schema } : {}),
    name: o.name,
    ...(version !== undefined ? { version } : {}),
    ...kept,
    path: relativeRef(o.metadataFile, o.data.path),
    rows: o.rows,
    sha256: o.sha256,
    derived_from: [{
      name: p.name,
      ...(p.version !== undefined ? { version: p.version } : {}),
      metadata_reference: relativeRef(o.metadataFile, o.parent.metadataFile),
      transform: o.transform,
    }],
    log: [...logEntries(log), entry],
  };
}

/** Writes dataset metadata as pretty JSON, atomically. */
export async function writeMetadataFile(file: string, metadata: object, overwrite: boolean): Promise<void> {
  await writeFileAtomic(file, JSON.stringify(metadata, null, 2) + '\n', { overwrite });
}
