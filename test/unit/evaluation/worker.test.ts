// The evaluation worker process end to end: IPC, progress, results file, errors, cancel.
// This file never imports onnxruntime, and checks that the parent never loaded it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { evaluateModelFile, compareModelFiles } from '../../../src/core/evaluation/run';
import { EvaluationError } from '../../../src/core/evaluation/errors';
import { linearModel } from '../../support/onnx';
import { TestRegistry } from './registry';

const reg = new TestRegistry();
const identity = [[1, 0, 0], [0, 1, 0], [0, 0, 1]];
const classifier = reg.onnx('argmax3.onnx', linearModel({ weights: identity, bias: [0, 0, 0] }));
const worse = reg.onnx('always-a.onnx', linearModel({ weights: [[0, 0, 0], [0, 0, 0], [0, 0, 0]], bias: [1, 0, 0] }));
reg.dataset('abc', 'f0,f1,f2,label\n3,0,0,a\n2,1,0,a\n0,5,1,a\n1,4,0,b\n9,1,1,b\n2,1,1,c\n', { rows: 6 });
const classify = { inputs: [{ name: 'features', columns: ['f0', 'f1', 'f2'] }], label_column: 'label', task: 'classification', labels: ['a', 'b', 'c'], batch_size: 4 };
const loadedOrt = () => readFileSync('/proc/self/maps', 'utf8').includes('libonnxruntime');

test('evaluates in a worker, reports progress, writes the results file beside the models folder', async () => {
  const model = reg.model('clf', classifier, 'abc', classify);
  const progress: { rows: number; total?: number; fraction: number }[] = [];
  const { result, resultsFile } = await evaluateModelFile(model, { onProgress: (p) => progress.push(p) });
  assert.equal(resultsFile, reg.path('results', 'clf-1.0--abc-1.results.json'));
  assert.equal(result.metrics.accuracy, 0.5);
  assert.deepEqual(progress.at(-1), { rows: 6, total: 6, fraction: 1 });
  const doc = JSON.parse(readFileSync(resultsFile!, 'utf8'));
  assert.deepEqual(doc.model, { name: 'clf', version: '1.0', metadata_reference: '../models/clf.json' });
  assert.deepEqual(doc.dataset, { name: 'abc', version: '1', metadata_reference: '../datasets/abc.json' });
  assert.equal(doc.source, 'local-onnx');
  assert.equal(doc.task, 'classification');
  assert.equal(doc.samples_evaluated, 6);
  assert.equal(typeof doc.duration_seconds, 'number');
  assert.ok(!Number.isNaN(Date.parse(doc.evaluated_at)));
  assert.deepEqual(doc.details.confusion_matrix.matrix, [[2, 1, 0], [1, 1, 0], [1, 0, 0]]);
  assert.equal(loadedOrt(), false, 'the parent process must not load onnxruntime');
});

test('errors cross the process boundary with their kind and message', async () => {
  const junk = reg.onnx('junk.onnx', 'not a model');
  await assert.rejects(evaluateModelFile(reg.model('junk', junk, 'abc', classify)), (e: unknown) =>
    e instanceof EvaluationError && e.kind === 'model' && /not a loadable ONNX model/.test(e.message));
  await assert.rejects(evaluateModelFile(reg.model('dt', classifier, 'abc', { ...classify, inputs: [{ name: 'features', columns: ['f0', 'f1', 'f2'], dtype: 'int64' }] })), (e: unknown) =>
    e instanceof EvaluationError && e.kind === 'signature' && /gives int64, the model expects float32/.test(e.message));
  assert.equal(existsSync(reg.path('results', 'junk-1.0--abc-1.results.json')), false);
});

test('a cancelled run stops the worker and writes no results file', async () => {
  const rows = ['f0,f1,f2,label'];
  for (let i = 0; i < 200_000; i++) rows.push(`${i % 7},${i % 5},${i % 3},a`);
  reg.dataset('big', rows.join('\n') + '\n');
  const model = reg.model('slow', classifier, 'big', { ...classify, batch_size: 1 });
  const controller = new AbortController();
  let seen = 0;
  const started = Date.now();
  await assert.rejects(
    evaluateModelFile(model, { signal: controller.signal, onProgress: (p) => { seen = p.rows; controller.abort(); } }),
    (e: unknown) => e instanceof EvaluationError && e.kind === 'cancelled' && /no results were written/.test(e.message),
  );
  assert.ok(seen > 0 && seen < 200_000, `cancelled after ${seen} rows`);
  assert.ok(Date.now() - started < 30_000);
  assert.equal(existsSync(reg.path('results', 'slow-1.0--big-1.results.json')), false);
  assert.deepEqual(readdirSync(reg.path('results')).filter((f) => f.endsWith('.tmp')), []);
});

test('compare evaluates several models on one dataset and names the best', async () => {
  const a = reg.model('argmax', classifier, 'abc', classify);
  const b = reg.model('always-a', worse, 'abc', classify);
  const { comparison, evaluated } = await compareModelFiles([b, a], { metric: 'f1_macro' });
  assert.equal(evaluated.length, 2);
  assert.equal(comparison.best_model, 'argmax@1.0');
  assert.deepEqual(comparison.ranking.map((r) => r.model), ['argmax@1.0', 'always-a@1.0']);
  // always-a: accuracy 3/6, only class a predicted: F1 a = 2·0.5·1/1.5 = 2/3, b = c = 0.
  assert.ok(Math.abs(comparison.ranking[1].value! - (2 / 3) / 3) < 1e-9);
});

test('a worker that cannot start is a clear error', async () => {
  writeFileSync(reg.path('crash.js'), 'process.exit(3)');
  const { runInWorker } = await import('../../../src/core/evaluation/client');
  const { resolveJob } = await import('../../../src/core/evaluation/spec');
  const job = await resolveJob(reg.model('c', classifier, 'abc', classify));
  await assert.rejects(runInWorker(job, { workerPath: reg.path('crash.js') }), /the evaluation worker stopped \(exit code 3\) before it finished/);
});

test('the Evaluator API keeps the chosen metrics and compares', async () => {
  const { Evaluator } = await import('../../../src/core/evaluation/evaluatorApi');
  const ev = new Evaluator(['f1_macro', 'accuracy'], { noWrite: true });
  const model = reg.model('api', classifier, 'abc', classify);
  const r = await ev.evaluate(model);
  assert.deepEqual(Object.keys(r.metrics), ['f1_macro', 'accuracy']);
  assert.equal(r.metrics.accuracy, 0.5);
  const c = await ev.compare([reg.model('api-a', worse, 'abc', classify), model], reg.path('datasets', 'abc.json'));
  assert.equal(c.metric, 'f1_macro');
  assert.equal(c.best_model, 'api@1.0');
  await assert.rejects(new Evaluator(['bleu'], { noWrite: true }).evaluate(model), /unknown metric bleu for classification; known: accuracy, precision/);
});
