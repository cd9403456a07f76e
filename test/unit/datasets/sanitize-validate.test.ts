import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sanitize } from '../../../src/core/datasets/sanitize';
import { validate } from '../../../src/core/datasets/validate';

test('sanitize: drops empty, duplicate and incomplete rows, strips control characters, reports why', () => {
  const rows = [
    { text: 'hello\u0007 world', label: 'a' },
    { text: '', label: '' },
    { text: 'hello world', label: 'a' }, // same as row 1 once cleaned
    { text: 'no label', label: ' ' },
    { text: 'tab\tand\nnewline kept', label: 'b' },
  ];
  const { rows: out, report } = sanitize(rows, { requiredColumns: ['label'] });
  assert.deepEqual(out, [{ text: 'hello world', label: 'a' }, { text: 'tab\tand\nnewline kept', label: 'b' }]);
  assert.equal(report.rows_in, 5);
  assert.equal(report.rows_out, 2);
  assert.deepEqual(report.removed, { empty: 1, duplicate: 1, missing_required: 1 });
  assert.equal(report.modified.control_characters, 1);
  assert.deepEqual(report.examples, [
    { row: 2, reason: 'empty' },
    { row: 3, reason: 'duplicate' },
    { row: 4, reason: 'missing_required', detail: 'label' },
  ]);
});

test('sanitize: PII scrubbing replaces e-mails and phone numbers but not decimals or dates', () => {
  const rows = [{ t: 'mail jo.doe+x@example.co.uk or call +1 555 123 4567 / (555) 123-4567', v: '1234.5678', d: '2024-01-15' }];
  const { rows: out, report } = sanitize(rows, { scrubPii: true });
  assert.equal(out[0].t, 'mail [EMAIL] or call [PHONE] / [PHONE]');
  assert.equal(out[0].v, '1234.5678');
  assert.equal(out[0].d, '2024-01-15');
  assert.deepEqual(report.modified, { control_characters: 0, emails: 1, phones: 2 });
  assert.equal(sanitize(rows).rows[0].t, rows[0].t, 'no scrubbing unless asked');
});

test('validate: stats with inferred types, missing values, label distribution, duplicates', () => {
  const rows = [
    { x: '1', y: '2.5', label: 'a', note: 'hi' },
    { x: '2', y: '', label: 'b', note: 'hi' },
    { x: '2', y: '', label: 'b', note: 'hi' },
    { x: 'three', y: '1e3', label: 'a' },
  ];
  const r = validate(rows, { labelColumn: 'label' });
  assert.equal(r.valid, true);
  assert.deepEqual(r.errors, []);
  assert.deepEqual(r.stats.columns, [
    { name: 'x', type: 'mixed', missing: 0 },
    { name: 'y', type: 'number', missing: 2 },
    { name: 'label', type: 'string', missing: 0 },
    { name: 'note', type: 'string', missing: 1 },
  ]);
  assert.deepEqual(r.stats.label_distribution, { a: 2, b: 2 });
  assert.equal(r.stats.duplicates, 1);
  assert.deepEqual(r.warnings.map((w) => w.message).sort(), [
    "column 'note' has 1 missing value",
    "column 'x' mixes value types",
    "column 'y' has 2 missing values",
    '1 duplicate row',
  ].sort());
});

test('validate: empty dataset, missing label column, missing labels are errors; one class is a warning', () => {
  assert.deepEqual(validate([]).errors.map((e) => e.message), ['the dataset has no rows']);
  const noLabel = validate([{ a: 1 }], { labelColumn: 'species' });
  assert.equal(noLabel.valid, false);
  assert.match(noLabel.errors[0].message, /label column 'species' does not exist; columns: a/);
  const gaps = validate([{ a: 1, y: 'p' }, { a: 2, y: '' }], { labelColumn: 'y' });
  assert.equal(gaps.valid, false);
  assert.match(gaps.errors[0].message, /column 'y' has 1 missing value/);
  const one = validate([{ y: 'p' }, { y: 'p' }], { labelColumn: 'y' });
  assert.equal(one.valid, true);
  assert.ok(one.warnings.some((w) => /single class/.test(w.message)));
});
