import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { BUILTIN_SCHEMAS } from '../../../src/core/metadata/builtinSchemas';
import { LineIndex } from '../../../src/core/metadata/positions';
import { SchemaValidator } from '../../../src/core/metadata/schemaValidator';
import { checkDocument } from '../../../src/core/metadata/validate';
import type { Kind } from '../../../src/core/metadata/types';

const USERS = join(__dirname, '..', '..', '..', '..', 'shared', 'user-examples');
const validator = new SchemaValidator();

/** Problems as `line:col severity code message` (1-based), the way a person reads them. */
function check(text: string, kind: Kind, schema: object = BUILTIN_SCHEMAS[kind]) {
  const { diagnostics } = checkDocument(validator, text, kind, { key: `test:${kind}:${JSON.stringify(schema).length}`, schema });
  const lines = new LineIndex(text);
  return diagnostics.map((d) => {
    const r = lines.rangeOf(d.offset, d.length);
    return { at: `${r.start.line + 1}:${r.start.character + 1}-${r.end.line + 1}:${r.end.character + 1}`, severity: d.severity, code: d.code, message: d.message, pointer: d.pointer, fix: d.fix };
  });
}

test("the users' model example validates as is", () => {
  assert.deepEqual(check(readFileSync(join(USERS, 'model_metadata.json'), 'utf8'), 'model'), []);
});

test("the users' dataset example: one syntax error at the missing comma, with a fix, and a date warning", () => {
  const text = readFileSync(join(USERS, 'dataset_metadata.json'), 'utf8');
  const found = check(text, 'dataset');
  assert.equal(found.filter((d) => d.severity === 'error').length, 1);
  const [syntax, date] = found;
  assert.equal(syntax.at, '4:3-4:9'); // the token after the missing comma, as VS Code's JSON marks it
  assert.equal(syntax.code, 'syntax');
  assert.match(syntax.message, /Missing comma/);
  assert.equal(syntax.pointer, '/size');
  // The fix puts the comma right after the log string on line 3.
  assert.ok(syntax.fix?.kind === 'insert');
  const fixed = text.slice(0, syntax.fix.offset) + syntax.fix.text + text.slice(syntax.fix.offset);
  assert.equal(fixed.split('\n')[2], '  "log": "description log of how dataset was updated over",');
  assert.deepEqual(date, {
    at: '11:22-11:32', severity: 'warning', code: 'format/date', pointer: '/collection_date', fix: undefined,
    message: '"01/01/00" is not a valid date (expected YYYY-MM-DD, e.g. 2024-05-01)',
  });
  // After the fix, it validates against the dataset schema with only the date warning left.
  assert.deepEqual(check(fixed, 'dataset').map((d) => d.code), ['format/date']);
});

test('an unknown property is marked at its key, with a did-you-mean fix', () => {
  const found = check('{\n  "model_name": "m",\n  "model_verison": "1.0"\n}', 'model');
  assert.equal(found.length, 1);
  assert.equal(found[0].at, '3:3-3:18');
  assert.equal(found[0].code, 'schema/unknown-property');
  assert.equal(found[0].message, 'Property "model_verison" is not allowed. Did you mean "model_version"?');
  assert.deepEqual(found[0].fix, { kind: 'replace', offset: 25, length: 15, text: '"model_version"', title: 'Rename to "model_version"' });
});

test('a missing required property is marked at the parent key, once for all missing names', () => {
  const found = check('{\n  "model_name": "m",\n  "training_dataset": {"version": "1"}\n}', 'model');
  assert.equal(found.length, 1);
  assert.equal(found[0].at, '3:3-3:21');
  assert.equal(found[0].message, 'Missing required property "name"');
  assert.equal(found[0].pointer, '/training_dataset');
  const root = check('{}', 'model');
  assert.equal(root[0].at, '1:1-1:2'); // the root's opening brace
  assert.equal(root[0].message, 'Missing required property "model_name"');
});

test('a wrong type is marked at the value', () => {
  const found = check('{"model_name": "m", "model_authors": "Ada"}', 'model');
  assert.equal(found.length, 1);
  assert.equal(found[0].at, '1:38-1:43');
  assert.equal(found[0].message, 'Incorrect type: expected array, got string');
});

test('anyOf/oneOf report the closest branch, not a wall of errors', () => {
  // `size` is a string or an integer: a boolean fits neither, said once.
  const found = check('{"name": "d", "size": true}', 'dataset');
  assert.equal(found.length, 1, JSON.stringify(found));
  assert.match(found[0].message, /^Incorrect type: expected (string or integer|integer or string), got boolean$/);
  // `log` entries: a record missing its required `date` gets that one message, not the string branch's.
  const log = check('{"name": "d", "log": [{"action": "split"}]}', 'dataset');
  assert.equal(log.length, 1, JSON.stringify(log));
  assert.match(log[0].message, /Missing required property "date"/);
});

test('an enum error suggests the nearest value', () => {
  const found = check('{"model_name": "m", "training": {"command": "x", "target": "slrum"}}', 'model');
  assert.equal(found.length, 1);
  assert.match(found[0].message, /Did you mean "slurm"\?/);
});

test('syntax: trailing commas, comments, duplicate keys, NaN, empty files and deep nesting', () => {
  const trailing = check('{"name": "d",}', 'dataset');
  assert.equal(trailing[0].message, 'Trailing comma is not allowed in JSON');
  assert.equal(trailing[0].at, '1:13-1:14');
  assert.equal(check('{"name": "d" // hi\n}', 'dataset')[0].message, 'Comments are not allowed in JSON');
  const dup = check('{"name": "a", "name": "b"}', 'dataset');
  assert.deepEqual(dup.map((d) => [d.severity, d.at, d.message]), [['warning', '1:15-1:21', 'Duplicate key "name": only the last value is kept']]);
  const nan = check('{"model_name": "m", "hyperparameters": {"dropout": NaN}}', 'model');
  assert.equal(nan.length, 1, JSON.stringify(nan)); // a number to the schema, but not JSON
  assert.equal(nan.find((d) => d.code === 'non-standard-number')?.at, '1:52-1:55');
  assert.equal(check('', 'dataset')[0].message, 'Empty file: expected a JSON object');
  const deep = check('['.repeat(10000) + ']'.repeat(10000), 'dataset');
  assert.equal(deep.length, 1);
  assert.equal(deep[0].code, 'too-deep');
});

test('a BOM does not shift positions', () => {
  const found = check('\uFEFF{"name": 1}', 'dataset');
  assert.equal(found[0].at, '1:11-1:12');
});

test("a team's own draft-07 schema is honoured, formats as warnings", () => {
  const schema = { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', required: ['id'], properties: { id: { type: 'string' }, last_updated: { type: 'string', format: 'date' } } };
  const found = check('{"id": "x", "last_updated": "2024-12-04 11:23:57.995135"}', 'model', schema);
  assert.deepEqual(found.map((d) => [d.severity, d.code]), [['warning', 'format/date']]);
  const draft4 = { $schema: 'http://json-schema.org/draft-04/schema#', type: 'object', properties: { n: { type: 'integer', minimum: 0 } } };
  assert.equal(check('{"n": -1}', 'model', draft4)[0].message, 'Value must be >= 0');
});
