// The dataset operations behind `modelops dataset ...` and the Datasets view: each reads a
// dataset through its metadata file, streams the rows, and writes new data files plus their
// metadata (derived_from → parent, an appended log entry). Nothing is overwritten unless asked,
// and a failure part-way removes what the operation had begun.
import { existsSync } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { DatasetMetadata } from '../metadata/types';
import type { DataSource, LocatedRow, Row } from './types';
import { DatasetError } from './types';
import { readRecords } from './read';
import { createRowWriter, type RowWriter } from './write';
import { FileExistsError } from './files';
import { deriveMetadata, loadDataset, siblingPath, writeMetadataFile, type LoadedDataset } from './metadata';
import { assignSplit, checkRatio, stratumKey } from './split';
import { chooseIndices } from './sample';
import { DatasetSanitizer, type SanitizeOptions, type SanitizeReport } from './sanitize';
import { DatasetValidator, type ValidateOptions, type ValidationResult } from './validate';

export interface OutputOptions {
  overwrite?: boolean;
  /** Stops the operation; what it had begun is removed and OperationCancelled is thrown. */
  signal?: AbortSignal;
  /** Picks one file of a multi-file dataset. */
  split?: string;
  now?: Date;
}

export interface WrittenDataset {
  metadataFile: string;
  dataFile: string;
  metadata: DatasetMetadata;
}

/** An operation stopped by its signal; it left no file behind. */
export class OperationCancelled extends Error {
  constructor() {
    super('cancelled: nothing was written');
  }
}

/** The rows of a source, stopping at an aborted signal. */
async function* rows(source: DataSource, signal: AbortSignal | undefined): AsyncGenerator<LocatedRow> {
  for await (const rec of readRecords(source)) {
    if (signal?.aborted) throw new OperationCancelled();
    yield rec;
  }
}

interface Part {
  suffix: string;
  name?: string;
  metadataFile?: string;
}

interface PlannedPart {
  metadataFile: string;
  data: DataSource;
  name: string;
}

function plan(parent: LoadedDataset, parts: Part[], overwrite: boolean): PlannedPart[] {
  const planned = parts.map((p) => ({
    metadataFile: resolve(p.metadataFile ?? siblingPath(parent.metadataFile, p.suffix)),
    data: { path: siblingPath(parent.data.path, p.suffix), format: parent.data.format },
    name: p.name ?? `${parent.metadata.name}-${p.suffix}`,
  }));
  if (!overwrite) {
    for (const p of planned) for (const f of [p.data.path, p.metadataFile]) if (existsSync(f)) throw new FileExistsError(f);
  }
  return planned;
}

/** Streams the parent's rows into one writer per part; `route` picks the part (or none). */
async function writeParts(
  parent: LoadedDataset,
  planned: PlannedPart[],
  o: OutputOptions,
  route: (row: Row, index: number) => { row: Row; part: number } | undefined,
): Promise<{ rows: number; sha256: string }[]> {
  const overwrite = o.overwrite ?? false;
  let columns: string[] | undefined;
  const writers: RowWriter[] = [];
  try {
    for await (const rec of rows(parent.data, o.signal)) {
      columns ??= Object.keys(rec.row);
      if (!writers.length) for (const p of planned) writers.push(createRowWriter(p.data, { overwrite, columns }));
      const r = route(rec.row, rec.index - 1);
      if (r) await writers[r.part].write(r.row);
    }
    if (!writers.length) throw new DatasetError(`${parent.data.path}: the dataset has no rows`, parent.data.path);
    const done = [];
    for (const w of writers) done.push(await w.commit());
    return done;
  } catch (e) {
    await Promise.all(writers.map((w) => w.abort()));
    throw e;
  }
}

async function finish(
  parent: LoadedDataset,
  planned: PlannedPart[],
  written: { rows: number; sha256: string }[],
  o: OutputOptions & { version?: string },
  log: { action: string; description: (i: number) => string; parameters: Record<string, unknown>; transform: (i: number) => string },
): Promise<WrittenDataset[]> {
  const out: WrittenDataset[] = [];
  try {
    // The last moment to stop with nothing written; the metadata writes are quick.
    if (o.signal?.aborted) throw new OperationCancelled();
    for (let i = 0; i < planned.length; i++) {
      const p = planned[i];
      const metadata = deriveMetadata({
        parent, metadataFile: p.metadataFile, data: p.data, name: p.name, version: o.version,
        rows: written[i].rows, sha256: written[i].sha256,
        action: log.action, description: log.description(i), parameters: log.parameters, transform: log.transform(i), now: o.now,
      });
      await writeMetadataFile(p.metadataFile, metadata, o.overwrite ?? false);
      out.push({ metadataFile: p.metadataFile, dataFile: p.data.path, metadata });
    }
    return out;
  } catch (e) {
    // Leave no data file without its metadata.
    for (const p of planned.slice(out.length)) await unlink(p.data.path).catch(() => undefined);
    throw e;
  }
}

async function countRows(source: DataSource, signal: AbortSignal | undefined, stratifyBy?: string): Promise<{ n: number; keys?: string[] }> {
  let n = 0;
  const keys: string[] | undefined = stratifyBy ? [] : undefined;
  let checked = false;
  for await (const rec of rows(source, signal)) {
    if (stratifyBy && !checked) {
      if (!(stratifyBy in rec.row)) throw new DatasetError(`column '${stratifyBy}' does not exist; columns: ${Object.keys(rec.row).join(', ')}`, source.path);
      checked = true;
    }
    n += 1;
    keys?.push(stratumKey(rec.row, stratifyBy!));
  }
  if (n === 0) throw new DatasetError(`${source.path}: the dataset has no rows`, source.path);
  return { n, keys };
}

