// Completion, hover, navigation and symbols through the real server.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { LspClient, uri } from './lspClient';
import { makeRegistry, type Registry } from './registryFixture';

type Item = { label: string; textEdit?: { newText: string }; insertText?: string; insertTextFormat?: number };

let reg: Registry;
let client: LspClient;
before(async () => {
  reg = makeRegistry();
  client = await LspClient.start({ folders: [reg.root] });
});
after(async () => {
  await client.stop();
  reg.dispose();
});

const complete = async (path: string, needle: string, delta: number) =>
  (await client.request<{ items: Item[] }>('textDocument/completion', { textDocument: { uri: uri(path) }, position: client.position(path, needle, delta) })).items;

test('completion: dataset names, versions and metadata_reference paths from the registry', async () => {
  const path = reg.write('models/new.model.json', '{\n  "model_name": "n",\n  "training_dataset": { "name": "", "version": "", "metadata_reference": "" }\n}\n');
  client.open(path);
  const nameItems = await complete(path, '"name": ""', 9);
  const names = nameItems.map((i) => i.label);
  assert.ok(names.includes('"iris"') && names.includes('"iris-clean"'), names.join());
  // Picking a name fills the empty version and metadata_reference beside it.
  const clean = nameItems.find((i) => i.label === '"iris-clean"') as Item & { additionalTextEdits?: { newText: string }[] };
  assert.deepEqual(clean.additionalTextEdits?.map((e) => e.newText), ['"2.0"', '"../datasets/iris-clean.dataset.json"']);
  const versions = (await complete(path, '"version": ""', 12)).map((i) => i.label);
  assert.deepEqual(versions.filter((v) => v === '"1.0"' || v === '"2.0"').sort(), ['"1.0"', '"2.0"']);
  const paths = (await complete(path, '"metadata_reference": ""', 23)).map((i) => i.label);
  assert.ok(paths.includes('"../datasets/iris.dataset.json"'), paths.join());
  client.close(path);
});

test('completion: property names from the schema and taxonomy paths', async () => {
  const path = reg.write('datasets/new.dataset.json', '{\n  "name": "x",\n  \n  "taxonomy": [""]\n}\n');
  client.open(path);
  const keys = await complete(path, '  \n', 2);
  const labels = keys.map((i) => i.label);
  for (const k of ['license', 'known_issues', 'collection_date', 'derived_from']) assert.ok(labels.includes(k), `${k} in ${labels.join()}`);
  assert.ok(!labels.includes('name'), 'an existing property is not offered again');
  const taxonomy = (await complete(path, '[""]', 2)).map((i) => i.label);
  assert.ok(taxonomy.includes('"books/literary/fiction"') && taxonomy.includes('"web/news"'), taxonomy.join());
  client.close(path);
});

test('completion: enum values from the schema, and dataset names inside a results file', async () => {
  const path = reg.write('results/new.results.json', '{\n  "model": { "name": "iris-classifier" },\n  "dataset": { "name": "" },\n  "metrics": {},\n  "source": ""\n}\n');
  client.open(path);
  const sources = (await complete(path, '"source": ""', 11)).map((i) => i.label);
  for (const v of ['"local-onnx"', '"lm-evaluation-harness"', '"manual"']) assert.ok(sources.includes(v), `${v} in ${sources.join()}`);
  const datasets = (await complete(path, '"dataset": { "name": ""', 22)).map((i) => i.label);
  assert.ok(datasets.includes('"iris"') && !datasets.includes('"iris-classifier"'), datasets.join());
  client.close(path);
});

test('completion: a new empty file gets a skeleton snippet of its kind', async () => {
  const path = reg.write('models/empty.model.json', '');
  client.open(path, '');
  const items = await client.request<{ items: Item[] }>('textDocument/completion', { textDocument: { uri: uri(path) }, position: { line: 0, character: 0 } });
  const skeleton = items.items.find((i) => i.label === 'New model metadata');
  assert.ok(skeleton, items.items.map((i) => i.label).join());
  assert.equal(skeleton.insertTextFormat, 2);
  assert.match(skeleton.textEdit!.newText, /"model_name": "\$\{1:model-name\}"/);
  client.close(path);
});

test('hover: schema documentation, and a summary of a referenced dataset', async () => {
  const path = reg.path('models/classifier.model.json');
  client.open(path);
  const onKey = await client.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri: uri(path) }, position: client.position(path, '"model_architecture"', 3) });
  assert.match(onKey.contents.value, /architecture/i);
  const onRef = await client.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri: uri(path) }, position: client.position(path, '"../datasets/iris.dataset.json"', 5) });
  const v = onRef.contents.value;
  assert.match(v, /\*\*dataset\*\* `iris` version 1\\\.0/);
  assert.match(v, /Size: 4 KB/);
  assert.match(v, /License: CC0\\-1\\\.0/);
  assert.match(v, /two samples are mislabelled/);
  client.close(path);
  const dataset = reg.path('datasets/iris.dataset.json');
  client.open(dataset);
  const onTaxonomy = await client.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri: uri(dataset) }, position: client.position(dataset, '"specific_datasets/botany"', 3) });
  assert.match(onTaxonomy.contents.value, /\*\*Taxonomy\*\* `specific\\_datasets\/botany`: A focused dataset: botany/);
  client.close(dataset);
});

