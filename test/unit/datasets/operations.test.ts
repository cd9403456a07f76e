import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OperationCancelled, splitDatasetFile, sampleDatasetFile, sanitizeDatasetFile, validateDatasetFile } from '../../../src/core/datasets/operations';
import { readAllRows } from '../../../src/core/datasets/read';
import { loadDataset } from '../../../src/core/datasets/metadata';
import { FileExistsError } from '../../../src/core/datasets/files';

function registry() {
  const root = mkdtempSync(join(tmpdir(), 'modelops-ops-'));
  mkdirSync(join(root, 'datasets'));
  mkdirSync(join(root, 'data'));
  const lines = ['id,text,label'];
  for (let i = 0; i < 50; i++) lines.push(`${i},"row ${i}",${i % 5 === 0 ? 'rare' : 'common'}`);
  writeFileSync(join(root, 'data', 'reviews.csv'), lines.join('\n') + '\n');
  const meta = join(root, 'datasets', 'reviews.json');
  writeFileSync(meta, `{
    // comments are fine
    "name": "reviews", "version": "1.0", "format": "csv", "path": "../data/reviews.csv",
    "log": "collected by hand in 2023", "collection_date": "2023-05-01", "license": "CC-BY-4.0",
    "rows": 50, "sha256": "${'0'.repeat(64)}", "size": "2 KB"
  }`);
  return { root, meta };
}

const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');
const now = new Date('2026-01-02T03:04:05Z');

test('split writes train and test data and metadata with lineage, log, rows and sha256', async () => {
  const { root, meta } = registry();
  const out = await splitDatasetFile(meta, { trainRatio: 0.8, seed: 3, stratifyBy: 'label', now });
  assert.deepEqual(out.map((o) => o.metadataFile), [join(root, 'datasets', 'reviews-train.json'), join(root, 'datasets', 'reviews-test.json')]);
  const [train, held] = out;
  assert.equal(train.dataFile, join(root, 'data', 'reviews-train.csv'));
  const trainRows = await readAllRows({ path: train.dataFile, format: 'csv' });
  const testRows = await readAllRows({ path: held.dataFile, format: 'csv' });
  assert.equal(trainRows.length, 40);
  assert.equal(testRows.length, 10);
  assert.equal(testRows.filter((r) => r.label === 'rare').length, 2, 'stratified: 10 rare rows → 2 in test');
  const m = JSON.parse(readFileSync(train.metadataFile, 'utf8'));
  assert.equal(m.name, 'reviews-train');
  assert.equal(m.version, '1.0');
  assert.equal(m.path, '../data/reviews-train.csv');
  assert.equal(m.rows, 40);
  assert.equal(m.sha256, sha(train.dataFile));
  assert.equal(m.collection_date, '2023-05-01');
  assert.equal(m.license, 'CC-BY-4.0');
  assert.equal(m.size, undefined, 'a stale size is not carried over');
  assert.deepEqual(m.derived_from, [{ name: 'reviews', version: '1.0', metadata_reference: './reviews.json', transform: 'split train_ratio=0.8 seed=3 stratify_by=label, train part' }]);
  assert.equal(m.log[0], 'collected by hand in 2023');
  assert.deepEqual(m.log[1], { date: '2026-01-02T03:04:05.000Z', action: 'split', description: 'train part of a split of reviews (40 of 50 rows)', parameters: { train_ratio: 0.8, seed: 3, stratify_by: 'label' } });
  // The written metadata loads back as a dataset.
  assert.equal((await loadDataset(train.metadataFile)).data.path, train.dataFile);

  // Same seed, same rows; never overwritten without force.
  const before = readFileSync(train.dataFile, 'utf8');
  await assert.rejects(splitDatasetFile(meta, { trainRatio: 0.8, seed: 3, stratifyBy: 'label' }), FileExistsError);
  await splitDatasetFile(meta, { trainRatio: 0.8, seed: 3, stratifyBy: 'label', overwrite: true });
  assert.equal(readFileSync(train.dataFile, 'utf8'), before);
  assert.deepEqual(readdirSync(join(root, 'data')).filter((f) => f.endsWith('.tmp')), []);
});

