// `modelops eval` and `modelops compare` on a copy of the examples, through the built CLI.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { modelops, REPO } from '../support/cli';
import { copyInto, workspace, write } from '../support/tmp';

const root = workspace();
copyInto(root, join(REPO, 'examples'), 'examples');
const ex = join(root, 'examples');

test('eval writes a results file beside the models folder and prints the metrics', () => {
  const r = modelops(['eval', 'models/iris-logreg.model.json'], ex);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^iris-logreg 1\.0 on iris-test 1\.0: 30 rows in /);
  assert.match(r.stdout, /accuracy\s+0\.9667/);
  assert.match(r.stdout, /results: results\/iris-logreg-1\.0--iris-test-1\.0\.results\.json/);
  const doc = JSON.parse(readFileSync(join(ex, 'results', 'iris-logreg-1.0--iris-test-1.0.results.json'), 'utf8'));
  assert.equal(doc.source, 'local-onnx');
  assert.equal(doc.samples_evaluated, 30);
  assert.equal(doc.metrics.accuracy, 29 / 30);
  assert.deepEqual(doc.model, { name: 'iris-logreg', version: '1.0', metadata_reference: '../models/iris-logreg.model.json' });
  assert.deepEqual(doc.details.confusion_matrix.labels, ['setosa', 'versicolor', 'virginica']);
});

test('eval --format json --no-write on another dataset, and a batch size', () => {
  const r = modelops(['eval', 'models/iris-tiny.model.json', '--dataset', 'datasets/iris.dataset.json', '--batch-size', '7', '--format', 'json', '--no-write'], ex);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.samples_evaluated, 150);
  assert.equal(out.dataset.name, 'iris');
  assert.equal(out.results_file, null);
  assert.ok(out.metrics.accuracy > 0.7 && out.metrics.accuracy < 0.97, String(out.metrics.accuracy));
  assert.equal(existsSync(join(ex, 'results', 'iris-tiny-0.1--iris-1.0.results.json')), false);
});

test('eval problems: exit 2 with a clear message and no stack trace', () => {
  const missing = write(root, 'examples/models/gone.model.json', {
    model_name: 'gone', artifacts: { onnx: '../artifacts/gone.onnx' },
    evaluation: { dataset: { name: 'iris-test', metadata_reference: '../datasets/iris-test.dataset.json' }, inputs: [{ name: 'features', columns: ['sepal_length', 'sepal_width', 'petal_length', 'petal_width'] }], label_column: 'species', task: 'classification' },
  });
  let r = modelops(['eval', missing], ex);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^modelops eval: ONNX file not found: .*gone\.onnx/);
  assert.doesNotMatch(r.stderr, /\n\s+at /);
  r = modelops(['eval', 'models/iris-logreg.model.json', '--batch-size', '0'], ex);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--batch-size takes a whole number ≥ 1/);
  r = modelops(['eval'], ex);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /give exactly one MODEL_FILE/);
  r = modelops(['eval', 'models/news-topic-bert.model.json'], ex);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /artifacts\.onnx must give the ONNX file|no evaluation block/);
});

test('compare ranks the iris models and names the best; --dataset is required', () => {
  const r = modelops(['compare', 'models/iris-tiny.model.json', 'models/iris-logreg.model.json', '--dataset', 'datasets/iris-test.dataset.json', '--metric', 'f1_macro'], ex);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines[0], '| Rank | Model           | f1_macro |');
  assert.match(lines[2], /^\|    1 \| iris-logreg@1\.0 \|/);
  assert.match(lines[3], /^\|    2 \| iris-tiny@0\.1 /);
  assert.equal(lines.at(-1), 'best (f1_macro, higher is better): iris-logreg@1.0');
  assert.ok(readdirSync(join(ex, 'results')).includes('iris-tiny-0.1--iris-test-1.0.results.json'));
  const usage = modelops(['compare', 'models/iris-tiny.model.json'], ex);
  assert.equal(usage.code, 2);
  assert.match(usage.stderr, /--dataset is required/);
  const json = JSON.parse(modelops(['compare', 'models/iris-tiny.model.json', 'models/iris-logreg.model.json', '--dataset', 'datasets/iris-test.dataset.json', '--format', 'json', '--no-write'], ex).stdout);
  assert.equal(json.metric, 'accuracy');
  assert.equal(json.best_model, 'iris-logreg@1.0');
});

test('Ctrl-C cancels a running eval: exit 2, "cancelled", no results file', async () => {
  const { spawn } = await import('node:child_process');
  const { readdirSync: ls, readFileSync: read } = await import('node:fs');
  const rows = ['sepal_length,sepal_width,petal_length,petal_width,species'];
  for (let i = 0; i < 300_000; i++) rows.push(`5.1,3.5,1.4,0.2,setosa`);
  write(root, 'examples/data/many.csv', rows.join('\n') + '\n');
  write(root, 'examples/datasets/many.dataset.json', { name: 'many', version: '1', path: '../data/many.csv' });
  const cli = spawn(process.execPath, [join(REPO, 'dist', 'cli.js'), 'eval', 'models/iris-logreg.model.json', '--dataset', 'datasets/many.dataset.json', '--batch-size', '1'], { cwd: ex, detached: true });
  let stderr = '';
  cli.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
  const exited = new Promise<number | null>((resolve) => cli.on('exit', (code) => resolve(code)));
  // Wait until the worker process exists (a child of the CLI), then do what Ctrl-C in a terminal
  // does: SIGINT to every process of the foreground group, here the CLI and its worker.
  const deadline = Date.now() + 20_000;
  const workers = () => ls('/proc').filter((d) => /^\d+$/.test(d)).filter((d) => {
    try { return read(`/proc/${d}/stat`, 'utf8').split(') ')[1].split(' ')[1] === String(cli.pid); } catch { return false; }
  }).map(Number);
  let found: number[];
  while (!(found = workers()).length) {
    assert.ok(Date.now() < deadline, 'the worker never started');
    await new Promise((r) => setTimeout(r, 50));
  }
  for (const pid of [...found, cli.pid!]) process.kill(pid, 'SIGINT');
  assert.equal(await exited, 2);
  assert.match(stderr, /modelops eval: evaluation cancelled; no results were written/);
  assert.ok(!ls(join(ex, 'results')).some((f) => f.includes('--many-')), 'no results file for the cancelled run');
});
