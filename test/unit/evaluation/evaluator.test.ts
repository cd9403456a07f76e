// The evaluator on real onnxruntime-node with tiny models whose predictions are known.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as ort from 'onnxruntime-node';
import { evaluate } from '../../../src/core/evaluation/evaluator';
import { resolveJob } from '../../../src/core/evaluation/spec';
import { EvaluationError } from '../../../src/core/evaluation/errors';
import { linearModel } from '../../support/onnx';
import { TestRegistry } from './registry';

const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-9, `${a} ≠ ${b}`);
const reg = new TestRegistry();
const identity = [[1, 0, 0], [0, 1, 0], [0, 0, 1]];
const classifier = reg.onnx('argmax3.onnx', linearModel({ weights: identity, bias: [0, 0, 0] }));
// Predicted class = the largest feature. Truth a a a b b c, predicted a a b b a a (c never predicted).
reg.dataset('abc', 'f0,f1,f2,label\n3,0,0,a\n2,1,0,a\n0,5,1,a\n1,4,0,b\n9,1,1,b\n2,1,1,c\n');
const classify = { inputs: [{ name: 'features', columns: ['f0', 'f1', 'f2'] }], label_column: 'label', task: 'classification', labels: ['a', 'b', 'c'], batch_size: 4 };

async function run(modelFile: string, opts = {}) {
  return evaluate(ort, await resolveJob(modelFile, opts));
}
async function fails(modelFile: string, kind: string, pattern: RegExp) {
  await assert.rejects(run(modelFile), (e: unknown) => {
    assert.ok(e instanceof EvaluationError, String(e));
    assert.equal(e.kind, kind, e.message);
    assert.match(e.message, pattern);
    return true;
  });
}

test('argmax classifier: metrics equal the hand-computed ones, across a partial last batch', async () => {
  const r = await run(reg.model('clf', classifier, 'abc', classify));
  assert.equal(r.samples_evaluated, 6);
  assert.equal(r.task, 'classification');
  assert.deepEqual(r.details?.confusion_matrix, { labels: ['a', 'b', 'c'], matrix: [[2, 1, 0], [1, 1, 0], [1, 0, 0]] });
  close(r.metrics.accuracy, 0.5);
  close(r.metrics.f1_macro, 5 / 14);
  close(r.metrics.f1_score, 19 / 42);
  assert.deepEqual(r.details?.per_class?.c, { precision: 0, recall: 0, f1: 0, support: 1 });
  assert.deepEqual(r.model, { name: 'clf', version: '1.0' });
  assert.deepEqual(r.dataset, { name: 'abc', version: '1' });
  // Batch size does not change the answer.
  assert.deepEqual((await run(reg.model('clf1', classifier, 'abc', { ...classify, batch_size: 1 }))).metrics, r.metrics);
});

test('a single class dataset scores 1 everywhere', async () => {
  reg.dataset('only-a', 'f0,f1,f2,label\n3,0,0,a\n5,1,0,a\n');
  const r = await run(reg.model('clf-one', classifier, 'only-a', classify));
  assert.equal(r.metrics.accuracy, 1);
  assert.equal(r.metrics.f1_macro, 1);
  assert.deepEqual(r.details?.confusion_matrix, { labels: ['a'], matrix: [[2]] });
});

test('linear regressor (float64 input): MAE, MSE, RMSE, R² by hand', async () => {
  const onnx = reg.onnx('reg.onnx', linearModel({ weights: [[2], [3]], bias: [1], activation: 'none', outputName: 'y', inputType: 'float64' }));
  // y = 2·x0 + 3·x1 + 1 → predictions 1 3 4 6 against truth 1 2 4 7.
  reg.dataset('xy', 'x0,x1,target\n0,0,1\n1,0,2\n0,1,4\n1,1,7\n');
  const r = await run(reg.model('reg', onnx, 'xy', { inputs: [{ name: 'features', columns: ['x0', 'x1'], dtype: 'float64' }], label_column: 'target', task: 'regression' }));
  assert.deepEqual(Object.keys(r.metrics), ['mae', 'mse', 'rmse', 'r2']);
  close(r.metrics.mae, 0.5);
  close(r.metrics.mse, 0.5);
  close(r.metrics.rmse, Math.sqrt(0.5));
  close(r.metrics.r2, 1 - 2 / 21);
  assert.equal(r.details, undefined);
});

