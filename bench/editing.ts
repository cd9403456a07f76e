// Editing a 5 MB metadata file: time from an edit (didChange) to its diagnostics, through our
// language server over stdio, against vscode-json-languageservice parsing and validating the same
// text with the same schema in-process. Run alone: `node --import tsx bench/editing.ts`.
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getLanguageService, type JSONSchema } from 'vscode-json-languageservice';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { BUILTIN_SCHEMAS } from '../src/core/metadata/builtinSchemas';
import { LspClient } from '../test/server/lspClient';
import { percentile, stats, type Figure } from './harness';

const EDITS = 40;
const TARGET_BYTES = 5 * 1024 * 1024;

/** A dataset with many described columns and log records; with `problem`, one column has a typo'd key. */
export function bigDataset(bytes = TARGET_BYTES, problem = false): string {
  const columns: object[] = [];
  const log: object[] = [];
  let size = 0;
  for (let i = 0; size < bytes * 0.8; i++) {
    const c = { name: `feature_${i}`, type: i % 3 ? 'float' : 'category', description: `Measured value number ${i} of the sensor array, normalised to unit variance.` };
    columns.push(c);
    size += JSON.stringify(c).length + 8;
  }
  for (let i = 0; size < bytes; i++) {
    const r = { date: `2024-0${1 + (i % 9)}-1${i % 10}`, action: 'filter', description: `Dropped rows with missing values in batch ${i}.`, parameters: { batch: i } };
    log.push(r);
    size += JSON.stringify(r).length + 8;
  }
  if (problem) (columns[10] as Record<string, unknown>).descripton = 'typo';
  return JSON.stringify({ name: 'sensors', version: '1.0', description: 'A big one.', license: 'CC-BY-4.0', columns, log }, null, 2) + '\n';
}

export async function run(): Promise<Figure[]> {
  return [await measure(false), await measure(true)];
}

async function measure(problem: boolean): Promise<Figure> {
  const root = mkdtempSync(join(tmpdir(), 'modelops-bench-edit-'));
  mkdirSync(join(root, 'datasets'));
  const path = join(root, 'datasets', 'sensors.dataset.json');
  const text = bigDataset(TARGET_BYTES, problem);
  writeFileSync(path, text);
  const client = await LspClient.start({ folders: [root] });
  const service = getLanguageService({});
  const schema = BUILTIN_SCHEMAS.dataset as unknown as JSONSchema;
  try {
    let doc = client.open(path, text);
    await client.diagnostics(path);
    // One spot in the middle: a description string; the edit types a character there and deletes it.
    const spot = text.indexOf('Measured value number', text.length >> 1) + 9;
    let baseline = TextDocument.create('file:///bench.json', 'json', 1, text);
    const ours: number[] = [];
    const theirs: number[] = [];
    let ourCount = 0;
    let theirCount = 0;
    for (let i = 0; i < EDITS; i++) {
      const at = doc.positionAt(spot);
      const edit = i % 2 === 0
        ? { range: { start: at, end: at }, newText: 'x' }
        : { range: { start: at, end: doc.positionAt(spot + 1) }, newText: '' };
      let t = performance.now();
      doc = client.change(path, [edit]);
      ourCount = (await client.diagnostics(path)).length;
      ours.push(performance.now() - t);

      baseline = TextDocument.update(baseline, [{ range: edit.range, text: edit.newText }], baseline.version + 1);
      t = performance.now();
      const json = service.parseJSONDocument(baseline);
      theirCount = (await service.doValidation(baseline, json, { schemaValidation: 'error' }, schema)).length;
      theirs.push(performance.now() - t);
    }
    const o = stats(ours);
    const b = stats(theirs);
    const ratio = b.median / o.median;
    const notes = `${(text.length / 1048576).toFixed(1)} MB, ${EDITS} edits; p95 ours ${percentile(ours, 95).toFixed(0)} ms vs ${percentile(theirs, 95).toFixed(0)} ms; `
      + `diagnostics per edit: ours ${ourCount}, theirs ${theirCount}; ours includes the LSP round trip over stdio (serialising the edit and the report), theirs is an in-process call`;
    return {
      name: `Edit → diagnostics on a 5 MB dataset file, ${problem ? 'one schema problem in it' : 'valid'} (p50)`, unit: 'ms', ours: o,
      baseline: { name: 'vscode-json-languageservice parse + doValidation', stats: b },
      target: '≥ 3x faster at p50', met: ratio >= 3, notes,
    };
  } finally {
    await client.stop();
    rmSync(root, { recursive: true, force: true });
  }
}

if (require.main === module) {
  void run().then(async (figures) => {
    const { describe } = await import('./harness');
    for (const f of figures) console.log(describe(f) + (f.notes ? `\n  ${f.notes}` : ''));
  });
}
