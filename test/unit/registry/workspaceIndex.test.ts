import assert from 'node:assert/strict';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { WorkspaceIndex } from '../../../src/core/registry/workspaceIndex';
import { workspace, write } from '../../support/tmp';

const dataset = (name: string, version = '1.0', extra: object = {}) => ({ name, version, taxonomy: ['web/news'], ...extra });
const model = (name: string, ref: object) => ({ model_name: name, model_version: '1', training_dataset: ref });

function codes(index: WorkspaceIndex, rel: string): string[] {
  return index.diagnostics(join(index.root, rel)).map((d) => d.code);
}

test('references resolve relative to the referencing file and must name the target', async () => {
  const root = workspace({
    'datasets/news.dataset.json': dataset('news', '2.0'),
    'models/ok.model.json': model('ok', { name: 'news', version: '2.0', metadata_reference: '../datasets/news.dataset.json' }),
    'models/renamed.model.json': model('renamed', { name: 'newz', version: '1.0', metadata_reference: '../datasets/news.dataset.json' }),
    'models/missing.model.json': model('missing', { name: 'x', version: '1', metadata_reference: '../datasets/nope.dataset.json' }),
    'models/escape.model.json': model('escape', { name: 'x', version: '1', metadata_reference: '../../../etc/passwd' }),
    'models/wrongkind.model.json': model('wrongkind', { name: 'ok', version: '1', metadata_reference: './ok.model.json' }),
  });
  const index = await WorkspaceIndex.load(root);
  assert.deepEqual(codes(index, 'models/ok.model.json'), []);
  assert.deepEqual(codes(index, 'models/renamed.model.json'), ['reference/name-mismatch', 'reference/version-mismatch']);
  const mismatch = index.diagnostics(join(root, 'models/renamed.model.json'))[0];
  assert.equal(mismatch.message, 'Name "newz" does not match the referenced file, which declares "news"');
  assert.equal(mismatch.pointer, '/training_dataset/name');
  assert.deepEqual(mismatch.fix && { kind: mismatch.fix.kind, text: 'text' in mismatch.fix ? mismatch.fix.text : '' }, { kind: 'replace', text: '"news"' });
  const missing = index.diagnostics(join(root, 'models/missing.model.json'));
  assert.deepEqual(missing.map((d) => d.code), ['reference/missing-file']);
  assert.equal(missing[0].fix?.kind, 'createFile');
  assert.equal(missing[0].pointer, '/training_dataset/metadata_reference');
  assert.deepEqual(codes(index, 'models/escape.model.json'), ['reference/outside-workspace']);
  assert.deepEqual(codes(index, 'models/wrongkind.model.json'), ['reference/wrong-kind']);
  assert.deepEqual(index.referencesTo(join(root, 'datasets/news.dataset.json')).map((r) => r.from.rel), ['models/ok.model.json', 'models/renamed.model.json']);
});

test('a derived_from cycle is named on every member; breaking it clears them', async () => {
  const ref = (n: string) => ({ name: n, version: '1.0', metadata_reference: `./${n}.dataset.json` });
  const root = workspace({
    'd/a.dataset.json': dataset('a', '1.0', { derived_from: [ref('c')] }),
    'd/b.dataset.json': dataset('b', '1.0', { derived_from: [ref('a')] }),
    'd/c.dataset.json': dataset('c', '1.0', { derived_from: [ref('b')] }),
    'd/root.dataset.json': dataset('root'),
  });
  const index = await WorkspaceIndex.load(root);
  for (const n of ['a', 'b', 'c']) {
    const diags = index.diagnostics(join(root, `d/${n}.dataset.json`));
    assert.equal(diags.length, 1, n);
    assert.equal(diags[0].code, 'lineage/cycle');
    assert.match(diags[0].message, /^derived_from forms a cycle: d\/\w\.dataset\.json → d\/\w\.dataset\.json → d\/\w\.dataset\.json → d\/\w\.dataset\.json$/);
  }
  const changed = index.update(join(root, 'd/a.dataset.json'), JSON.stringify(dataset('a', '1.0', { derived_from: [ref('root')] })));
  assert.ok(changed.includes(join(root, 'd/c.dataset.json')));
  for (const n of ['a', 'b', 'c']) assert.deepEqual(codes(index, `d/${n}.dataset.json`), []);
});