test('binary threshold on a sigmoid score, JSONL data', async () => {
  const onnx = reg.onnx('sigmoid.onnx', linearModel({ weights: [[1]], bias: [0], activation: 'sigmoid', outputName: 'score' }));
  writeFileSync(reg.path('data', 'bin.jsonl'), ['{"x":-2,"y":"neg"}', '{"x":0.5,"y":"pos"}', '{"x":3,"y":"neg"}', '{"x":-0.1,"y":"neg"}'].join('\n'));
  writeFileSync(reg.path('datasets', 'bin.json'), JSON.stringify({ name: 'bin', path: '../data/bin.jsonl' }));
  const model = reg.model('bin', onnx, 'bin', { inputs: [{ name: 'features', columns: ['x'] }], label_column: 'y', task: 'classification', labels: ['neg', 'pos'], decision: { threshold: 0.5 } });
  const r = await run(model);
  assert.deepEqual(r.details?.confusion_matrix, { labels: ['neg', 'pos'], matrix: [[2, 1], [0, 1]] });
  close(r.metrics.accuracy, 0.75);
  // Without a threshold, one score per row cannot be argmax-ed: the message says what to do.
  const argmax = reg.model('bin-argmax', onnx, 'bin', { inputs: [{ name: 'features', columns: ['x'] }], label_column: 'y', task: 'classification' });
  await fails(argmax, 'signature', /use "decision": \{"threshold": 0.5\}/);
});

test('a model with a fixed batch dimension gets padded batches', async () => {
  const onnx = reg.onnx('fixed.onnx', linearModel({ weights: identity, bias: [0, 0, 0], batch: 2 }));
  const r = await run(reg.model('fixed', onnx, 'abc', { ...classify, batch_size: 256 }));
  close(r.metrics.accuracy, 0.5);
  assert.equal(r.samples_evaluated, 6);
});

test('missing and corrupt ONNX files', async () => {
  await fails(reg.model('gone', '../artifacts/missing.onnx', 'abc', classify), 'model', /ONNX file not found: .*missing\.onnx \(artifacts\.onnx of .*gone\.json\)/);
  const junk = reg.onnx('junk.onnx', 'this is not a protobuf');
  await fails(reg.model('junk', junk, 'abc', classify), 'model', /junk\.onnx: not a loadable ONNX model/);
});

