// Malformed, huge, 100,000-key and 10,000-level-deep files, reference cycles and references that
// leave the workspace: located diagnostics or a clear message, and the server stays up.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { LspClient, uri } from './lspClient';
import { makeRegistry, type Registry } from './registryFixture';

let reg: Registry;
let client: LspClient;
before(async () => {
  reg = makeRegistry();
  client = await LspClient.start({ folders: [reg.root] });
});
after(async () => {
  assert.ok(client.alive, 'the server survived every input');
  assert.doesNotMatch(client.stderr, /uncaught|unhandled/i);
  await client.stop();
  reg.dispose();
});

/** Every request a user's editor makes on open, at a spot in the file: none may fail. */
async function everything(path: string, position = { line: 0, character: 1 }) {
  const td = { uri: uri(path) };
  await client.request('textDocument/completion', { textDocument: td, position });
  await client.request('textDocument/hover', { textDocument: td, position });
  await client.request('textDocument/documentSymbol', { textDocument: td });
  await client.request('textDocument/documentLink', { textDocument: td });
  await client.request('textDocument/definition', { textDocument: td, position });
  await client.request('textDocument/codeAction', { textDocument: td, range: { start: position, end: position }, context: { diagnostics: [] } });
}

test('malformed JSON: each problem located, none repeated', async () => {
  const path = reg.write('models/malformed.model.json', '{\n  "model_name": "m",\n  "model_version": 1.0.0,\n  "tags": ["a" "b"],\n  \'single\': 1,\n  "x": tru\n');
  client.open(path);
  const diags = await client.diagnostics(path);
  assert.ok(diags.length >= 3, JSON.stringify(diags));
  for (const d of diags) assert.ok(d.range.start.line >= 1, `located past line 0: ${d.message}`);
  const keys = diags.map((d) => `${d.range.start.line}:${d.range.start.character}:${d.message}`);
  assert.equal(new Set(keys).size, keys.length, 'no duplicates');
  await everything(path, { line: 3, character: 12 });
  client.close(path);
});

test('10,000 levels of nesting: one clear located message, and no request overflows the stack', async () => {
  const deep = '{"name": "deep", "x": ' + '['.repeat(10_000) + ']'.repeat(10_000) + '}';
  const path = reg.write('datasets/deep.dataset.json', deep);
  client.open(path);
  const diags = await client.diagnostics(path);
  assert.equal(diags.length, 1);
  assert.equal(diags[0].code, 'too-deep');
  assert.match(String(diags[0].message), /Nesting deeper than \d+ levels/);
  assert.ok(diags[0].range.start.character > 20, 'at the bracket that goes too deep');
  await everything(path, { line: 0, character: 5000 });
  client.close(path);
});

test('100,000 keys in a free-form object (per-sample details): checked, problems located, edits followed', async () => {
  const pairs = Array.from({ length: 100_000 }, (_, i) => `"sample-${i}": {"label": ${i % 3}, "correct": true}`);
  const text = `{"model": {"name": "iris-classifier"}, "dataset": {"name": "iris"}, "metrics": {"accuracy": "high"}, "details": {${pairs.join(', ')}}}`;
  const path = reg.write('results/wide.results.json', text);
  client.open(path);
  const diags = await client.diagnostics(path);
  assert.deepEqual(diags.map((d) => [d.code, d.range.start.character]), [['schema/type', text.indexOf('"high"')]]);
  await everything(path, { line: 0, character: text.indexOf('"sample-50000"') + 3 });
  const at = text.indexOf('"sample-50000"');
  client.change(path, [{ range: { start: { line: 0, character: at }, end: { line: 0, character: at } }, newText: '"sample-1": 0, ' }]);
  const after = await client.diagnostics(path);
  assert.ok(after.some((d) => d.code === 'duplicate-key' && d.range.start.character === at), JSON.stringify(after));
  client.close(path);
});

test('100,000 unknown properties: each located at its key, the server stays up', async () => {
  const pairs = Array.from({ length: 100_000 }, (_, i) => `"k${i}": ${i}`);
  const text = `{"name": "wide", ${pairs.join(', ')}}`;
  const path = reg.write('datasets/wide.dataset.json', text);
  client.watched([{ path, type: 1 }]);
  client.open(path);
  const diags = await client.diagnostics(path);
  assert.equal(diags.length, 100_000);
  assert.equal(diags[99_999].range.start.character, text.indexOf('"k99999"'));
  assert.equal(diags[0].code, 'schema/unknown-property');
  client.close(path);
});

test('a huge file (8 MB) is checked; the registry and workspace diagnostics still answer', async () => {
  const rows = Array.from({ length: 60_000 }, (_, i) => `{"name": "col${i}", "type": "string", "description": "column number ${i} of a very wide table"}`);
  const text = `{"name": "huge", "version": "1", "columns": [${rows.join(',\n')}]}`;
  assert.ok(text.length > 5_000_000);
  const path = reg.write('datasets/huge.dataset.json', text);
  client.open(path);
  const diags = await client.diagnostics(path);
  assert.ok(Array.isArray(diags));
  await everything(path, { line: 100, character: 5 });
  const r = await client.request<any>('modelops/registry', {});
  assert.ok(r.datasets.some((d: any) => d.name === 'huge'));
  client.close(path);
});

test('a derived_from cycle is reported on each member, naming the cycle', async () => {
  const a = reg.write('datasets/cyc-a.dataset.json', JSON.stringify({ name: 'a', derived_from: [{ name: 'b', metadata_reference: 'cyc-b.dataset.json' }] }, null, 2));
  const b = reg.write('datasets/cyc-b.dataset.json', JSON.stringify({ name: 'b', derived_from: [{ name: 'a', metadata_reference: 'cyc-a.dataset.json' }] }, null, 2));
  client.watched([{ path: a, type: 1 }, { path: b, type: 1 }]);
  client.open(a);
  const diags = await client.diagnostics(a);
  const cycle = diags.find((d) => d.code === 'lineage/cycle');
  assert.ok(cycle, JSON.stringify(diags));
  assert.match(String(cycle.message), /cyc-a\.dataset\.json → datasets\/cyc-b\.dataset\.json → datasets\/cyc-a\.dataset\.json/);
  // Following the cycle with go-to-definition and hover does not loop.
  await everything(a, { line: 5, character: 30 });
  client.close(a);
});

test('a reference outside the workspace: located error, no link, no definition', async () => {
  const path = reg.write('models/outside.model.json', JSON.stringify({ model_name: 'o', training_dataset: { name: 'etc', metadata_reference: '../../../../../../etc/passwd' } }, null, 2));
  client.open(path);
  const diags = await client.diagnostics(path);
  const d = diags.find((x) => x.code === 'reference/outside-workspace');
  assert.ok(d, JSON.stringify(diags));
  assert.equal(d.range.start.line, 4);
  const links = await client.request<unknown[]>('textDocument/documentLink', { textDocument: { uri: uri(path) } });
  assert.deepEqual(links, []);
  const def = await client.request('textDocument/definition', { textDocument: { uri: uri(path) }, position: { line: 4, character: 30 } });
  assert.equal(def, null);
  client.close(path);
});

test('a file opened from outside every workspace folder is still checked', async () => {
  const other = makeRegistry();
  try {
    const path = other.write('loose.model.json', '{ "model_name": 3 }');
    client.open(path);
    const diags = await client.diagnostics(path);
    assert.equal(diags[0]?.code, 'schema/type');
    client.close(path);
  } finally {
    other.dispose();
  }
});
