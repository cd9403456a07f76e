// Quick fixes through the real server: each is applied to the document and the document re-checked.
import { existsSync, readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { LspClient, until, uri } from './lspClient';
import { makeRegistry, type Registry } from './registryFixture';

interface Action { title: string; edit: { changes?: Record<string, TextEdit[]>; documentChanges?: any[] } }

let reg: Registry;
let client: LspClient;
before(async () => {
  reg = makeRegistry({ broken: true });
  client = await LspClient.start({ folders: [reg.root] });
});
after(async () => {
  await client.stop();
  reg.dispose();
});

/** Opens the file, finds the diagnostic with that code, asks for fixes there, applies the one titled so. */
async function fix(rel: string, code: string, title: RegExp): Promise<{ before: Diagnostic[]; after: Diagnostic[]; text: string }> {
  const path = reg.path(rel);
  const doc = client.open(path);
  const before = await client.diagnostics(path);
  const d = before.find((x) => x.code === code);
  assert.ok(d, `${rel} has a ${code} problem: ${JSON.stringify(before)}`);
  const actions = await client.request<Action[]>('textDocument/codeAction', { textDocument: { uri: uri(path) }, range: d.range, context: { diagnostics: [d] } });
  const action = actions.find((a) => title.test(a.title));
  assert.ok(action, `no action ${title} among ${actions.map((a) => a.title).join(' | ')}`);
  const edits = action.edit.changes![uri(path)];
  const text = TextDocument.applyEdits(doc, edits);
  client.change(path, text);
  const after = await client.diagnostics(path);
  client.close(path);
  return { before, after, text };
}

test('insert the missing comma', async () => {
  const r = await fix('models/missing-comma.model.json', 'syntax', /Insert the missing ','/);
  assert.deepEqual(r.after, []);
  assert.match(r.text, /"model_name": "a",\n/);
});

test('rename an unknown property to the schema property it resembles', async () => {
  const r = await fix('models/typo.model.json', 'schema/unknown-property', /Rename to "model_name"/);
  // The fix removes the unknown key; the duplicate it creates is the next thing to fix.
  assert.ok(!r.after.some((d) => d.code === 'schema/unknown-property'));
  assert.ok(r.after.some((d) => d.code === 'duplicate-key'));
});

test('add missing required properties with placeholders', async () => {
  const r = await fix('datasets/noname.dataset.json', 'schema/required', /Add "name"/);
  assert.deepEqual(r.after, []);
  assert.deepEqual(JSON.parse(r.text), { name: 'TODO', version: '1' });
  assert.match(r.text, /^\{\n  "name": "TODO",\n  "version": "1"\n\}/);
});

test('add missing required properties to an empty object', async () => {
  reg.write('models/bare.model.json', '{}');
  const r = await fix('models/bare.model.json', 'schema/required', /Add "model_name"/);
  assert.deepEqual(r.after, []);
  assert.equal(r.text, '{\n  "model_name": "TODO"\n}');
});

test('convert a non-ISO date to ISO 8601 (two-digit years: 00-68 → 20xx)', async () => {
  const r = await fix('models/olddate.model.json', 'format/date', /Convert to ISO 8601: "2000-01-01"/);
  assert.deepEqual(r.after, []);
  assert.match(r.text, /"model_training_date": "2000-01-01"/);
});

test("set a reference's name to the target's", async () => {
  const r = await fix('models/mismatch.model.json', 'reference/name-mismatch', /Change to "iris"/);
  assert.deepEqual(r.after, []);
});

test('replace an unknown taxonomy path with the suggestion', async () => {
  const r = await fix('datasets/taxo.dataset.json', 'taxonomy/unknown', /Replace with "web\/news"/);
  assert.deepEqual(r.after, []);
});

test('create the missing dataset file from a template, and the reference resolves', async () => {
  const rel = 'models/dangling.model.json';
  const path = reg.path(rel);
  client.open(path);
  const d = (await client.diagnostics(path)).find((x) => x.code === 'reference/missing-file')!;
  const actions = await client.request<Action[]>('textDocument/codeAction', { textDocument: { uri: uri(path) }, range: d.range, context: { diagnostics: [d] } });
  const create = actions.find((a) => /^Create datasets\/news.dataset.json/.test(a.title))!;
  assert.ok(create, actions.map((a) => a.title).join());
  const [op, edit] = create.edit.documentChanges!;
  const target = reg.path('datasets/news.dataset.json');
  assert.deepEqual(op, { kind: 'create', uri: uri(target), options: { overwrite: false, ignoreIfExists: true } });
  assert.ok(!existsSync(target), 'the server only proposes; the editor applies');
  // Apply it as the editor would: create the file with the inserted text, then the watcher reports it.
  reg.write('datasets/news.dataset.json', edit.edits[0].newText);
  client.watched([{ path: target, type: 1 }]);
  await until(async () => (await client.diagnostics(path)).length === 0, 5000, 'the reference to resolve');
  const created = JSON.parse(readFileSync(target, 'utf8'));
  assert.equal(created.name, 'news');
  assert.equal(created.version, '3');
  const ws = await client.workspaceDiagnostics();
  assert.deepEqual(ws.get(target) ?? [], [], 'the template itself validates');
  client.close(path);
});