test('inputs that do not match the model say which, with the expected signature', async () => {
  const sig = /the model expects\n  input  features: float32 \[N, 3\]\n  output probabilities: float32 \[N, 3\]/;
  await fails(reg.model('bad-name', classifier, 'abc', { ...classify, inputs: [{ name: 'x', columns: ['f0', 'f1', 'f2'] }] }), 'signature', /input 'x' is not an input of the model[\s\S]*model input 'features' is not fed/);
  await fails(reg.model('bad-name2', classifier, 'abc', { ...classify, inputs: [{ name: 'x', columns: ['f0', 'f1', 'f2'] }] }), 'signature', sig);
  await fails(reg.model('bad-dtype', classifier, 'abc', { ...classify, inputs: [{ name: 'features', columns: ['f0', 'f1', 'f2'], dtype: 'float64' }] }), 'signature', /input 'features': the evaluation block gives float64, the model expects float32/);
  await fails(reg.model('bad-shape', classifier, 'abc', { ...classify, inputs: [{ name: 'features', columns: ['f0', 'f1'] }] }), 'signature', /per-row shape \[2\] \(2 columns\) does not match the model's \[N, 3\]/);
  await fails(reg.model('bad-rank', classifier, 'abc', { ...classify, inputs: [{ name: 'features', columns: ['f0', 'f1', 'f2'], shape: [3, 1] }] }), 'signature', /gives rank 3 with the batch dimension, the model expects rank 2/);
  await fails(reg.model('bad-output', classifier, 'abc', { ...classify, output: 'logits' }), 'signature', /output 'logits' is not an output of the model/);
  await fails(reg.model('bad-labels', classifier, 'abc', { ...classify, labels: ['a', 'b'] }), 'signature', /evaluation.labels lists 2 classes but the output has 3 scores per row/);
  await fails(reg.model('bad-shape-spec', classifier, 'abc', { ...classify, inputs: [{ name: 'features', columns: ['f0', 'f1', 'f2'], shape: [2] }] }), 'spec', /shape \[2\] holds 2 values per row but 3 columns are listed/);
});

test('data problems: non-numeric cell located by row and column, missing label column, empty dataset', async () => {
  reg.dataset('words', 'f0,f1,f2,label\n1,0,0,a\n0,"1",0,b\n0,abc,0,c\n');
  await fails(reg.model('words', classifier, 'words', classify), 'data', /words\.csv: row 3 \(line 4\), column 'f1': 'abc' is not a number/);
  reg.dataset('gap', 'f0,f1,f2,label\n1,0,,a\n');
  await fails(reg.model('gap', classifier, 'gap', classify), 'data', /row 1 \(line 2\), column 'f2': '' is not a number/);
  reg.dataset('nolabel', 'f0,f1,f2,species\n1,0,0,a\n');
  await fails(reg.model('nolabel', classifier, 'nolabel', classify), 'data', /label column 'label' does not exist; columns: f0, f1, f2, species/);
  reg.dataset('nocol', 'f0,f1,label\n1,0,a\n');
  await fails(reg.model('nocol', classifier, 'nocol', classify), 'data', /column 'f2' \(input 'features'\) does not exist/);
  reg.dataset('empty', 'f0,f1,f2,label\n');
  await fails(reg.model('empty', classifier, 'empty', classify), 'data', /empty\.csv: the dataset has no rows to evaluate/);
  await fails(reg.model('nodata', classifier, 'does-not-exist', classify), 'data', /metadata file not found: .*does-not-exist\.json/);
});

test('spec problems: no evaluation block, no artifacts.onnx, bad task', async () => {
  writeFileSync(reg.path('models', 'bare.json'), JSON.stringify({ model_name: 'bare', artifacts: { onnx: classifier } }));
  await fails(reg.path('models', 'bare.json'), 'spec', /the model has no evaluation block/);
  writeFileSync(reg.path('models', 'noonnx.json'), JSON.stringify({ model_name: 'noonnx', evaluation: classify }));
  await fails(reg.path('models', 'noonnx.json'), 'spec', /artifacts\.onnx must give the ONNX file/);
  await fails(reg.model('task', classifier, 'abc', { ...classify, task: 'ranking' }), 'spec', /evaluation\.task must be/);
});

test('progress: by rows when the metadata gives a total, else by bytes read', async () => {
  const rows = ['f0,f1,f2,label'];
  for (let i = 0; i < 20_000; i++) rows.push(`${i % 3},1,0,a`);
  reg.dataset('counted', rows.join('\n') + '\n', { rows: 20_000 });
  reg.dataset('uncounted', rows.join('\n') + '\n');
  for (const name of ['counted', 'uncounted']) {
    const seen: { rows: number; total?: number; fraction: number }[] = [];
    await evaluate(ort, await resolveJob(reg.model(`p-${name}`, classifier, name, classify)), { onProgress: (p) => seen.push(p), progressInterval: 0 });
    assert.ok(seen.length > 2, `${seen.length} reports`);
    const fractions = seen.map((p) => p.fraction);
    assert.deepEqual(fractions, [...fractions].sort((a, b) => a - b), 'never goes backwards');
    assert.ok(fractions[0] > 0 && fractions[0] < 1);
    assert.deepEqual(seen.at(-1), { rows: 20_000, ...(name === 'counted' ? { total: 20_000 } : {}), fraction: 1 });
  }
});

test('labels the model never outputs are flagged (numbers in the data, names in evaluation.labels)', async () => {
  reg.dataset('numeric-labels', 'f0,f1,f2,label\n3,0,0,0\n0,3,0,1\n');
  const r = await run(reg.model('numeric-labels', classifier, 'numeric-labels', classify));
  assert.equal(r.metrics.accuracy, 0);
  assert.deepEqual(r.warnings, ["labels in 'label' that the model never outputs: '0', '1'; evaluation.labels: a, b, c"]);
  const plain = await run(reg.model('numeric-ok', classifier, 'numeric-labels', { ...classify, labels: undefined }));
  assert.equal(plain.metrics.accuracy, 1, 'without labels, predictions are class numbers');
  assert.equal(plain.warnings, undefined);
  const named = await run(reg.model('named-nolabels', classifier, 'abc', { ...classify, labels: undefined }));
  assert.match(named.warnings?.[0] ?? '', /are not class indices \('a', 'b', 'c'\) and evaluation.labels is not set/);
});

test('signature check: a non-tensor output is named as such', async () => {
  const { checkSignature } = await import('../../../src/core/evaluation/signature');
  const job = await resolveJob(reg.model('zipmap', classifier, 'abc', classify));
  assert.throws(
    () => checkSignature(job, [{ name: 'features', isTensor: true, type: 'float32', shape: ['N', 3] }], [{ name: 'output_probability', isTensor: false }]),
    /output 'output_probability' is not a tensor[\s\S]*output output_probability: \(not a tensor\)/,
  );
});

test('int64 and int32 inputs: integer cells feed BigInt64Array/Int32Array, fractions are refused', async () => {
  for (const type of ['int64', 'int32'] as const) {
    const onnx = reg.onnx(`int-${type}.onnx`, linearModel({ weights: identity, bias: [0, 0, 0], inputType: type, activation: 'none', outputName: 'scores' }));
    const spec = { ...classify, inputs: [{ name: 'features', columns: ['f0', 'f1', 'f2'], dtype: type }] };
    const r = await run(reg.model(`int-${type}`, onnx, 'abc', spec));
    close(r.metrics.accuracy, 0.5);
    reg.dataset(`frac-${type}`, 'f0,f1,f2,label\n1,0,0,a\n0,2.5,0,b\n');
    await fails(reg.model(`frac-${type}`, onnx, `frac-${type}`, spec), 'data', /row 2 \(line 3\), column 'f1': 2\.5 is not a whole number/);
  }
});