test('sample appends to an array log and keeps file order; an unknown stratify column is refused', async () => {
  const { root, meta } = registry();
  const first = await sampleDatasetFile(meta, { n: 7, seed: 9, now });
  const rows = await readAllRows({ path: first.dataFile, format: 'csv' });
  assert.equal(rows.length, 7);
  assert.deepEqual(rows.map((r) => Number(r.id)), [...rows.map((r) => Number(r.id))].sort((a, b) => a - b));
  const again = await sampleDatasetFile(first.metadataFile, { n: 3, seed: 1, now });
  const m = JSON.parse(readFileSync(again.metadataFile, 'utf8'));
  assert.equal(m.name, 'reviews-sample-7-sample-3');
  assert.deepEqual(m.log.map((e: { action?: string } | string) => (typeof e === 'string' ? e : e.action)), ['collected by hand in 2023', 'sample', 'sample']);
  assert.equal(m.derived_from[0].name, 'reviews-sample-7');
  await assert.rejects(sampleDatasetFile(meta, { n: 51, name: 'x' }), /cannot sample 51 rows from a dataset of 50/);
  await assert.rejects(splitDatasetFile(meta, { stratifyBy: 'nope', overwrite: true }), /column 'nope' does not exist; columns: id, text, label/);
  assert.equal(existsSync(join(root, 'data', 'reviews-sample-51.csv')), false);
});

test('sanitize writes the cleaned copy and records the report in the log', async () => {
  const { root, meta } = registry();
  writeFileSync(join(root, 'data', 'reviews.csv'), 'id,text,label\n1,hi,a\n1,hi,a\n,,\n2,"mail me at a@b.org",\n');
  const out = await sanitizeDatasetFile(meta, { requiredColumns: ['label'], scrubPii: true, now });
  assert.deepEqual(out.report.removed, { empty: 1, duplicate: 1, missing_required: 1 });
  assert.deepEqual(await readAllRows({ path: out.dataFile, format: 'csv' }), [{ id: '1', text: 'hi', label: 'a' }]);
  const m = JSON.parse(readFileSync(out.metadataFile, 'utf8'));
  assert.equal(m.rows, 1);
  assert.equal(m.log.at(-1).parameters.report.rows_in, 4);
  assert.match(m.log.at(-1).description, /kept 1 of 4 rows/);
});

test('validate reads through the metadata and reports parse errors and row-count drift', async () => {
  const { root, meta } = registry();
  const r = await validateDatasetFile(meta, { labelColumn: 'label' });
  assert.equal(r.valid, true);
  assert.deepEqual(r.stats.label_distribution, { common: 40, rare: 10 });
  writeFileSync(join(root, 'data', 'reviews.csv'), 'id,text,label\n1,a,b\n2,a\n');
  const bad = await validateDatasetFile(meta);
  assert.equal(bad.valid, false);
  assert.match(bad.errors[0].message, /reviews\.csv:3/);
  writeFileSync(join(root, 'data', 'reviews.csv'), 'id,text,label\n1,a,b\n');
  assert.match((await validateDatasetFile(meta)).warnings.at(-1)!.message, /metadata says rows: 50, the data file has 1/);
  writeFileSync(join(root, 'data', 'reviews.csv'), 'id,text,label\n');
  assert.deepEqual((await validateDatasetFile(meta)).errors.map((e) => e.message), ['the dataset has no rows']);
  await assert.rejects(splitDatasetFile(meta), /has no rows/);
});

