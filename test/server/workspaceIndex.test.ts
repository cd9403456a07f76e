// The server's index follows files created, changed, renamed and deleted on disk, config changes
// and settings, across several workspace folders.
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { LspClient, until, uri } from './lspClient';
import { makeRegistry, type Registry } from './registryFixture';

let a: Registry;
let b: Registry;
let client: LspClient;
const registry = () => client.request<any>('modelops/registry', {});
const names = async (kind: 'datasets' | 'models') => (await registry())[kind].map((f: any) => f.name).sort();
const problems = async (path: string) => ((await client.workspaceDiagnostics()).get(path) ?? []).map((d) => d.code);

before(async () => {
  a = makeRegistry();
  b = makeRegistry();
  b.write('datasets/only-in-b.dataset.json', JSON.stringify({ name: 'only-b', version: '1' }));
  client = await LspClient.start({ folders: [a.root, b.root] });
});
after(async () => {
  await client.stop();
  a.dispose();
  b.dispose();
});

test('multi-root: each folder has its own registry, indexed under a progress report', async () => {
  const r = await registry();
  const kinds = client.notifications.filter((n) => n.method === '$/progress').map((n) => (n.params as any).value.kind);
  assert.deepEqual([kinds[0], kinds[kinds.length - 1]], ['begin', 'end']);
  assert.equal(r.roots.length, 2);
  assert.deepEqual(await names('datasets'), ['iris', 'iris', 'iris-clean', 'iris-clean', 'only-b']);
  const only = (await client.request<any>('modelops/registry', { folderUri: uri(b.root) })).datasets.map((d: any) => d.name).sort();
  assert.deepEqual(only, ['iris', 'iris-clean', 'only-b']);
});

test('a created file is indexed; a change is re-read; dependents are re-checked', async () => {
  const p = a.write('datasets/wiki.dataset.json', JSON.stringify({ name: 'wiki', version: '1' }));
  client.watched([{ path: p, type: 1 }]);
  await until(async () => (await names('datasets')).includes('wiki'), 5000, 'wiki indexed');
  const model = a.path('models/classifier.model.json');
  writeFileSync(a.path('datasets/iris.dataset.json'), JSON.stringify({ name: 'iris', version: '9.9' }));
  client.watched([{ path: a.path('datasets/iris.dataset.json'), type: 2 }]);
  await until(async () => (await problems(model)).includes('reference/version-mismatch'), 5000, 'version mismatch');
});

test('a renamed file: the old path disappears, references to it break, the new one is indexed', async () => {
  const from = a.path('datasets/iris-clean.dataset.json');
  const to = a.path('datasets/iris-cleaner.dataset.json');
  renameSync(from, to);
  client.watched([{ path: from, type: 3 }, { path: to, type: 1 }]);
  const model = a.path('models/classifier.model.json');
  await until(async () => (await problems(model)).includes('reference/missing-file'), 5000, 'missing file');
  const r = await registry();
  assert.ok(r.datasets.some((d: any) => d.uri === uri(to)));
  assert.ok(!r.datasets.some((d: any) => d.uri === uri(from)));
});

test('a folder made with its files, then moved, then deleted, reported once each as VS Code does', async () => {
  // As unzip or git checkout makes it: a folder of registry files, and one event for the folder.
  const dir = a.path('datasets/imported');
  a.write('datasets/imported/squad.dataset.json', JSON.stringify({ name: 'squad', version: '1' }));
  a.write('datasets/imported/deeper/mnli.dataset.json', JSON.stringify({ name: 'mnli', version: '1' }));
  a.write('datasets/imported/notes.txt', 'not metadata');
  client.watched([{ path: dir, type: 1 }]);
  await until(async () => ['mnli', 'squad'].every((n) => names('datasets').then((all) => all.includes(n))), 5000, 'the folder\'s files indexed');
  // A model referring into the folder breaks when the folder moves: one delete, one create.
  const model = a.write('models/squad-reader.model.json', JSON.stringify({
    model_name: 'squad-reader', model_version: '1',
    training_dataset: { name: 'squad', version: '1', metadata_reference: '../datasets/imported/squad.dataset.json' },
  }));
  client.watched([{ path: model, type: 1 }]);
  await until(async () => (await names('models')).includes('squad-reader'), 5000, 'the model indexed');
  assert.ok(!(await problems(model)).includes('reference/missing-file'), 'the reference resolves');
  const moved = a.path('datasets/archived');
  renameSync(dir, moved);
  client.watched([{ path: dir, type: 3 }, { path: moved, type: 1 }]);
  await until(async () => (await problems(model)).includes('reference/missing-file'), 5000, 'the reference broken by the move');
  const at = async () => (await registry()).datasets.filter((d: any) => ['squad', 'mnli'].includes(d.name)).map((d: any) => d.uri).sort();
  assert.deepEqual(await at(), [uri(a.path('datasets/archived/deeper/mnli.dataset.json')), uri(a.path('datasets/archived/squad.dataset.json'))]);
  rmSync(moved, { recursive: true });
  client.watched([{ path: moved, type: 3 }]);
  await until(async () => (await at()).length === 0, 5000, 'the deleted folder\'s files gone from the registry');
  rmSync(model);
  client.watched([{ path: model, type: 3 }]);
});

test('a deleted file leaves the index and the Problems panel', async () => {
  const p = a.path('datasets/wiki.dataset.json');
  writeFileSync(p, '{ "name": 1 }');
  client.watched([{ path: p, type: 2 }]);
  await until(async () => (await problems(p)).includes('schema/type'), 5000, 'wiki has a problem');
  rmSync(p);
  client.watched([{ path: p, type: 3 }]);
  await until(async () => !(await client.workspaceDiagnostics()).has(p), 5000, 'wiki gone from diagnostics');
  assert.ok(!(await names('datasets')).includes('wiki'));
});

