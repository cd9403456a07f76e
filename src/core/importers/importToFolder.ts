// The whole write step every front end shares (CLI, extension): plan the paths (results point at
// model files in the batch or already in the folder), check each file against the built-in
// schema, write atomically, report.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { schemaProblems } from './checkImported';
import { parseJsonText } from './jsonText';
import type { ImportBundle } from './types';
import { planImport, writeFiles, type KnownModel, type Plan, type WriteReport } from './writer';

export interface ImportToFolderOptions {
  /** Replace existing files (default: keep them and report them as skipped). */
  overwrite?: boolean;
  /** An existing model metadata file the results belong to. */
  modelFile?: string;
}

export interface ImportOutcome extends WriteReport {
  duplicates: Plan['duplicates'];
  /** How many of `written` are model files. */
  modelsWritten: number;
  warnings: string[];
}

/** The `*.model.json` files directly in `dir` (where imports put models), by lower-cased model_name. */
function modelsIn(dir: string): (name: string) => KnownModel | undefined {
  let index: Map<string, KnownModel> | undefined;
  return (name) => {
    if (!index) {
      index = new Map();
      const names = existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('.model.json')).sort() : [];
      for (const n of names) {
        const path = join(dir, n);
        try {
          const data = parseJsonText(readFileSync(path, 'utf8'), path) as { model_name?: unknown };
          if (typeof data?.model_name === 'string' && !index.has(data.model_name.toLowerCase())) index.set(data.model_name.toLowerCase(), { path, name: data.model_name });
        } catch {
          // A broken model file is the validator's business, not a reason to stop an import.
        }
      }
    }
    return index.get(name.toLowerCase());
  };
}

export async function importToFolder(bundles: ImportBundle[], outDir: string, options: ImportToFolderOptions = {}): Promise<ImportOutcome> {
  const plan = planImport(bundles, outDir, { modelFile: options.modelFile, findModel: modelsIn(resolve(outDir)) });
  const report = await writeFiles(plan.files, { overwrite: options.overwrite, validate: schemaProblems });
  const written = new Set(report.written);
  return {
    ...report,
    duplicates: plan.duplicates,
    modelsWritten: plan.files.filter((f) => f.kind === 'model' && written.has(f.path)).length,
    warnings: bundles.flatMap((b) => b.warnings),
  };
}