test('multi-file datasets pick a file by split', async () => {
  const { root } = registry();
  const meta = join(root, 'datasets', 'multi.json');
  writeFileSync(meta, JSON.stringify({ name: 'multi', files: [{ path: '../data/reviews.csv', split: 'train' }, { path: '../data/x.jsonl', split: 'test' }] }));
  await assert.rejects(loadDataset(meta), /has 2 files; choose one with a split \(train, test\)/);
  assert.equal((await loadDataset(meta, 'test')).data.format, 'jsonl');
  await assert.rejects(loadDataset(meta, 'dev'), /no file for split 'dev' \(splits: train, test\)/);
  await assert.rejects(loadDataset(join(root, 'nope.json')), /metadata file not found/);
  writeFileSync(join(root, 'broken.json'), '{\n "name": \n');
  await assert.rejects(loadDataset(join(root, 'broken.json')), /broken\.json:3: ValueExpected/);
});

test('JSONL and JSON-array datasets split into files of the same format', async () => {
  const { root } = registry();
  const rows = Array.from({ length: 20 }, (_, i) => ({ id: i, tags: ['x', i], label: i % 2 ? 'odd' : 'even' }));
  writeFileSync(join(root, 'data', 'j.jsonl'), rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  writeFileSync(join(root, 'data', 'a.json'), JSON.stringify(rows));
  for (const [name, file, format] of [['j', 'j.jsonl', 'jsonl'], ['a', 'a.json', 'json']] as const) {
    const meta = join(root, 'datasets', `${name}.json`);
    writeFileSync(meta, JSON.stringify({ name, version: '2', path: `../data/${file}` }));
    const [train, held] = await splitDatasetFile(meta, { trainRatio: 0.75, seed: 1, stratifyBy: 'label' });
    assert.equal(train.dataFile, join(root, 'data', `${name}-train.${format}`));
    const back = [...await readAllRows({ path: train.dataFile, format }), ...await readAllRows({ path: held.dataFile, format })];
    assert.equal(back.length, 20);
    assert.deepEqual(back.map((r) => r.id).sort((x, y) => Number(x) - Number(y)), rows.map((r) => r.id));
    assert.deepEqual(back.find((r) => r.id === 3), rows[3], 'nested values survive');
    assert.equal(train.metadata.rows, 15);
    assert.equal(train.metadata.sha256, sha(train.dataFile));
  }
});

/** A signal that reads as aborted from its `after`-th check on: Cancel pressed at a known row. */
function abortsAfter(after: number): AbortSignal {
  let checks = 0;
  return { get aborted() { return ++checks > after; } } as AbortSignal;
}

test('Cancel part-way through split, sample, sanitize and validate: OperationCancelled, and no file is left behind', async () => {
  const { root, meta } = registry();
  const listing = () => [...readdirSync(join(root, 'data')), ...readdirSync(join(root, 'datasets'))].sort();
  const before = listing();
  // 50 rows: split and sample count the rows first, so 60 checks stops them while writing; 50
  // stops them after the data is written, just before the metadata.
  const runs: [string, number[], (signal: AbortSignal) => Promise<unknown>][] = [
    ['split', [0, 20, 50, 60], (signal) => splitDatasetFile(meta, { signal })],
    ['sample', [0, 20, 50, 60], (signal) => sampleDatasetFile(meta, { n: 10, signal })],
    ['sanitize', [0, 20, 50], (signal) => sanitizeDatasetFile(meta, { signal })],
    ['validate', [0, 20], (signal) => validateDatasetFile(meta, { signal })],
  ];
  for (const [name, stops, run] of runs) {
    for (const after of stops) {
      await assert.rejects(run(abortsAfter(after)), OperationCancelled, `${name} cancelled after ${after} rows`);
      assert.deepEqual(listing(), before, `${name} cancelled after ${after} rows leaves nothing`);
    }
  }
  // Never aborted: the same calls write as usual.
  await splitDatasetFile(meta, { signal: new AbortController().signal });
  assert.ok(existsSync(join(root, 'datasets', 'reviews-train.json')));
});
