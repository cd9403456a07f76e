import { test } from 'node:test';
import assert from 'node:assert/strict';
import { split, assignSplit } from '../../../src/core/datasets/split';
import { sample, chooseIndices } from '../../../src/core/datasets/sample';

const rows = Array.from({ length: 100 }, (_, i) => ({ id: i, label: i < 70 ? 'a' : i < 90 ? 'b' : 'c' }));

test('split: exact ratio, every row once, order kept, same seed same rows', () => {
  const { train, test: held } = split(rows, { trainRatio: 0.8, seed: 42 });
  assert.equal(train.length, 80);
  assert.equal(held.length, 20);
  assert.deepEqual([...train, ...held].map((r) => r.id).sort((a, b) => a - b), rows.map((r) => r.id));
  assert.deepEqual(train.map((r) => r.id), [...train.map((r) => r.id)].sort((a, b) => a - b));
  assert.deepEqual(split(rows, { trainRatio: 0.8, seed: 42 }).train, train);
  assert.notDeepEqual(split(rows, { trainRatio: 0.8, seed: 7 }).train, train);
});

test('split: stratified keeps each class in proportion', () => {
  const { train, test: held } = split(rows, { trainRatio: 0.8, seed: 1, stratifyBy: 'label' });
  const count = (xs: typeof rows, l: string) => xs.filter((r) => r.label === l).length;
  assert.deepEqual([count(train, 'a'), count(train, 'b'), count(train, 'c')], [56, 16, 8]);
  assert.deepEqual([count(held, 'a'), count(held, 'b'), count(held, 'c')], [14, 4, 2]);
});

test('split: ratio out of range is refused', () => {
  assert.throws(() => assignSplit(10, 1), /between 0 and 1/);
  assert.throws(() => assignSplit(10, 0), /between 0 and 1/);
});

test('sample: n distinct rows, original order, reproducible', () => {
  const s = sample(rows, 10, 3);
  assert.equal(s.length, 10);
  assert.equal(new Set(s.map((r) => r.id)).size, 10);
  assert.deepEqual(s.map((r) => r.id), [...s.map((r) => r.id)].sort((a, b) => a - b));
  assert.deepEqual(sample(rows, 10, 3), s);
  assert.notDeepEqual(sample(rows, 10, 4), s);
  assert.equal(sample(rows, 100, 0).length, 100);
  assert.throws(() => sample(rows, 101), /cannot sample 101 rows from a dataset of 100/);
  assert.throws(() => chooseIndices(5, -1), /whole number/);
});

test('sample: uniform enough (each index picked about n/N of the time)', () => {
  const hits = new Array(20).fill(0);
  for (let seed = 0; seed < 2000; seed++) for (const i of chooseIndices(20, 5, seed)) hits[i] += 1;
  // Expected 500 each; allow a wide margin.
  for (const h of hits) assert.ok(h > 400 && h < 600, `index hit ${h} times`);
});

test('split: stratified totals are exact even when every stratum rounds the same way', () => {
  const keys = ['a', 'a', 'a', 'a', 'a', 'b', 'b', 'b', 'b', 'b', 'c', 'c', 'c', 'c', 'c'];
  const mask = assignSplit(keys, 0.5, 0);
  const per = (k: string) => keys.filter((x, i) => x === k && mask[i]).length;
  assert.equal(mask.reduce((a, b) => a + b, 0), 8); // round(15 · 0.5)
  assert.deepEqual(['a', 'b', 'c'].map(per).sort(), [2, 3, 3]);
  const twenty = Array.from({ length: 20 }, (_, i) => (i % 2 ? 'odd' : 'even'));
  assert.equal(assignSplit(twenty, 0.75, 1).reduce((a, b) => a + b, 0), 15);
});

test('the Dataset API: load, split, sample, sanitize, validate, save', async () => {
  const { Dataset } = await import('../../../src/core/datasets/dataset');
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const dir = mkdtempSync(join(tmpdir(), 'modelops-dataset-'));
  writeFileSync(join(dir, 'd.csv'), 'x,y\n' + Array.from({ length: 10 }, (_, i) => `${i},${i % 2}`).join('\n') + '\n1,1\n');
  const d = await Dataset.load(join(dir, 'd.csv'));
  assert.equal(d.length, 11);
  const { train, test: held } = d.split(0.8, 7, 'y');
  assert.equal(train.length + held.length, 11);
  assert.deepEqual(d.split(0.8, 7, 'y').train.rows, train.rows);
  assert.equal(d.sample(3, 1).length, 3);
  const { dataset: clean, report } = d.sanitize();
  assert.equal(report.removed.duplicate, 1);
  assert.equal(d.validate({ labelColumn: 'y' }).stats.duplicates, 1);
  await clean.save(join(dir, 'clean.jsonl'));
  assert.deepEqual((await Dataset.load(join(dir, 'clean.jsonl'))).rows, clean.rows);
  await assert.rejects(clean.save(join(dir, 'clean.jsonl')), /already exists/);
});
