// Imported objects → files: OUT/<model>.model.json and OUT/<model>/<dataset>[-<n>shot].results.json.
// Written atomically (temp file in the same folder, then link/rename), never over an existing
// file unless asked.
import { randomBytes } from 'node:crypto';
import { link, lstat, mkdir, rename, unlink, writeFile } from 'node:fs/promises';
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

export interface PlanOptions {
  /** An existing model metadata file the results point at (instead of a model in the bundle). */
  modelFile?: string;
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
  for (const bundle of bundles) {
    let modelPath = options.modelFile ? resolve(options.modelFile) : undefined;
    if (bundle.model) {
      const c = claim(join(out, `${safeFileName(bundle.model.model_name)}.model.json`));
      if ('path' in c) {
        modelPath = c.path;
        files.push({ kind: 'model', path: c.path, data: bundle.model });
      }
    }
    for (const r of bundle.results) {
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
export async function writeFileAtomic(path: string, text: string, overwrite: boolean, madeDirs?: Set<string>): Promise<boolean> {
  const dir = dirname(path);
  if (!madeDirs?.has(dir)) {
    await mkdir(dir, { recursive: true });
    madeDirs?.add(dir);
  }
  if (!overwrite && (await lstat(path).then(() => true, () => false))) return false;
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  await writeFile(tmp, text, { flag: 'wx' });
  try {
    if (overwrite) {
      await rename(tmp, path);
      return true;
    }
    try {
      await link(tmp, path); // fails with EEXIST instead of replacing: no window for a race
      return true;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return false;
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw e;
      // A file system without hard links: check, then rename.
      if (await lstat(path).then(() => true, () => false)) return false;
      await rename(tmp, path);
      return true;
    }
  } finally {
    await unlink(tmp).catch(() => undefined);
  }
}

/** Files in plan order; a few at a time, since a score import can be thousands of small files. */
export async function writeFiles(files: PlannedFile[], options: WriteOptions = {}): Promise<WriteReport> {
  const outcome: ({ written: true } | { written: false; skipped: WriteReport['skipped'][number] })[] = new Array(files.length);
  const madeDirs = new Set<string>();
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < files.length; i = next++) {
      const f = files[i];
      const problems = options.validate?.(f) ?? [];
      if (problems.length) {
        outcome[i] = { written: false, skipped: { path: f.path, reason: 'invalid', problems } };
        continue;
      }
      const ok = await writeFileAtomic(f.path, `${JSON.stringify(f.data, null, 2)}\n`, options.overwrite ?? false, madeDirs); // same text as checkImported's fileText
      outcome[i] = ok ? { written: true } : { written: false, skipped: { path: f.path, reason: 'exists' } };
    }
  };
  await Promise.all(Array.from({ length: Math.min(8, files.length) }, worker));
  const report: WriteReport = { written: [], skipped: [] };
  outcome.forEach((o, i) => (o.written ? report.written.push(files[i].path) : report.skipped.push(o.skipped)));
  return report;
}