test('editing or deleting a target re-checks the files that reference it', async () => {
  const root = workspace({
    'news.dataset.json': dataset('news'),
    'm.model.json': model('m', { name: 'news', version: '1.0', metadata_reference: './news.dataset.json' }),
  });
  const index = await WorkspaceIndex.load(root);
  const target = join(root, 'news.dataset.json');
  const changed = index.update(target, JSON.stringify(dataset('news', '1.1')));
  assert.ok(changed.includes(join(root, 'm.model.json')));
  assert.deepEqual(codes(index, 'm.model.json'), ['reference/version-mismatch']);
  rmSync(target);
  await index.refresh(target); // as a watcher reports a deletion
  assert.deepEqual(codes(index, 'm.model.json'), ['reference/missing-file']);
});

test('taxonomy: an unknown path warns with the nearest one; results naming unknown models warn', async () => {
  const root = workspace({
    'x.dataset.json': dataset('x', '1.0', { taxonomy: ['web/newz', 'specific_datasets/finance'] }),
    'r.results.json': { model: { name: 'ghost', version: '1' }, dataset: { name: 'x', version: '1.0' }, metrics: { accuracy: 0.5 } },
  });
  const index = await WorkspaceIndex.load(root);
  const tax = index.diagnostics(join(root, 'x.dataset.json'));
  assert.deepEqual(tax.map((d) => [d.severity, d.code, d.message]), [['warning', 'taxonomy/unknown', 'Unknown taxonomy path "web/newz". Did you mean "web/news"?']]);
  assert.deepEqual(index.diagnostics(join(root, 'r.results.json')).map((d) => [d.severity, d.code]), [['warning', 'results/unknown-model']]);
  // Adding the model resolves the warning.
  const m = write(root, 'ghost.model.json', { model_name: 'ghost' });
  await index.refresh(m);
  assert.deepEqual(codes(index, 'r.results.json'), []);
});

test('.gitignored folders and node_modules are skipped', async () => {
  const root = workspace({
    '.gitignore': 'build/\n',
    'build/x.model.json': '{',
    'node_modules/pkg/y.model.json': '{',
    'real.model.json': { model_name: 'real' },
  });
  mkdirSync(join(root, 'empty'));
  const index = await WorkspaceIndex.load(root);
  assert.deepEqual(index.filesOf().map((f) => f.rel), ['real.model.json']);
});

test("a config points folders at a team's own schemas; a file's $schema wins", async () => {
  const own = { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', required: ['id'], properties: { id: { type: 'string' } } };
  const root = workspace({
    'modelops.config.json': { registries: [{ kind: 'model', include: ['hub/*.json'], schema: 'hub-schema.json' }] },
    'hub-schema.json': own,
    'hub/a.json': { id: 'org/a' },
    'hub/b.json': { name: 'no id' },
    'hub/c.json': { $schema: 'https://modelops.dev/schemas/model.schema.json', model_name: 'c' },
    'ignored.model.json': '{', // not in the config's registries any more
  });
  const index = await WorkspaceIndex.load(root);
  assert.deepEqual(index.filesOf().map((f) => f.rel), ['hub/a.json', 'hub/b.json', 'hub/c.json']);
  assert.deepEqual(codes(index, 'hub/a.json'), []);
  assert.deepEqual(codes(index, 'hub/b.json'), ['schema/required']);
  assert.deepEqual(codes(index, 'hub/c.json'), []);
  assert.equal(index.get(join(root, 'hub/a.json'))?.name, 'org/a');
});

test('a config that is itself wrong is reported, and a broken team schema is a clear error', async () => {
  const root = workspace({
    'modelops.config.json': { registries: [{ kind: 'modle', include: ['*.json'] }, { kind: 'model', include: ['m/*.json'], schema: 'missing.json' }] },
    'm/a.json': { id: 'x' },
  });
  const index = await WorkspaceIndex.load(root);
  assert.ok(index.configDiagnostics.some((d) => d.pointer === '/registries/0/kind'));
  const d = index.diagnostics(join(root, 'm/a.json'));
  assert.equal(d[0].code, 'schema/unavailable');
  assert.match(d[0].message, /missing\.json: file does not exist/);
});
