// The Evaluate / Compare commands' decisions: targets, batch size, progress, messages, error
// locations (from the core's real errors), dataset and metric choices, the ranking document.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { compare } from '../../../src/core/evaluation/compare';
import { EvaluationError } from '../../../src/core/evaluation/errors';
import type { EvaluationResult } from '../../../src/core/evaluation/job';
import { evaluateModelFile } from '../../../src/core/evaluation/run';
import { lowerIsBetter } from '../../../src/core/leaderboard/metrics';
import type { RegistryFile } from '../../../src/core/protocol';
import {
  batchSizeSetting, compareProblem, comparisonMarkdown, datasetItems, evaluatedMessage, evaluationFailedMessage,
  isModelFileName, metricItems, openActionTitle, pathOf, problemLocation, ProgressSteps, shortenPaths, targetFiles,
} from '../../../src/evaluation/ui';
import { linearModel } from '../../support/onnx';
import { TestRegistry } from '../evaluation/registry';

const uri = (p: string) => pathToFileURL(p).toString();
const node = (p: string) => ({ id: p, contextValue: 'modelops.model', uri: uri(p) });

test('pathOf reads tree nodes, Uris and strings; other schemes are not files', () => {
  assert.equal(pathOf(node('/w/models/a.model.json')), '/w/models/a.model.json');
  assert.equal(pathOf({ scheme: 'file', fsPath: '/w/b.model.json' }), '/w/b.model.json');
  assert.equal(pathOf({ scheme: 'untitled', fsPath: 'Untitled-1' }), undefined);
  assert.equal(pathOf('file:///w/c%20d.model.json'), '/w/c d.model.json');
  assert.equal(pathOf(42), undefined);
});

test('targetFiles: the selection when it holds the clicked item, else the clicked item; filtered', () => {
  const a = node('/w/a.model.json'), b = node('/w/b.model.json'), d = node('/w/x.dataset.json');
  assert.deepEqual(targetFiles(a, [a, b, d], isModelFileName), ['/w/a.model.json', '/w/b.model.json']);
  // Right-click on an item outside the selection acts on that item alone, as VS Code's lists do.
  assert.deepEqual(targetFiles(a, [b], isModelFileName), ['/w/a.model.json']);
  assert.deepEqual(targetFiles(a, undefined, isModelFileName), ['/w/a.model.json']);
  assert.deepEqual(targetFiles(d, undefined, isModelFileName), []);
  assert.deepEqual(targetFiles(undefined, undefined, isModelFileName), []);
});

test('batchSizeSetting: a whole number ≥ 1, else the model decides', () => {
  assert.equal(batchSizeSetting(64), 64);
  for (const v of [0, -3, 2.5, '64', undefined, null]) assert.equal(batchSizeSetting(v), undefined, String(v));
});

test('ProgressSteps: increments add up to the fraction, never go back, and share the bar across models', () => {
  const one = new ProgressSteps();
  const a = one.step({ rows: 10, total: 40, fraction: 0.25 });
  const b = one.step({ rows: 5, total: 40, fraction: 0.1 }); // out of order: no negative step
  const c = one.step({ rows: 40, total: 40, fraction: 1 });
  assert.deepEqual([a.increment, b.increment, c.increment], [25, 0, 75]);
  assert.equal(a.message, '10 of 40 rows');
  assert.equal(one.step({ rows: 1234, fraction: 1 }).message, '1,234 rows');

  const two = new ProgressSteps();
  const x = two.step({ rows: 10, fraction: 1 }, 0.5);
  two.nextRun(0.5);
  const y = two.step({ rows: 5, fraction: 0.5 }, 0.5);
  assert.deepEqual([x.increment, y.increment], [50, 25]);
});

const result = (name: string, metrics: Record<string, number>, task: 'classification' | 'regression' = 'classification'): EvaluationResult => ({
  model: { name, version: '1.0' }, dataset: { name: 'iris-test', version: '1.0' }, metrics, samples_evaluated: 30,
  duration_seconds: 0.25, evaluated_at: '2026-01-01T00:00:00Z', task,
});

