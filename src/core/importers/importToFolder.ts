// The whole write step every front end shares (CLI, extension): plan the paths, check each file
// against the built-in schema, write atomically, report.
import { schemaProblems } from './checkImported';
import type { ImportBundle } from './types';
import { planImport, writeFiles, type Plan, type WriteReport } from './writer';

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

export async function importToFolder(bundles: ImportBundle[], outDir: string, options: ImportToFolderOptions = {}): Promise<ImportOutcome> {
  const plan = planImport(bundles, outDir, { modelFile: options.modelFile });
  const report = await writeFiles(plan.files, { overwrite: options.overwrite, validate: schemaProblems });
  const written = new Set(report.written);
  return {
    ...report,
    duplicates: plan.duplicates,
    modelsWritten: plan.files.filter((f) => f.kind === 'model' && written.has(f.path)).length,
    warnings: bundles.flatMap((b) => b.warnings),
  };
}
