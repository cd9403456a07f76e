import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { modelops } from '../support/cli';
import { copyInto, workspace, write } from '../support/tmp';

const CORPUS = join(__dirname, '..', '..', '..', 'shared', 'corpus', 'llm-pretraining-behaviours');
const USERS = join(__dirname, '..', '..', '..', 'shared', 'user-examples');

test("the research group's corpus, through a config pointing at their own schemas: 0 errors on 331 files, format breaks as warnings", () => {
  const root = workspace();
  copyInto(root, CORPUS, 'metadata');
  write(root, 'metadata/modelops.config.json', {
    registries: [
      { kind: 'model', include: ['model_metadata/*.json'], schema: 'model_metadata_schema.json' },
      { kind: 'dataset', include: ['dataset_metadata/*.json'], schema: 'dataset_metadata_schema.json' },
      { kind: 'results', include: ['model_scores/*.json'], schema: 'model_results_schema.json' },
    ],
  });
  const r = modelops(['validate', 'metadata', '--format', 'json'], root);
  const out = JSON.parse(r.stdout);
  assert.equal(out.files, 331);
  assert.equal(out.errors, 0, JSON.stringify(out.diagnostics.filter((d: any) => d.severity === 'error').slice(0, 5)));
  assert.equal(r.code, 0);
  // The value the corpus README names breaks its declared format: listed, as a warning.
  const lastUpdated = out.diagnostics.filter((d: any) => d.code === 'format/date' && d.message.startsWith('"2024-12-04 11:23:57.995135"'));
  assert.ok(lastUpdated.length > 0);
  assert.ok(lastUpdated.some((d: any) => d.file === 'metadata/model_scores/results_01-ai__Yi-34B.json'));
});

test('text format: path:line:col: severity: message [code], a summary line, exit 1 on errors', () => {
  const root = workspace();
  copyInto(root, join(USERS, 'dataset_metadata.json'), 'dataset_metadata/dataset_metadata.json');
  const r = modelops(['validate'], root);
  assert.equal(r.code, 1);
  assert.equal(r.stdout, [
    "dataset_metadata/dataset_metadata.json:4:3: error: Missing comma: add ',' after the previous value [syntax]",
    'dataset_metadata/dataset_metadata.json:11:22: warning: "01/01/00" is not a valid date (expected YYYY-MM-DD, e.g. 2024-05-01) [format/date]',
    '1 files checked: 1 error, 1 warning',
    '',
  ].join('\n'));
});

test('json format: 0-based LSP ranges, files relative to the cwd, JSON Pointers', () => {
  const root = workspace({ 'm.model.json': '{\n  "model_name": 3\n}\n' });
  const r = modelops(['validate', '--format', 'json'], root);
  assert.equal(r.code, 1);
  assert.deepEqual(JSON.parse(r.stdout), {
    files: 1, errors: 1, warnings: 0,
    diagnostics: [{
      file: 'm.model.json', range: { start: { line: 1, character: 16 }, end: { line: 1, character: 17 } },
      severity: 'error', code: 'schema/type', message: 'Incorrect type: expected string, got integer', pointer: '/model_name',
    }],
  });
});

test('github format: workflow annotations with escaped properties', () => {
  const root = workspace({ 'a,b.model.json': '{"model_name": "m", "model_training_date": "yesterday"}' });
  const r = modelops(['validate', '--format', 'github'], root);
  assert.equal(r.code, 0); // a format problem is a warning
  assert.equal(r.stdout.split('\n')[0], '::warning file=a%2Cb.model.json,line=1,col=44,endLine=1,endColumn=55,title=format/date::"yesterday" is not a valid date (expected YYYY-MM-DD, e.g. 2024-05-01)');
});

test('--max-warnings fails on too many warnings; usage errors exit 2', () => {
  const root = workspace({ 'm.model.json': '{"model_name": "m", "model_training_date": "yesterday"}' });
  assert.equal(modelops(['validate', '--max-warnings', '0'], root).code, 1);
  assert.equal(modelops(['validate', '--max-warnings', '1'], root).code, 0);
  const bad = modelops(['validate', '--format', 'xml'], root);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /unknown format 'xml'/);
  const missing = modelops(['validate', 'nowhere'], root);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /nowhere: no such file or folder/);
  assert.equal(modelops(['validate', '--bogus'], root).code, 2);
});

test('bad inputs get clear messages, never a stack trace', () => {
  const root = workspace();
  writeFileSync(join(root, 'binary.model.json'), Buffer.from([0x7b, 0x00, 0x01, 0x02]));
  mkdirSync(join(root, 'dir.model.json'));
  symlinkSync('loop-b.model.json', join(root, 'loop-a.model.json'));
  symlinkSync('loop-a.model.json', join(root, 'loop-b.model.json'));
  writeFileSync(join(root, 'huge.model.json'), '{"model_name": "' + 'x'.repeat(50 * 1024 * 1024) + '"}');
  const r = modelops(['validate'], root);
  assert.equal(r.code, 1);
  assert.doesNotMatch(r.stdout + r.stderr, /\n\s+at /); // no stack frames
  assert.match(r.stdout, /binary\.model\.json:1:1: error: binary file \(contains NUL bytes\), not JSON text \[io\]/);
  assert.match(r.stdout, /huge\.model\.json:1:1: error: file is too large to validate \(50\.0 MB; the limit is 20 MB\) \[io\]/);
  // Named explicitly, a symlink loop and a directory are still answered clearly.
  const loop = modelops(['validate', 'loop-a.model.json'], root);
  assert.equal(loop.code, 2);
  assert.match(loop.stderr, /loop-a\.model\.json: .*symbolic links/);
  const dir = modelops(['validate', 'dir.model.json'], root);
  assert.equal(dir.code, 2);
  assert.match(dir.stderr, /dir\.model\.json: is a directory, not a JSON file/);
});
