// The shared part of the extension's import commands: read the chosen sources into bundles, and
// say what an import did in one sentence.
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ImportOutcome } from '../importers/importToFolder';
import { importModelScores } from '../importers/modelScores';
import { ImportError, type ImportBundle } from '../importers/types';

/** model_scores files or folders (a folder's own .json files) → one bundle per file; any bad file stops it all. */
export async function readModelScores(paths: readonly string[]): Promise<ImportBundle[]> {
  const files: string[] = [];
  for (const p of paths) {
    const s = await stat(p).catch(() => undefined);
    if (!s) throw new ImportError(`${p}: no such file or folder`);
    if (s.isDirectory()) files.push(...(await readdir(p)).filter((n) => n.endsWith('.json')).sort().map((n) => join(p, n)));
    else files.push(p);
  }
  if (!files.length) throw new ImportError(`no .json files in ${paths.join(', ')}`);
  const bundles: ImportBundle[] = [];
  const errors: string[] = [];
  for (const f of files) {
    try {
      bundles.push(importModelScores(await readFile(f, 'utf8'), f));
    } catch (e) {
      errors.push(e instanceof Error ? e.message : String(e));
    }
  }
  if (errors.length) throw new ImportError(`${errors.length} file${errors.length > 1 ? 's' : ''} could not be imported; nothing written:\n${errors.slice(0, 5).join('\n')}`);
  return bundles;
}

/** "Imported 1 model and 3 results; 2 kept because they exist; 1 failed the schema check." */
export function importSummary(o: ImportOutcome): string {
  const n = o.written.length;
  const results = n - o.modelsWritten;
  const parts = [`Imported ${o.modelsWritten} model${o.modelsWritten === 1 ? '' : 's'} and ${results} results file${results === 1 ? '' : 's'}`];
  const exists = o.skipped.filter((s) => s.reason === 'exists').length;
  const invalid = o.skipped.filter((s) => s.reason === 'invalid');
  if (exists) parts.push(`${exists} kept because ${exists === 1 ? 'it exists' : 'they exist'}`);
  if (o.duplicates.length) parts.push(`${o.duplicates.length} duplicate${o.duplicates.length === 1 ? '' : 's'} skipped`);
  if (invalid.length) parts.push(`${invalid.length} not written: ${invalid[0].problems?.[0] ?? 'fails the schema'}${invalid.length > 1 ? ' …' : ''}`);
  return `${parts.join('; ')}.`;
}
