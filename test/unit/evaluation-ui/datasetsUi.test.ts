// The dataset commands' decisions: input checks, quick-pick items, sanitize options, messages and
// the validation report (over the core's real validate result).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sanitize } from '../../../src/core/datasets/sanitize';
import { validate } from '../../../src/core/datasets/validate';
import {
  columnItems, defaultSampleSize, overwriteQuestion, ratioProblem, sampleSizeProblem, sanitizeOptionItems, sanitizeOptions,
  sanitizeSummary, seedProblem, validationMarkdown, writtenMessage,
} from '../../../src/datasets/ui';

test('ratioProblem: strictly between 0 and 1', () => {
  for (const ok of ['0.8', ' 0.5 ', '.7', '0.999']) assert.equal(ratioProblem(ok), undefined, ok);
  for (const bad of ['', 'abc', '0', '1', '1.5', '-0.2']) assert.ok(ratioProblem(bad), bad);
});

test('seedProblem: whole numbers ≥ 0', () => {
  for (const ok of ['0', '42', ' 7 ']) assert.equal(seedProblem(ok), undefined, ok);
  for (const bad of ['', '-1', '1.5', 'x', '99999999999999999999']) assert.ok(seedProblem(bad), bad);
});

test('sampleSizeProblem: ≥ 1 and no more than the rows when known', () => {
  assert.equal(sampleSizeProblem('10', 150), undefined);
  assert.equal(sampleSizeProblem('150', 150), undefined);
  assert.match(sampleSizeProblem('151', 150)!, /has 150 rows/);
  assert.equal(sampleSizeProblem('1000000'), undefined);
  for (const bad of ['0', '-3', '2.5', '']) assert.ok(sampleSizeProblem(bad), bad);
  assert.deepEqual([defaultSampleSize(150), defaultSampleSize(3), defaultSampleSize(1e6), defaultSampleSize()], [15, 1, 1000, 100]);
});

test('columnItems: "none" first, then the label-looking column, then the rest in file order', () => {
  const items = columnItems(['sepal_length', 'sepal_width', 'species'], 'No stratification');
  assert.deepEqual(items.map((i) => i.label), ['No stratification', 'species', 'sepal_length', 'sepal_width']);
  assert.equal(items[0].value, undefined);
  assert.equal(items[1].description, 'looks like the label column');
  assert.deepEqual(columnItems(['a', 'b'], 'none').map((i) => i.value), [undefined, 'a', 'b']);
});

test('sanitize options: the core\'s defaults picked, PII off; the picks become SanitizeOptions', () => {
  const items = sanitizeOptionItems();
  assert.deepEqual(items.filter((i) => i.picked).map((i) => i.value), ['dropEmpty', 'dropDuplicates', 'stripControlCharacters']);
  const o = sanitizeOptions(['dropDuplicates', 'scrubPii'], ['text']);
  assert.deepEqual(o, { dropEmpty: false, dropDuplicates: true, stripControlCharacters: false, scrubPii: true, requiredColumns: ['text'] });
  // The options do what they say on real rows.
  const { rows, report } = sanitize([{ text: 'mail a@b.example' }, { text: 'mail a@b.example' }, { text: '' }], o);
  assert.equal(rows.length, 1);
  assert.doesNotMatch(String(rows[0].text), /a@b\.example/);
  assert.equal(sanitizeSummary(report), 'kept 1 of 3 rows; removed 1 duplicate, 1 missing required; replaced 2 e-mail addresses');
  assert.deepEqual(sanitizeOptions([], []), { dropEmpty: false, dropDuplicates: false, stripControlCharacters: false, scrubPii: false });
});

test('messages: what was written, the overwrite question', () => {
  assert.equal(
    writtenMessage('Split', [{ metadataFile: '/w/datasets/iris-train.dataset.json', metadata: { rows: 120 } }, { metadataFile: '/w/datasets/iris-test.dataset.json', metadata: { rows: 30 } }], '/w'),
    'Split: wrote datasets/iris-train.dataset.json (120 rows) and datasets/iris-test.dataset.json (30 rows).',
  );
  assert.equal(overwriteQuestion('/w/data/iris-train.csv', '/w'), 'data/iris-train.csv already exists. Overwrite it (and the other files this operation writes)?');
});

test('validationMarkdown: verdict, issues, column stats and the label distribution, escaped', () => {
  const r = validate([
    { x: '1', y: 'a', 'we|rd': '' },
    { x: '2.5', y: 'b', 'we|rd': 'z' },
    { x: '2.5', y: 'b', 'we|rd': 'z' },
  ], { labelColumn: 'y' });
  const md = validationMarkdown('toy', '/w/data/toy.csv', r, '/w');
  assert.match(md, /^# Validation of toy\n\nData file: `data\/toy\.csv`/);
  assert.match(md, r.valid ? /\*\*Valid\*\* — 3 rows, 3 columns/ : /\*\*Not valid\*\*/);
  assert.match(md, /\| x\s+\| number\s+\|\s+0 \|\s+0\.0% \|/);
  assert.match(md, /\| we\\\|rd\s+\| string\s+\|\s+1 \|\s+33\.3% \|/);
  assert.match(md, /exact duplicate rows: 1/);
  assert.match(md, /## Label distribution[\s\S]*\| b\s+\|\s+2 \|\s+66\.7% \|/);
  if (r.warnings.length) assert.match(md, /## Warnings/);

  const bad = validate([], { labelColumn: 'missing' });
  const md2 = validationMarkdown('empty', '/w/e.csv', bad);
  assert.equal(bad.valid, false);
  assert.match(md2, /\*\*Not valid\*\* — \d+ error/);
  assert.match(md2, /## Errors\n\n- /);
  assert.match(md2, /No columns/);
});