test('evaluatedMessage names model, dataset, the main metric and the results file relative to the workspace', () => {
  assert.equal(
    evaluatedMessage(result('iris-logreg', { accuracy: 0.966666, f1_score: 0.9 }), '/w/results/x.results.json', '/w'),
    'Evaluated iris-logreg@1.0 on iris-test@1.0: accuracy 0.9667 (30 rows, 0.3 s). Results in results/x.results.json.',
  );
  assert.match(evaluatedMessage(result('reg', { mae: 1, rmse: 2.5 }, 'regression'), undefined), /: rmse 2\.5000 \(30 rows/);
});

test('problemLocation on the core\'s real errors: which file to open', async () => {
  const reg = new TestRegistry();
  const onnx = reg.onnx('id2.onnx', linearModel({ weights: [[1, 0], [0, 1]], bias: [0, 0] }));
  reg.dataset('good', 'f0,f1,label\n1,0,a\n0,1,b\n');
  reg.dataset('bad', 'f0,f1,label\n1,0,a\n0,x,b\n');
  const classify = { inputs: [{ name: 'features', columns: ['f0', 'f1'] }], label_column: 'label', task: 'classification', labels: ['a', 'b'] };
  async function errorOf(model: string): Promise<EvaluationError> {
    try {
      await evaluateModelFile(model, { noWrite: true });
    } catch (e) {
      assert.ok(e instanceof EvaluationError, String(e));
      return e;
    }
    assert.fail('expected a failure');
  }
  const files = (model: string, ds: string) => ({ model, dataset: reg.path('datasets', `${ds}.json`) });

  // Missing ONNX file: fixed in the model metadata (artifacts.onnx).
  const missing = reg.model('missing', '../artifacts/nope.onnx', 'good', classify);
  const e1 = await errorOf(missing);
  assert.equal(e1.kind, 'model');
  assert.deepEqual(problemLocation(e1.kind, e1.message, files(missing, 'good')), { file: missing });
  assert.equal(openActionTitle({ file: missing }, missing), 'Open Model File');

  // Signature mismatch: the model file's evaluation.inputs.
  const wrong = reg.model('wrong', onnx, 'good', { ...classify, inputs: [{ name: 'pixels', columns: ['f0', 'f1'] }] });
  const e2 = await errorOf(wrong);
  assert.equal(e2.kind, 'signature');
  assert.deepEqual(problemLocation(e2.kind, e2.message, files(wrong, 'good')), { file: wrong });
  assert.match(evaluationFailedMessage(e2.kind, e2.message, 'wrong@1.0'), /^Evaluating wrong@1\.0 failed: the dataset does not fit the model's inputs or outputs\. .*pixels/s);

  // A non-numeric cell: the data file, at its line.
  const cell = reg.model('cell', onnx, 'bad', classify);
  const e3 = await errorOf(cell);
  assert.equal(e3.kind, 'data');
  const loc3 = problemLocation(e3.kind, e3.message, files(cell, 'bad'));
  assert.equal(loc3?.file, reg.path('data', 'bad.csv'));
  assert.equal(loc3?.line, 3);
  assert.equal(openActionTitle(loc3!, cell), 'Open Data File');

  // A label column that does not exist: the data file.
  const label = reg.model('label', onnx, 'good', { ...classify, label_column: 'target' });
  const e4 = await errorOf(label);
  assert.equal(problemLocation(e4.kind, e4.message, files(label, 'good'))?.file, reg.path('data', 'good.csv'));

  // An empty dataset: the data file.
  reg.dataset('empty', 'f0,f1,label\n');
  const empty = reg.model('empty', onnx, 'empty', classify);
  const e5 = await errorOf(empty);
  assert.equal(e5.kind, 'data');
  assert.equal(problemLocation(e5.kind, e5.message, files(empty, 'empty'))?.file, reg.path('data', 'empty.csv'));

  // A dataset metadata file that does not exist: open the model that names it.
  const noDs = reg.model('nods', onnx, 'absent', classify);
  const e6 = await errorOf(noDs);
  assert.deepEqual(problemLocation(e6.kind, e6.message, files(noDs, 'absent')), { file: noDs });

  // A data file that does not exist: open the dataset metadata that names it.
  writeFileSync(reg.path('datasets', 'gone.json'), JSON.stringify({ name: 'gone', path: '../data/gone.csv' }));
  const gone = reg.model('gone', onnx, 'gone', classify);
  const e7 = await errorOf(gone);
  assert.deepEqual(problemLocation(e7.kind, e7.message, files(gone, 'gone')), { file: reg.path('datasets', 'gone.json') });

  assert.equal(problemLocation('cancelled', 'evaluation cancelled', files(gone, 'gone')), undefined);
});

function registryFile(rel: string, kind: 'model' | 'dataset', data: unknown, name?: string): RegistryFile {
  return { uri: uri(`/w/${rel}`), rel, kind, name, version: '1.0', data, errors: 0, warnings: 0, references: [], referencedBy: [] };
}

test('datasetItems puts the chosen models\' evaluation dataset first and says whose it is', () => {
  const datasets = [registryFile('datasets/aaa.dataset.json', 'dataset', {}, 'aaa'), registryFile('datasets/iris-test.dataset.json', 'dataset', {}, 'iris-test')];
  const ev = { evaluation: { task: 'classification', dataset: { metadata_reference: '../datasets/iris-test.dataset.json' } } };
  const models = [registryFile('models/a.model.json', 'model', ev, 'a'), registryFile('models/b.model.json', 'model', ev, 'b')];
  const items = datasetItems(datasets, models);
  assert.deepEqual(items.map((i) => i.label), ['iris-test', 'aaa']);
  assert.equal(items[0].value, '/w/datasets/iris-test.dataset.json');
  assert.equal(items[0].description, 'v1.0 · evaluation dataset of a, b');
  assert.equal(items[1].description, 'v1.0');
});

test('metricItems follows the models\' task and says which direction is better', () => {
  const cls = [registryFile('m.model.json', 'model', { evaluation: { task: 'classification' } })];
  const rgr = [registryFile('r.model.json', 'model', { evaluation: { task: 'regression' } })];
  assert.equal(metricItems(cls, lowerIsBetter)[0].label, 'accuracy');
  assert.match(metricItems(cls, lowerIsBetter)[0].description!, /higher is better/);
  assert.deepEqual(metricItems(rgr, lowerIsBetter).map((i) => i.label), ['rmse', 'mae', 'mse', 'r2']);
  assert.match(metricItems(rgr, lowerIsBetter)[0].description!, /lower is better/);
  assert.match(metricItems(rgr, lowerIsBetter)[3].description!, /higher is better/);
  assert.equal(metricItems([...cls, ...rgr], lowerIsBetter).length, 11);
});

test('compareProblem wants two or more models', () => {
  assert.match(compareProblem(['/a.model.json'])!, /two or more/);
  assert.equal(compareProblem(['/a', '/b']), undefined);
});

test('comparisonMarkdown: the ranking table, the best model named, names escaped', () => {
  const c = compare([result('small', { accuracy: 0.9 }), result('big|<b>', { accuracy: 0.95 }), result('none', {})], 'accuracy');
  const md = comparisonMarkdown(c, 'iris-test@1.0', ['/w/results/a.results.json', undefined], '/w');
  assert.match(md, /^# Model comparison on iris-test@1\.0/);
  assert.match(md, /\*\*Best model: big\\\|\\<b\\>@1\.0\*\* \(accuracy, higher is better\)/);
  const rows = md.split('\n').filter((l) => l.startsWith('|')).slice(2);
  assert.equal(rows.length, 3);
  assert.match(rows[0], /^\|\s+1 \| big\\\|\\<b\\>@1\.0 \|\s+0\.9500 \|$/);
  assert.match(rows[1], /^\|\s+2 \| small@1\.0\s+\|\s+0\.9000 \|$/);
  assert.match(rows[2], /^\|\s+– \| none@1\.0\s+\|\s+n\/a \|$/);
  assert.match(md, /- `results\/a\.results\.json`/);
  assert.match(comparisonMarkdown(compare([result('x', {})], 'accuracy'), 'd', []), /No model has the metric accuracy\./);
});

test('shortenPaths: workspace paths in messages become relative; others stay', () => {
  assert.equal(shortenPaths('/w/ex/data/a.csv: row 2 (line 3) /other/b.csv', '/w/ex'), 'data/a.csv: row 2 (line 3) /other/b.csv');
  assert.equal(shortenPaths('/w/ex/a', '/w/ex/'), 'a');
  assert.equal(shortenPaths('/w/exx/a', '/w/ex'), '/w/exx/a');
  assert.equal(shortenPaths('/w/ex/a', undefined), '/w/ex/a');
  assert.match(evaluationFailedMessage('data', '/w/ex/data/a.csv: the dataset has no rows to evaluate', undefined, '/w/ex'), /a problem in the dataset\. data\/a\.csv: the dataset/);
});
