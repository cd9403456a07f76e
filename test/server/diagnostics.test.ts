// Diagnostics through the real server equal `modelops validate` for the same files; edits to one
// file re-check the files that depend on it.
import { spawnSync } from 'node:child_process';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-types';
import { LspClient, until, uri } from './lspClient';
import { makeRegistry, type Registry } from './registryFixture';

const SEVERITY: Record<string, number> = { error: 1, warning: 2, information: 3 };

function cliDiagnostics(root: string): Map<string, unknown[]> {
  const r = spawnSync(process.execPath, [resolve('dist/cli.js'), 'validate', '--format', 'json'], { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const out = JSON.parse(r.stdout) as { diagnostics: { file: string; range: unknown; severity: string; code: string; message: string }[] };
  const map = new Map<string, unknown[]>();
  for (const d of out.diagnostics) {
    const p = join(root, d.file);
    map.set(p, [...(map.get(p) ?? []), { range: d.range, severity: SEVERITY[d.severity], code: d.code, message: d.message }]);
  }
  return map;
}

const strip = (list: Diagnostic[]) =>
  list.map((d) => ({ range: d.range, severity: d.severity, code: d.code, message: d.message }));

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

test('workspace diagnostics equal the CLI for every file, without opening them', async () => {
  const cli = cliDiagnostics(reg.root);
  assert.ok(cli.size >= 6, 'the fixture has problems in several files');
  const lsp = await client.workspaceDiagnostics();
  for (const [path, expected] of cli) assert.deepEqual(strip(lsp.get(path) ?? []), expected, path);
  for (const [path, items] of lsp) if (!cli.has(path)) assert.deepEqual(items, [], `${path} has no problems in the CLI`);
});

test('an open document is pulled with the same diagnostics, and follows edits', async () => {
  const path = reg.path('models/missing-comma.model.json');
  const cli = cliDiagnostics(reg.root).get(path);
  client.open(path);
  assert.deepEqual(strip(await client.diagnostics(path)), cli);
  client.change(path, [{ range: { start: { line: 1, character: 20 }, end: { line: 1, character: 20 } }, newText: ',' }]);
  assert.deepEqual(await client.diagnostics(path), []);
  client.close(path);
});

test('renaming a dataset in the editor re-checks the models that reference it, and tells the views', async () => {
  const dataset = reg.path('datasets/iris.dataset.json');
  const model = reg.path('models/classifier.model.json');
  const doc = client.open(dataset);
  const before = client.refreshes;
  const at = doc.getText().indexOf('"iris"');
  client.change(dataset, [{ range: { start: doc.positionAt(at), end: doc.positionAt(at + 6) }, newText: '"iris-v2"' }]);
  await client.diagnostics(dataset);
  await until(() => client.refreshes > before, 5000, 'a diagnostics refresh');
  const ws = await client.workspaceDiagnostics();
  const messages = (ws.get(model) ?? []).map((d) => String(d.message));
  assert.ok(messages.some((m) => m.includes('does not match the referenced file, which declares "iris-v2"')), messages.join('\n'));
  const changed = await until(() => client.notifications.find((n) => n.method === 'modelops/indexChanged' && (n.params as { uris: string[] }).uris.includes(uri(model))), 5000, 'indexChanged');
  assert.ok(changed);
  // Closing without saving: the disk text comes back, and with it a clean model.
  client.close(dataset);
  await until(async () => ((await client.workspaceDiagnostics()).get(model) ?? []).length === 0, 5000, 'the model to be clean again');
});

test('the format severity setting applies without a restart', async () => {
  const path = reg.path('models/olddate.model.json');
  client.open(path);
  assert.equal((await client.diagnostics(path))[0]?.severity, 2);
  client.settings = { validation: { formatSeverity: 'error' } };
  void client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
  await until(async () => (await client.diagnostics(path))[0]?.severity === 1, 5000, 'format problems as errors');
  client.settings = { validation: { formatSeverity: 'off' } };
  void client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
  await until(async () => (await client.diagnostics(path)).length === 0, 5000, 'format problems off');
  client.settings = {};
  void client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
  client.close(path);
});

test('the examples registry and a real group\'s metadata folder (own schemas via config): same as the CLI', async () => {
  const { cpSync, mkdtempSync, rmSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const tmp = mkdtempSync(join(tmpdir(), 'modelops-lsp-real-'));
  try {
    cpSync('examples', join(tmp, 'examples'), { recursive: true });
    cpSync(join('..', 'shared', 'corpus', 'llm-pretraining-behaviours'), join(tmp, 'corpus'), { recursive: true });
    writeFileSync(join(tmp, 'corpus', 'modelops.config.json'), JSON.stringify({
      registries: [
        { kind: 'model', include: ['model_metadata/*.json'], schema: 'model_metadata_schema.json' },
        { kind: 'dataset', include: ['dataset_metadata/*.json'], schema: 'dataset_metadata_schema.json' },
        { kind: 'results', include: ['model_scores/*.json'], schema: 'model_results_schema.json' },
      ],
    }));
    const real = await LspClient.start({ folders: [join(tmp, 'examples'), join(tmp, 'corpus')] });
    try {
      const lsp = await real.workspaceDiagnostics();
      for (const folder of ['examples', 'corpus']) {
        const cli = cliDiagnostics(join(tmp, folder));
        assert.ok(cli.size > 0, `${folder} has some problems to compare`);
        for (const [path, expected] of cli) assert.deepEqual(strip(lsp.get(path) ?? []), expected, path);
      }
      const total = [...lsp.values()].reduce((n, l) => n + l.length, 0);
      const cliTotal = ['examples', 'corpus'].reduce((n, f) => n + [...cliDiagnostics(join(tmp, f)).values()].reduce((m, l) => m + l.length, 0), 0);
      assert.equal(total, cliTotal);
      const r = await real.request<any>('modelops/registry', { folderUri: uri(join(tmp, 'corpus')) });
      assert.ok(r.models.length > 50 && r.results.length > 50);
      // The team's own schema (draft-07, from the config) drives completion and hover too.
      const yi = join(tmp, 'corpus', 'model_metadata', '01-ai_Yi-34B.json');
      const doc = real.open(yi);
      const at = doc.positionAt(doc.getText().indexOf('"author"'));
      const items = (await real.request<{ items: { label: string }[] }>('textDocument/completion', { textDocument: { uri: uri(yi) }, position: at })).items.map((i) => i.label);
      assert.ok(items.includes('num_layers') && items.includes('author'), items.join());
      assert.ok(!items.includes('model_name'), 'not the built-in model schema');
      real.close(yi);
    } finally {
      await real.stop();
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
