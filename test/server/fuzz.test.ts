// 10,000 random edits (insertions, deletions, pasted garbage) through didChange. The server never
// dies, and after each batch its diagnostics equal a fresh index's validation of the same text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineIndex } from '../../src/core/metadata/positions';
import { WorkspaceIndex } from '../../src/core/registry/workspaceIndex';
import type { Diagnostic } from 'vscode-languageserver-types';
import { LspClient, uri } from './lspClient';
import { makeRegistry } from './registryFixture';

const EDITS = 10_000;
const BATCH = 100;
const SEVERITY = { error: 1, warning: 2, information: 3 } as const;

/** mulberry32: a seeded generator, so a failure can be replayed. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const JSONISH = '{}[]",:0123456789.-eE truefalsenull\n\t\\/_abcxyz';
const FRAGMENTS = ['"name": "iris"', '"training_dataset": {', '"metadata_reference": "../datasets/iris.dataset.json"', '}', '],', 'NaN', '"\\u12', '//', '/*', '\uFEFF', '"model_training_date": "01/01/00",', '[[[[', '{"a":{"b":{"c":'];

test('10,000 random edits: the server survives and agrees with a fresh validation', { timeout: 120_000 }, async () => {
  const seed = Number(process.env.FUZZ_SEED ?? 20261123);
  const random = rng(seed);
  const int = (n: number) => Math.floor(random() * n);
  const reg = makeRegistry();
  const client = await LspClient.start({ folders: [reg.root] });
  const path = reg.path('models/classifier.model.json');
  try {
    let doc = client.open(path);
    for (let done = 0; done < EDITS; done += BATCH) {
      for (let i = 0; i < BATCH; i++) {
        const text = doc.getText();
        const at = int(text.length + 1);
        const r = random();
        let newText = '';
        let end = at;
        if (r < 0.35) newText = Array.from({ length: 1 + int(4) }, () => JSONISH[int(JSONISH.length)]).join('');
        else if (r < 0.7) end = Math.min(text.length, at + 1 + int(text.length > 3000 ? 200 : 12));
        else if (r < 0.85) newText = FRAGMENTS[int(FRAGMENTS.length)];
        else newText = Array.from({ length: 1 + int(40) }, () => String.fromCharCode(int(0x3000))).join(''); // garbage, control chars and lone surrogates included
        doc = client.change(path, [{ range: { start: doc.positionAt(at), end: doc.positionAt(end) }, newText }]);
      }
      const text = doc.getText();
      const got = await client.diagnostics(path);
      // A fresh index of the same registry, with this text for the file.
      const fresh = await WorkspaceIndex.load(reg.root);
      fresh.update(path, text);
      const lines = new LineIndex(text);
      const want = fresh.diagnostics(path).map((d) => ({ range: lines.rangeOf(d.offset, d.length), severity: SEVERITY[d.severity], code: d.code, message: d.message }));
      assert.deepEqual(got.map((d: Diagnostic) => ({ range: d.range, severity: d.severity, code: d.code, message: d.message })), want, `after ${done + BATCH} edits (seed ${seed}); text:\n${text.slice(0, 2000)}`);
      // Other requests on the same broken text must answer too.
      const pos = doc.positionAt(int(text.length + 1));
      await client.request('textDocument/completion', { textDocument: { uri: uri(path) }, position: pos });
      await client.request('textDocument/hover', { textDocument: { uri: uri(path) }, position: pos });
      await client.request('textDocument/codeAction', { textDocument: { uri: uri(path) }, range: { start: pos, end: pos }, context: { diagnostics: [] } });
      await client.request('textDocument/documentSymbol', { textDocument: { uri: uri(path) } });
      assert.ok(client.alive, 'the server is running');
    }
    assert.doesNotMatch(client.stderr, /uncaught|unhandled/i);
  } finally {
    await client.stop();
    reg.dispose();
  }
});
