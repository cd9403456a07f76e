import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { tempDir } from './tempDirs';
import { safeFileName } from '../../../src/core/importers/fileNames';
import { NON_FINITE, parseJsonText } from '../../../src/core/importers/jsonText';
import type { ImportBundle } from '../../../src/core/importers/types';
import { planImport, writeFileAtomic, writeFiles } from '../../../src/core/importers/writer';
import type { ResultsMetadata } from '../../../src/core/metadata/types';

test('file names: hub ids readable, unsafe characters replaced, reserved and long names handled', () => {
  assert.equal(safeFileName('EleutherAI/pythia-1b'), 'EleutherAI__pythia-1b');
  assert.equal(safeFileName('arc:challenge'), 'arc_challenge');
  assert.equal(safeFileName('/data/tir/projects/llama2_220M'), '__data__tir__projects__llama2_220M');
  assert.equal(safeFileName('../../etc/passwd'), '__..__etc__passwd');
  assert.equal(safeFileName('.hidden'), 'hidden');
  assert.equal(safeFileName('con'), '_con');
  assert.equal(safeFileName('  '), 'unnamed');
  const long = safeFileName('x'.repeat(300));
  assert.equal(long.length, 100);
  assert.notEqual(long, safeFileName(`${'x'.repeat(299)}y`));
});

test('JSON as Python writes it: NaN/Infinity become markers; errors are located in the original text', () => {
  const v = parseJsonText('{"a": NaN, "b": -Infinity, "c": "NaN stays a string", "d": [Infinity]}', 'f.json') as Record<string, unknown>;
  assert.deepEqual(v, { a: NON_FINITE.NaN, b: NON_FINITE['-Infinity'], c: 'NaN stays a string', d: [NON_FINITE.Infinity] });
  assert.throws(() => parseJsonText('{"a": NaN, "b": NaN,\n "c": tru}', 'f.json'), /f\.json:2:7: not valid JSON/);
  assert.throws(() => parseJsonText('{"a": 1} // note', 'f.json'), /f\.json:1:10: not valid JSON \(InvalidCommentToken\)/);
});

const result = (model: string, task: string, acc: number, n_shot?: number): ResultsMetadata => ({
  model: { name: model }, dataset: { name: task }, metrics: { acc }, ...(n_shot === undefined ? {} : { n_shot }),
});

test('planning: the model file, relative references, repeats skipped, clashes numbered, one folder spelling', () => {
  const out = tempDir('modelops-plan-');
  const a: ImportBundle = { source: 'a', model: { model_name: 'org/m' }, results: [result('org/m', 'arc:easy', 0.5, 0), result('org/m', 'arc_easy', 0.6, 0)], warnings: [] };
  const b: ImportBundle = { source: 'b', results: [result('ORG/M', 'arc:easy', 0.5, 0), result('org/m', 'hellaswag', 0.3)], warnings: [] };
  const plan = planImport([a, b], out);
  const rel = plan.files.map((f) => f.path.slice(out.length + 1));
  assert.deepEqual(rel, ['org__m.model.json', 'org__m/arc_easy-0shot.results.json', 'org__m/arc_easy-0shot-2.results.json', 'org__m/hellaswag.results.json']);
  assert.deepEqual(plan.duplicates, [{ path: join(out, 'org__m', 'arc_easy-0shot.results.json'), sameAs: join(out, 'org__m', 'arc_easy-0shot.results.json') }]);
  assert.equal((plan.files[1].data as ResultsMetadata).model.metadata_reference, '../org__m.model.json');
  assert.equal((plan.files[3].data as ResultsMetadata).model.metadata_reference, '../org__m.model.json'); // bundle b's model is in bundle a
  assert.equal(a.results[0].model.metadata_reference, undefined, 'the bundle is not modified');
});

test('planning: results point at a model elsewhere in the batch or found by name, taking its spelling', () => {
  const out = tempDir('modelops-plan-');
  const models: ImportBundle = { source: 'info', model: { model_name: 'Org/Model-125m' }, results: [], warnings: [] };
  const scores: ImportBundle = { source: 'scores', results: [result('org/model-125M', 'arc', 0.5), result('other/x', 'arc', 0.4)], warnings: [] };
  const plan = planImport([scores, models], out, { findModel: (n) => (n === 'other/x' ? { path: join(out, 'x.model.json'), name: 'other/x' } : undefined) });
  const data = plan.files.map((f) => [f.path.slice(out.length + 1), f.kind === 'results' ? (f.data as ResultsMetadata).model : undefined]);
  assert.deepEqual(data, [
    ['Org__Model-125m.model.json', undefined],
    ['Org__Model-125m/arc.results.json', { name: 'Org/Model-125m', metadata_reference: '../Org__Model-125m.model.json' }],
    ['other__x/arc.results.json', { name: 'other/x', metadata_reference: '../x.model.json' }],
  ]);
});

test('writing: atomic, never over an existing file unless asked, invalid files reported and not written', async () => {
  const out = tempDir('modelops-write-');
  const path = join(out, 'deep', 'er', 'x.results.json');
  assert.equal(await writeFileAtomic(path, 'one\n', false), true);
  assert.equal(await writeFileAtomic(path, 'two\n', false), false);
  assert.equal(readFileSync(path, 'utf8'), 'one\n');
  assert.equal(await writeFileAtomic(path, 'three\n', true), true);
  assert.equal(readFileSync(path, 'utf8'), 'three\n');
  assert.deepEqual(readdirSync(join(out, 'deep', 'er')), ['x.results.json'], 'no temp files left');

  const plan = planImport([{ source: 's', results: [result('m', 't1', 0.1), result('m', 't2', 0.2), result('m', 't3', 0.3)], warnings: [] }], out);
  mkdirSync(join(out, 'm'));
  writeFileSync(join(out, 'm', 't2.results.json'), 'mine\n');
  const report = await writeFiles(plan.files, { validate: (f) => ((f.data as ResultsMetadata).dataset.name === 't3' ? ['/metrics/acc: too low'] : []) });
  assert.deepEqual(report.written, [join(out, 'm', 't1.results.json')]);
  assert.deepEqual(report.skipped, [
    { path: join(out, 'm', 't2.results.json'), reason: 'exists' },
    { path: join(out, 'm', 't3.results.json'), reason: 'invalid', problems: ['/metrics/acc: too low'] },
  ]);
  assert.equal(readFileSync(join(out, 'm', 't2.results.json'), 'utf8'), 'mine\n');
  assert.deepEqual(JSON.parse(readFileSync(join(out, 'm', 't1.results.json'), 'utf8')), result('m', 't1', 0.1));
  assert.deepEqual(readdirSync(join(out, 'm')).sort(), ['t1.results.json', 't2.results.json']);
});
