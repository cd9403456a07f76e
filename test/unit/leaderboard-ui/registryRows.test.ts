import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { URI } from 'vscode-uri';
import { buildRows } from '../../../src/core/leaderboard';
import { WorkspaceIndex } from '../../../src/core/registry/workspaceIndex';
import type { RegistryFile, RegistryResult } from '../../../src/core/protocol';
import { rowsFromRegistry } from '../../../src/leaderboard/registryRows';

const EXAMPLES = join(__dirname, '..', '..', '..', 'examples');
const uri = (path: string) => URI.file(path).toString();

function file(path: string, rel: string, kind: RegistryFile['kind'], data: unknown): RegistryFile {
  return { uri: uri(path), rel, kind, data, errors: 0, warnings: 0, references: [], referencedBy: [] };
}

/** What the server's modelops/registry answers for an index (the fields the leaderboard reads). */
function asRegistry(index: WorkspaceIndex, folder: string): RegistryResult {
  const f = (e: { path: string; data: unknown }, kind: RegistryFile['kind']) => file(e.path, e.path.slice(index.root.length + 1), kind, e.data);
  return {
    roots: [{ folderUri: uri(folder), rootUri: uri(index.root) }],
    models: index.models().map((e) => f(e, 'model')),
    datasets: [],
    results: index.results().map((e) => f(e, 'results')),
  };
}

test('the registry answer gives exactly the rows the CLI builds from the WorkspaceIndex (examples/)', async () => {
  const index = await WorkspaceIndex.load(EXAMPLES);
  const cli = buildRows({ models: index.models(), results: index.results(), root: index.root });
  const fromServer = rowsFromRegistry(asRegistry(index, EXAMPLES));
  assert.ok(cli.rows.length >= 7, `examples/ has results (${cli.rows.length} rows)`);
  assert.deepEqual(fromServer, cli);
  const bert = fromServer.rows.find((r) => r.model === 'news-topic-bert')!;
  assert.equal(bert.source, 'manual');
  assert.equal(bert.modelPath, join(EXAMPLES, 'models', 'news-topic-bert.model.json'), 'row knows its model file (row click opens it)');
});

test('files whose data did not parse are skipped, not fatal', () => {
  const r = rowsFromRegistry({
    roots: [{ folderUri: uri('/w'), rootUri: uri('/w') }],
    models: [file('/w/m.model.json', 'm.model.json', 'model', undefined)],
    datasets: [],
    results: [file('/w/results/a.json', 'results/a.json', 'results', { model: { name: 'm', version: '1' }, dataset: { name: 'd' }, metrics: { f1_score: 0.5 } })],
  });
  assert.deepEqual(r.rows.map((x) => [x.model, x.dataset, x.metrics.f1_score, x.source, x.modelPath]), [['m', 'd', 0.5, 'results/a.json', undefined]]);
});

test('two workspace folders: sources relative to their own root, ids unique, a result joins its own folder\'s model', () => {
  const res = (root: string) => file(`${root}/results/r.json`, 'results/r.json', 'results', { model: { name: 'm', version: '1' }, dataset: { name: 'd' }, metrics: { accuracy: root === '/a' ? 0.9 : 0.8 } });
  const model = (root: string, date: string) => file(`${root}/m.model.json`, 'm.model.json', 'model', { model_name: 'm', model_version: '1', model_training_date: date });
  const r = rowsFromRegistry({
    roots: [{ folderUri: uri('/a'), rootUri: uri('/a') }, { folderUri: uri('/ab'), rootUri: uri('/ab') }],
    models: [model('/a', '2024-01-01'), model('/ab', '2025-01-01')],
    datasets: [],
    results: [res('/a'), res('/ab')],
  });
  assert.equal(r.rows.length, 2);
  assert.equal(new Set(r.rows.map((x) => x.id)).size, 2, 'ids unique across folders');
  assert.deepEqual(r.rows.map((x) => [x.source, x.metrics.accuracy, x.trainingDate]).sort(), [['results/r.json', 0.8, '2025-01-01'], ['results/r.json', 0.9, '2024-01-01']]);
  assert.deepEqual(r.columns.map((c) => c.id), ['rank', 'dataset', 'model', 'version', 'training_date', 'accuracy', 'source']);
});

test('an empty registry gives no rows and the fixed columns', () => {
  const r = rowsFromRegistry({ roots: [], models: [], datasets: [], results: [] });
  assert.deepEqual(r.rows, []);
  assert.ok(r.columns.some((c) => c.id === 'model'));
});