test('definition and document links follow metadata_reference, names and derived_from', async () => {
  const model = reg.path('models/classifier.model.json');
  client.open(model);
  const byPath = await client.request<{ uri: string; range: { start: { line: number } } }[]>('textDocument/definition', { textDocument: { uri: uri(model) }, position: client.position(model, '../datasets/iris.dataset.json', 3) });
  assert.equal(byPath[0].uri, uri(reg.path('datasets/iris.dataset.json')));
  assert.equal(byPath[0].range.start.line, 1, 'lands on the dataset name');
  const byName = await client.request<{ uri: string }[]>('textDocument/definition', { textDocument: { uri: uri(model) }, position: client.position(model, '"iris-clean"', 2) });
  assert.equal(byName[0].uri, uri(reg.path('datasets/iris-clean.dataset.json')));
  const links = await client.request<{ target: string; range: { start: { character: number }; end: { character: number } } }[]>('textDocument/documentLink', { textDocument: { uri: uri(model) } });
  assert.deepEqual(links.map((l) => l.target).sort(), [uri(reg.path('datasets/iris-clean.dataset.json')), uri(reg.path('datasets/iris.dataset.json'))]);
  assert.equal(links[0].range.end.character - links[0].range.start.character, links[0].target.endsWith('clean.dataset.json') ? '../datasets/iris-clean.dataset.json'.length : '../datasets/iris.dataset.json'.length);
  client.close(model);
  const derived = reg.path('datasets/iris-clean.dataset.json');
  client.open(derived);
  const parent = await client.request<{ uri: string }[]>('textDocument/definition', { textDocument: { uri: uri(derived) }, position: client.position(derived, '"iris.dataset.json"', 3) });
  assert.equal(parent[0].uri, uri(reg.path('datasets/iris.dataset.json')));
  client.close(derived);
});

test('find references: from a dataset to every model, dataset and result that uses it', async () => {
  const path = reg.path('datasets/iris.dataset.json');
  client.open(path);
  const refs = await client.request<{ uri: string }[]>('textDocument/references', { textDocument: { uri: uri(path) }, position: client.position(path, '"iris"', 2), context: { includeDeclaration: false } });
  assert.deepEqual(refs.map((r) => r.uri).sort(), [
    uri(reg.path('datasets/iris-clean.dataset.json')), uri(reg.path('models/classifier.model.json')), uri(reg.path('results/classifier-iris.results.json')),
  ]);
  client.close(path);
});

test('document symbols and workspace symbols', async () => {
  const path = reg.path('models/classifier.model.json');
  client.open(path);
  const symbols = await client.request<{ name: string; children?: { name: string }[] }[]>('textDocument/documentSymbol', { textDocument: { uri: uri(path) } });
  assert.ok(symbols.some((s) => s.name === 'training_dataset' && s.children?.some((c) => c.name === 'metadata_reference')));
  client.close(path);
  const found = await client.request<{ name: string; kind: number; location: { uri: string } }[]>('workspace/symbol', { query: 'irsclass' });
  assert.deepEqual(found.map((s) => s.name), ['iris-classifier']);
  assert.equal(found[0].location.uri, uri(path));
  const datasets = await client.request<{ name: string }[]>('workspace/symbol', { query: 'iris' });
  assert.deepEqual(datasets.map((s) => s.name).sort(), ['iris', 'iris-classifier', 'iris-clean']);
});

test('formatting, folding and selection ranges, as the built-in JSON support gives', async () => {
  const path = reg.write('datasets/ugly.dataset.json', '{"name":"u","known_issues":["a",\n"b"],"log":[{"date":"2024-01-01","action":"created"}]}');
  const doc = client.open(path);
  const edits = await client.request<any[]>('textDocument/formatting', { textDocument: { uri: uri(path) }, options: { tabSize: 2, insertSpaces: true } });
  const { TextDocument } = await import('vscode-languageserver-textdocument');
  const formatted = TextDocument.applyEdits(doc, edits);
  assert.equal(formatted, JSON.stringify(JSON.parse(doc.getText()), null, 2));
  client.change(path, formatted);
  const folds = await client.request<{ startLine: number; endLine: number }[]>('textDocument/foldingRange', { textDocument: { uri: uri(path) } });
  assert.ok(folds.some((r) => r.startLine === 0), JSON.stringify(folds));
  assert.ok(folds.length >= 3);
  const sel = await client.request<any[]>('textDocument/selectionRange', { textDocument: { uri: uri(path) }, positions: [client.position(path, '"created"', 2)] });
  assert.ok(sel[0].parent, 'a chain of wider ranges');
  client.close(path);
});

test('modelops/registry lists models, datasets and results with references and problem counts', async () => {
  const r = await client.request<any>('modelops/registry', {});
  assert.equal(r.roots[0].folderUri, uri(reg.root));
  // The files earlier tests wrote are in the registry too (they were closed, so read from disk).
  assert.deepEqual(r.datasets.map((d: any) => d.name).sort(), ['iris', 'iris-clean', 'u', 'x']);
  const iris = r.datasets.find((d: any) => d.name === 'iris');
  assert.equal(iris.data.license, 'CC0-1.0');
  assert.equal(iris.referencedBy.length, 3);
  const model = r.models.find((m: any) => m.name === 'iris-classifier');
  assert.equal(model.references.find((x: any) => x.role === 'training_dataset').targetUri, uri(reg.path('datasets/iris.dataset.json')));
  const scored = r.results.find((x: any) => x.rel === 'results/classifier-iris.results.json');
  assert.equal(scored.errors, 0);
  assert.equal(scored.references.find((x: any) => x.role === 'model').targetUri, uri(reg.path('models/classifier.model.json')));
});
