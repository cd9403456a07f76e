// Only the worker may load onnxruntime: bundle what the extension and CLI import and look.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import * as esbuild from 'esbuild';

const REPO = join(__dirname, '..', '..', '..');

async function bundledRequires(entry: string): Promise<string[]> {
  const out = await esbuild.build({
    entryPoints: [join(REPO, entry)], bundle: true, write: false, platform: 'node', format: 'cjs',
    mainFields: ['module', 'main'], external: ['onnxruntime-node', 'onnxruntime-common', 'vscode'], logLevel: 'silent', metafile: true, loader: { '.node': 'empty' },
  });
  return Object.values(out.metafile.outputs).flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path));
}

test('the extension (with its evaluation and dataset commands), the evaluation API, the dataset tools and the CLI never import onnxruntime', async () => {
  for (const entry of ['src/extension.ts', 'src/cli/main.ts', 'src/core/evaluation/index.ts', 'src/core/datasets/index.ts', 'src/cli/commands/eval.ts', 'src/cli/commands/compare.ts', 'src/cli/commands/dataset.ts', 'src/evaluation/index.ts', 'src/datasets/commands.ts']) {
    const externals = await bundledRequires(entry);
    assert.ok(!externals.some((p) => p.startsWith('onnxruntime')), `${entry} reaches ${externals.join(', ')}`);
  }
});

test('the worker does import onnxruntime (so the check above can fail)', async () => {
  assert.ok((await bundledRequires('src/core/evaluation/worker.ts')).includes('onnxruntime-node'));
});