test('a new modelops.config.json re-indexes the folder with its rules, without a restart', async () => {
  b.write('catalog/x.json', JSON.stringify({ name: 'from-catalog', version: '1' }));
  assert.ok(!(await names('datasets')).includes('from-catalog'));
  const config = b.write('modelops.config.json', JSON.stringify({ registries: [{ kind: 'dataset', include: ['catalog/**/*.json'] }] }));
  client.watched([{ path: config, type: 1 }]);
  await until(async () => {
    const only = (await client.request<any>('modelops/registry', { folderUri: uri(b.root) })).datasets.map((d: any) => d.name);
    return only.length === 1 && only[0] === 'from-catalog';
  }, 5000, 'the config rules to apply');
  await until(() => client.notifications.some((n) => n.method === 'modelops/indexChanged' && (n.params as any).reindexed), 5000, 'the views to be told to reload');
  // A config with a problem gets located diagnostics of its own.
  writeFileSync(config, '{ "registries": [ { "kind": "datasett", "include": ["catalog/**/*.json"] } ] }');
  client.watched([{ path: config, type: 2 }]);
  await until(async () => (await problems(config)).includes('schema/enum'), 5000, 'config diagnostics');
  rmSync(config);
  client.watched([{ path: config, type: 3 }]);
  await until(async () => (await names('datasets')).includes('only-b'), 5000, 'default rules again');
});

test("a team schema named by the config: editing it re-checks the files that use it", async () => {
  const schema = b.write('team/dataset.schema.json', JSON.stringify({ type: 'object', required: ['name'] }));
  b.write('team/d.json', JSON.stringify({ name: 'teamed' }));
  const config = b.write('modelops.config.json', JSON.stringify({ registries: [{ kind: 'dataset', include: ['team/d.json'], schema: 'team/dataset.schema.json' }] }));
  client.watched([{ path: config, type: 1 }]);
  const d = b.path('team/d.json');
  await until(async () => (await client.workspaceDiagnostics()).has(d), 5000, 'team file indexed');
  assert.deepEqual(await problems(d), []);
  writeFileSync(schema, JSON.stringify({ type: 'object', required: ['name', 'owner'] }));
  client.watched([{ path: schema, type: 2 }]);
  await until(async () => (await problems(d)).includes('schema/required'), 5000, 'the new schema to apply');
  rmSync(config);
  client.watched([{ path: config, type: 3 }]);
  await until(async () => (await names('datasets')).includes('only-b'), 5000, 'default rules again');
});

test('the registries setting applies when there is no config file', async () => {
  client.settings = { registries: [{ kind: 'dataset', include: ['catalog/**/*.json'] }] };
  void client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
  await until(async () => {
    const only = (await client.request<any>('modelops/registry', { folderUri: uri(b.root) })).datasets.map((d: any) => d.name);
    return only.length === 1 && only[0] === 'from-catalog';
  }, 5000, 'the settings rules to apply');
  client.settings = {};
  void client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
  await until(async () => (await names('datasets')).includes('only-b'), 5000, 'default rules again');
});

test('a configFile setting that names no file: a clear message, and the default layout', async () => {
  client.settings = { configFile: 'nowhere/modelops.config.json' };
  void client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
  const shown = await until(() => client.notifications.find((n) => n.method === 'window/showMessageRequest' && /nowhere\/modelops\.config\.json/.test((n.params as any).message)), 5000, 'a message');
  assert.match((shown!.params as any).message, /does not exist; using the default registry layout/);
  assert.ok((await names('datasets')).includes('only-b'));
  client.settings = {};
  void client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
});

test('workspace diagnostics: held open until something changes, then a deleted file is cleared', async () => {
  const doomed = a.write('datasets/doomed.dataset.json', '{ "name": 5 }');
  client.watched([{ path: doomed, type: 1 }]);
  await until(async () => (await problems(doomed)).length > 0, 5000, 'doomed has a problem');
  const first = await client.request<{ items: { uri: string; resultId: string }[] }>('workspace/diagnostic', { previousResultIds: [] });
  const previousResultIds = first.items.map((i) => ({ uri: i.uri, value: i.resultId }));
  let answered = false;
  const held = client.request<{ items: { uri: string; kind: string; items?: unknown[] }[] }>('workspace/diagnostic', { previousResultIds }).then((r) => { answered = true; return r; });
  // Nothing changed: no answer yet (checked after a round trip that the server has seen the request).
  await client.request('modelops/registry', {});
  assert.equal(answered, false, 'an unchanged workspace is not re-sent');
  rmSync(doomed);
  client.watched([{ path: doomed, type: 3 }]);
  const r = await held;
  const cleared = r.items.find((i) => i.uri === uri(doomed));
  assert.deepEqual(cleared && { kind: cleared.kind, items: cleared.items }, { kind: 'full', items: [] });
  assert.ok(r.items.filter((i) => i.uri !== uri(doomed)).every((i) => i.kind === 'unchanged'), 'the rest is unchanged');
});

test('a folder added to and removed from the workspace', async () => {
  const c = makeRegistry();
  c.write('datasets/c.dataset.json', JSON.stringify({ name: 'only-c' }));
  void client.conn.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [{ uri: uri(c.root), name: 'c' }], removed: [] } });
  await until(async () => (await names('datasets')).includes('only-c'), 5000, 'folder c indexed');
  void client.conn.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [{ uri: uri(c.root), name: 'c' }] } });
  await until(async () => !(await names('datasets')).includes('only-c'), 5000, 'folder c gone');
  c.dispose();
});
