// `modelops dataset split|sample|sanitize|validate` through the built CLI, on a copy of the examples.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { modelops, REPO } from '../support/cli';
import { copyInto, workspace } from '../support/tmp';

const root = workspace();
copyInto(root, join(REPO, 'examples'), 'examples');
const ex = join(root, 'examples');
const json = (p: string) => JSON.parse(readFileSync(join(ex, p), 'utf8'));

test('split refuses to overwrite existing files, then writes train/test with lineage; --force is reproducible', () => {
  const before = readFileSync(join(ex, 'data', 'iris-train.csv'), 'utf8');
  let r = modelops(['dataset', 'split', 'datasets/iris.dataset.json'], ex);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /iris-train\.csv already exists \(use --force to overwrite\)/);
  assert.equal(readFileSync(join(ex, 'data', 'iris-train.csv'), 'utf8'), before);

  r = modelops(['dataset', 'split', 'datasets/iris-clean.dataset.json', '--ratio', '0.7', '--seed', '5', '--stratify', 'species'], ex);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^wrote datasets\/iris-clean-train\.dataset\.json \(\d+ rows, data data\/iris-clean-train\.csv\)\nwrote datasets\/iris-clean-test\.dataset\.json/);
  const train = json('datasets/iris-clean-train.dataset.json');
  const held = json('datasets/iris-clean-test.dataset.json');
  const parent = json('datasets/iris-clean.dataset.json');
  assert.equal(train.rows + held.rows, parent.rows);
  assert.equal(train.name, 'iris-clean-train');
  assert.equal(train.path, '../data/iris-clean-train.csv');
  assert.deepEqual(train.derived_from, [{ name: 'iris-clean', version: parent.version, metadata_reference: './iris-clean.dataset.json', transform: 'split train_ratio=0.7 seed=5 stratify_by=species, train part' }]);
  assert.equal(train.log.length, (Array.isArray(parent.log) ? parent.log.length : 1) + 1);
  assert.equal(train.log.at(-1).action, 'split');

  r = modelops(['dataset', 'split', 'datasets/iris-clean.dataset.json', '--ratio', '0.7', '--seed', '5', '--stratify', 'species', '--force'], ex);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(json('datasets/iris-clean-train.dataset.json').sha256, train.sha256);
});

test('sample and sanitize', () => {
  let r = modelops(['dataset', 'sample', 'datasets/iris.dataset.json', '--n', '10', '--seed', '1', '--format', 'json'], ex);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).metadata.rows, 10);
  assert.equal(json('datasets/iris-sample-10.dataset.json').derived_from[0].transform, 'sample n=10 seed=1');
  r = modelops(['dataset', 'sanitize', 'datasets/iris.dataset.json', '--require', 'species', '--name', 'iris-dedup', '--out', 'datasets/iris-dedup.dataset.json'], ex);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /kept 149 of 150 rows; removed 0 empty, 1 duplicate, 0 missing a required column/);
  assert.match(r.stdout, /row 143: duplicate/);
  const m = json('datasets/iris-dedup.dataset.json');
  assert.equal(m.name, 'iris-dedup');
  assert.equal(m.rows, 149);
  assert.equal(m.collection_date, json('datasets/iris.dataset.json').collection_date);
});

test('validate: stats, exit 1 when invalid; usage errors exit 2', () => {
  let r = modelops(['dataset', 'validate', 'datasets/iris.dataset.json', '--label', 'species'], ex);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^data\/iris\.csv: valid, 150 rows, 5 columns, 1 duplicates\n  sepal_length: number\n/);
  assert.match(r.stdout, /labels: setosa 50, versicolor 50, virginica 50/);
  assert.match(r.stdout, /warning: 1 duplicate row/);
  r = modelops(['dataset', 'validate', 'datasets/iris.dataset.json', '--label', 'kind'], ex);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /error: label column 'kind' does not exist; columns: sepal_length, sepal_width, petal_length, petal_width, species/);
  r = modelops(['dataset', 'split', 'datasets/iris.dataset.json', '--n', '3'], ex);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--n does not apply to 'dataset split'/);
  r = modelops(['dataset', 'shuffle', 'datasets/iris.dataset.json'], ex);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /unknown operation 'shuffle'/);
  r = modelops(['dataset', 'split', 'datasets/iris.dataset.json', '--ratio', '1.5'], ex);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--ratio takes a number between 0 and 1/);
});

test('Ctrl-C while split writes: exit 130, "nothing was written", and no file (not even a temp file) is left', async () => {
  // A big copy of iris, so the split is still writing when the interrupt comes.
  const rows = readFileSync(join(ex, 'data', 'iris.csv'), 'utf8').trim().split('\n');
  writeFileSync(join(ex, 'data', 'iris-huge.csv'), rows[0] + '\n' + (rows.slice(1).join('\n') + '\n').repeat(5_000));
  writeFileSync(join(ex, 'datasets', 'iris-huge.dataset.json'), JSON.stringify({ name: 'iris-huge', version: '1.0', format: 'csv', path: '../data/iris-huge.csv' }));
  const listing = () => [...readdirSync(join(ex, 'data')), ...readdirSync(join(ex, 'datasets'))].sort();
  const before = listing();
  const child = spawn(process.execPath, [join(REPO, 'dist', 'cli.js'), 'dataset', 'split', 'datasets/iris-huge.dataset.json'], { cwd: ex });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => { stderr += d; });
  const exited = new Promise<number | null>((ok) => child.on('exit', (code) => ok(code)));
  // Its temp data files appear once the rows are being written: then interrupt, as a person would.
  const deadline = Date.now() + 60_000;
  while (!readdirSync(join(ex, 'data')).some((n) => n.startsWith('.iris-huge-train.csv.'))) {
    assert.ok(Date.now() < deadline, `the split never started writing: ${stderr}`);
    await new Promise((r) => setTimeout(r, 5));
  }
  child.kill('SIGINT');
  assert.equal(await exited, 130, stderr);
  assert.match(stderr, /modelops dataset split: cancelled: nothing was written/);
  assert.deepEqual(listing(), before);
});
