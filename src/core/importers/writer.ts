// Imported objects → files: OUT/<model>.model.json and OUT/<model>/<dataset>[-<n>shot].results.json.
// Written atomically (temp file in the same folder, then link/rename), never over an existing
// file unless asked.
import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import type { ModelMetadata, ResultsMetadata } from '../metadata/types';
import { safeFileName } from './fileNames';
import type { ImportBundle } from './types';

export interface PlannedFile {
  kind: 'model' | 'results';
  /** Absolute path. */
  path: string;
  data: ModelMetadata | ResultsMetadata;
}

export interface Plan {
  files: PlannedFile[];
  /** Results that repeat another one in the batch (same model, dataset, shots, metrics, time). */
  duplicates: { path: string; sameAs: string }[];
}

/** A model metadata file and the model_name it declares. */
export interface KnownModel {
  path: string;
  name: string;
}

export interface PlanOptions {
  /** An existing model metadata file the results point at (instead of a model in the bundle). */
  modelFile?: string;
  /** Finds an existing model file by model_name (any case), for results with no model of their own. */
  findModel?: (name: string) => KnownModel | undefined;
}

const posixRelative = (from: string, to: string) => {
  const r = relative(from, to).split(sep).join('/');
  return r.startsWith('.') ? r : `./${r}`;
};

/** What makes two results the same evaluation, for spotting repeats across score files. */
function identity(r: ResultsMetadata): string {
  return JSON.stringify([r.model.name.toLowerCase(), r.dataset, r.split, r.n_shot, r.metrics, r.evaluated_at]);
}

/** Decides every file's path; results point at the model file with a relative metadata_reference. */
export function planImport(bundles: ImportBundle[], outDir: string, options: PlanOptions = {}): Plan {
  const out = resolve(outDir);
  const files: PlannedFile[] = [];
  const duplicates: Plan['duplicates'] = [];
  // Keys are lower-cased: two names differing only in case are one file on macOS and Windows.
  const taken = new Map<string, { path: string; identity?: string }>();
  const claim = (path: string, id?: string): { path: string } | { sameAs: string } => {
    const dot = path.lastIndexOf('.', path.lastIndexOf('.') - 1);
    for (let n = 1; ; n++) {
      const candidate = n === 1 ? path : `${path.slice(0, dot)}-${n}${path.slice(dot)}`;
      const key = candidate.toLowerCase();
      const prior = taken.get(key);
      if (!prior) {
        taken.set(key, { path: candidate, identity: id });
        return { path: candidate };
      }
      if (id !== undefined && prior.identity === id) return { sameAs: prior.path };
    }
  };
  // One spelling per model folder: "gpt-neo-125M" and "gpt-neo-125m" share the first one seen.
  const folders = new Map<string, string>();
  const folderOf = (name: string) => {
    const safe = safeFileName(name);
    if (!folders.has(safe.toLowerCase())) folders.set(safe.toLowerCase(), safe);
    return folders.get(safe.toLowerCase())!;
  };
  // Models first, so results anywhere in the batch can point at them.
  const batchModels = new Map<string, KnownModel>();
  const modelOf = new Map<ImportBundle, string>();
  for (const bundle of bundles) {
    if (!bundle.model) continue;
    const c = claim(join(out, `${safeFileName(bundle.model.model_name)}.model.json`));
    if (!('path' in c)) continue;
    files.push({ kind: 'model', path: c.path, data: bundle.model });
    modelOf.set(bundle, c.path);
    const lower = bundle.model.model_name.toLowerCase();
    if (!batchModels.has(lower)) batchModels.set(lower, { path: c.path, name: bundle.model.model_name });
  }
  for (const bundle of bundles) {
    const own = modelOf.get(bundle) ?? (options.modelFile ? resolve(options.modelFile) : undefined);
    for (const found of bundle.results) {
      // A result for a model the batch or the folder already has points at it, in its spelling
      // (hub ids are case-insensitive: "gpt-neo-125m" is "gpt-neo-125M").
      const known = own ? undefined : (batchModels.get(found.model.name.toLowerCase()) ?? options.findModel?.(found.model.name));
      const r: ResultsMetadata = known && known.name !== found.model.name ? { ...found, model: { ...found.model, name: known.name } } : found;
      const modelPath = own ?? known?.path;
      const shots = r.n_shot !== undefined ? `-${r.n_shot}shot` : '';
      const path = join(out, folderOf(r.model.name), `${safeFileName(r.dataset.name)}${shots}.results.json`);
      const c = claim(path, identity(r));
      if ('sameAs' in c) {
        duplicates.push({ path, sameAs: c.sameAs });
        continue;
      }
      const data: ResultsMetadata = modelPath
        ? { ...r, model: { ...r.model, metadata_reference: posixRelative(dirname(c.path), modelPath) } }
        : r;
      files.push({ kind: 'results', path: c.path, data });
    }
  }
  return { files, duplicates };
}

export interface WriteOptions {
  overwrite?: boolean;
  /** Problems with a file's content (e.g. schema errors); a file with any is not written. */
  validate?: (file: PlannedFile) => string[];
}

export interface WriteReport {
  written: string[];
  skipped: { path: string; reason: 'exists' | 'invalid'; problems?: string[] }[];
}

/** Writes `text` to `path` atomically; false when the file exists and overwrite is off. */
export function writeFileAtomic(path: string, text: string, overwrite: boolean, folders?: Map<string, boolean>): boolean {
  const dir = dirname(path);
  // A folder created by this import holds only files it wrote: no existence check needed there
  // (the link below still refuses to replace anything).
  let fresh = folders?.get(dir);
  if (fresh === undefined) {
    fresh = mkdirSync(dir, { recursive: true }) !== undefined;
    folders?.set(dir, fresh);
  }
  if (!overwrite && !fresh && existsSync(path)) return false;
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  writeFileSync(tmp, text, { flag: 'wx' });
  try {
    if (overwrite) {
      renameSync(tmp, path);
      return true;
    }
    try {
      linkSync(tmp, path); // fails with EEXIST instead of replacing: no window for a race
      unlinkSync(tmp);
      return true;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') {
        unlinkSync(tmp);
        return false;
      }
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw e;
      // A file system without hard links: check, then rename.
      if (existsSync(path)) {
        unlinkSync(tmp);
        return false;
      }
      renameSync(tmp, path);
      return true;
    }
  } catch (e) {
    if (existsSync(tmp)) unlinkSync(tmp);
    throw e;
  }
}

/** How many files are written between yields to the event loop (an import can be thousands of files). */
const BATCH = 200;

/**
 * Files in plan order. Synchronous file calls in batches: a fraction of the cost of one promise
 * round trip per call, and the event loop (the extension host's) still gets a turn every batch.
 */
export async function writeFiles(files: PlannedFile[], options: WriteOptions = {}): Promise<WriteReport> {
  const report: WriteReport = { written: [], skipped: [] };
  const folders = new Map<string, boolean>();
  for (let i = 0; i < files.length; i++) {
    if (i > 0 && i % BATCH === 0) await new Promise((r) => setImmediate(r));
    const f = files[i];
    const problems = options.validate?.(f) ?? [];
    if (problems.length) {
      report.skipped.push({ path: f.path, reason: 'invalid', problems });
      continue;
    }
    // The same text checkImported validates.
    if (writeFileAtomic(f.path, `${JSON.stringify(f.data, null, 2)}\n`, options.overwrite ?? false, folders)) report.written.push(f.path);
    else report.skipped.push({ path: f.path, reason: 'exists' });
  }
  return report;
}