export interface SplitFileOptions extends OutputOptions {
  trainRatio?: number;
  seed?: number;
  stratifyBy?: string;
  version?: string;
  names?: { train?: string; test?: string };
}

/** Splits a dataset into `<name>-train` and `<name>-test`, two streaming passes. */
export async function splitDatasetFile(metadataFile: string, o: SplitFileOptions = {}): Promise<WrittenDataset[]> {
  const ratio = o.trainRatio ?? 0.8;
  const seed = o.seed ?? 0;
  checkRatio(ratio);
  const parent = await loadDataset(metadataFile, o.split);
  const planned = plan(parent, [{ suffix: 'train', name: o.names?.train }, { suffix: 'test', name: o.names?.test }], o.overwrite ?? false);
  const { n, keys } = await countRows(parent.data, o.signal, o.stratifyBy);
  const mask = assignSplit(keys ?? n, ratio, seed);
  const written = await writeParts(parent, planned, o, (row, i) => ({ row, part: mask[i] ? 0 : 1 }));
  const parameters = { train_ratio: ratio, seed, ...(o.stratifyBy ? { stratify_by: o.stratifyBy } : {}) };
  const how = `train_ratio=${ratio} seed=${seed}${o.stratifyBy ? ` stratify_by=${o.stratifyBy}` : ''}`;
  return finish(parent, planned, written, o, {
    action: 'split',
    parameters,
    description: (i) => `${i === 0 ? 'train' : 'test'} part of a split of ${parent.metadata.name} (${written[i].rows} of ${n} rows)`,
    transform: (i) => `split ${how}, ${i === 0 ? 'train' : 'test'} part`,
  });
}

export interface SampleFileOptions extends OutputOptions {
  n: number;
  seed?: number;
  name?: string;
  version?: string;
  metadataFile?: string;
}

/** Writes a reproducible random sample of n rows, in file order. */
export async function sampleDatasetFile(metadataFile: string, o: SampleFileOptions): Promise<WrittenDataset> {
  const seed = o.seed ?? 0;
  const parent = await loadDataset(metadataFile, o.split);
  const planned = plan(parent, [{ suffix: `sample-${o.n}`, name: o.name, metadataFile: o.metadataFile }], o.overwrite ?? false);
  const { n } = await countRows(parent.data, o.signal);
  const chosen = chooseIndices(n, o.n, seed);
  const written = await writeParts(parent, planned, o, (row, i) => (chosen.has(i) ? { row, part: 0 } : undefined));
  const [w] = await finish(parent, planned, written, o, {
    action: 'sample',
    parameters: { n: o.n, seed },
    description: () => `random sample of ${o.n} of ${n} rows of ${parent.metadata.name}`,
    transform: () => `sample n=${o.n} seed=${seed}`,
  });
  return w;
}

export interface SanitizeFileOptions extends OutputOptions, SanitizeOptions {
  name?: string;
  version?: string;
  metadataFile?: string;
}

/** Writes a sanitized copy and returns the report of what was removed or changed. */
export async function sanitizeDatasetFile(metadataFile: string, o: SanitizeFileOptions = {}): Promise<WrittenDataset & { report: SanitizeReport }> {
  const parent = await loadDataset(metadataFile, o.split);
  const planned = plan(parent, [{ suffix: 'sanitized', name: o.name, metadataFile: o.metadataFile }], o.overwrite ?? false);
  const s = new DatasetSanitizer(o);
  const written = await writeParts(parent, planned, o, (row, i) => {
    const clean = s.apply(row, i + 1);
    return clean ? { row: clean, part: 0 } : undefined;
  });
  const r = s.report;
  const parameters: Record<string, unknown> = {
    drop_empty: o.dropEmpty ?? true,
    drop_duplicates: o.dropDuplicates ?? true,
    strip_control_characters: o.stripControlCharacters ?? true,
    scrub_pii: o.scrubPii ?? false,
    ...(o.requiredColumns?.length ? { required_columns: o.requiredColumns } : {}),
    report: { rows_in: r.rows_in, rows_out: r.rows_out, removed: r.removed, modified: r.modified },
  };
  const [w] = await finish(parent, planned, written, o, {
    action: 'sanitize',
    parameters,
    description: () => `sanitized ${parent.metadata.name}: kept ${r.rows_out} of ${r.rows_in} rows (removed ${r.removed.empty} empty, ${r.removed.duplicate} duplicate, ${r.removed.missing_required} missing required values)`,
    transform: () => `sanitize${o.scrubPii ? ' with PII scrubbing' : ''}`,
  });
  return { ...w, report: r };
}

/** Validates the data file of a dataset; read problems become errors rather than exceptions. */
export async function validateDatasetFile(metadataFile: string, o: ValidateOptions & { split?: string; signal?: AbortSignal } = {}): Promise<ValidationResult & { dataFile: string }> {
  const ds = await loadDataset(metadataFile, o.split);
  const v = new DatasetValidator(o);
  try {
    for await (const rec of rows(ds.data, o.signal)) v.add(rec.row);
  } catch (e) {
    if (!(e instanceof DatasetError)) throw e;
    v.addError({ message: e.message });
  }
  const result = v.result();
  const declared = ds.metadata.rows;
  if (typeof declared === 'number' && result.errors.length === 0 && declared !== result.stats.rows) {
    result.warnings.push({ message: `metadata says rows: ${declared}, the data file has ${result.stats.rows}` });
  }
  return { ...result, dataFile: ds.data.path };
}
