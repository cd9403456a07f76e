// The files the quick fix creates and the skeletons offered for empty files are valid metadata.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BUILTIN_SCHEMAS } from '../../src/core/metadata/builtinSchemas';
import { SchemaValidator } from '../../src/core/metadata/schemaValidator';
import { checkDocument } from '../../src/core/metadata/validate';
import { fileTemplate, skeletonSnippet } from '../../server/templates';

const validator = new SchemaValidator();
const check = (kind: 'model' | 'dataset' | 'results', text: string) =>
  checkDocument(validator, text, kind, { key: `builtin:${kind}`, schema: BUILTIN_SCHEMAS[kind] }).diagnostics;

test('templates validate against the built-in schemas, with and without a name', () => {
  for (const kind of ['model', 'dataset', 'results'] as const) {
    assert.deepEqual(check(kind, fileTemplate(kind)), [], kind);
    assert.deepEqual(check(kind, fileTemplate(kind, 'x "quoted" name', '2.1')), [], kind);
  }
  assert.equal(JSON.parse(fileTemplate('dataset', 'news', '3')).name, 'news');
  assert.equal(JSON.parse(fileTemplate('model', 'bert', '3')).model_version, '3');
});

test('skeleton snippets, with their placeholders filled by the defaults, validate', () => {
  for (const kind of ['model', 'dataset', 'results'] as const) {
    // ${1:default} → default, $3 → empty: what the user gets by tabbing through.
    const text = skeletonSnippet(kind).replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\d+/g, '');
    const problems = check(kind, text).filter((d) => d.severity === 'error');
    assert.deepEqual(problems, [], `${kind}:\n${text}`);
  }
});
