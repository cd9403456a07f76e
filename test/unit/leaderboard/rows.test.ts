import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildRows, fileForRow } from '../../../src/core/leaderboard';
import { models, results, result, model, ROOT } from './sample';

test('one row per (model, dataset, split); a results file wins over the model\'s own metrics', () => {
  const { rows } = buildRows({ models, results, root: ROOT });
  const keys = rows.map((r) => `${r.model}@${r.version} ${r.dataset}`).sort();
  assert.deepEqual(keys, [
    'EfficientNet@0.9 CIFAR-10', 'MobileNet@3.0 CIFAR-10', 'MobileNet@3.0 ImageNet-val',
    'ResNet-50@1.0 CIFAR-10', 'ResNet-50@1.0 ImageNet-val', 'ViT-B/16@2.1 ImageNet-val',
  ]);
  const vit = rows.find((r) => r.model === 'ViT-B/16')!;
  assert.equal(vit.metrics.accuracy, 0.972, 'results file numbers, not the model card\'s 0.97');
  assert.equal(vit.source, 'eval-harness');
  assert.equal(vit.sourcePath, `${ROOT}/results/vit-imagenet.json`);
  assert.equal(vit.modelPath, `${ROOT}/models/ViT-B_16-2.1.json`);
});

test('training date is joined from the model file by name and version', () => {
  const { rows } = buildRows({
    models: [model('M', '1', '2024-01-01', undefined, {}), model('M', '2', '2024-02-02', undefined, {})],
    results: [result('a.json', ['M', '2'], 'D', { acc: 1 }), result('b.json', ['M', '3'], 'D', { acc: 1 })],
  });
  assert.equal(rows.find((r) => r.version === '2')!.trainingDate, '2024-02-02');
  assert.equal(rows.find((r) => r.version === '3')!.trainingDate, undefined);
  assert.equal(rows.find((r) => r.version === '3')!.modelPath, undefined);
});

test('columns: fixed, then the union of metrics in first-seen order, then Source; Split only when used', () => {
  const { columns } = buildRows({ models, results, root: ROOT });
  assert.deepEqual(columns.map((c) => c.label), ['Rank', 'Dataset', 'Model', 'Version', 'Training Date', 'Accuracy', 'Precision', 'Recall', 'F1 Score', 'Loss', 'Source']);
  const withSplit = buildRows({ models: [], results: [result('a.json', ['M', '1'], 'D', { wer: 0.1 }, { split: 'dev' })] });
  assert.deepEqual(withSplit.columns.map((c) => c.id), ['rank', 'dataset', 'split', 'model', 'version', 'training_date', 'wer', 'source']);
});

test('splits are separate rows; a test-split result replaces the model card, a dev-split one does not', () => {
  const m = model('M', '1', '2024-01-01', 'D', { acc: 0.5 });
  const dev = buildRows({ models: [m], results: [result('a.json', ['M', '1'], 'D', { acc: 0.6 }, { split: 'dev' })] });
  assert.equal(dev.rows.length, 2);
  const testSplit = buildRows({ models: [m], results: [result('a.json', ['M', '1'], 'D', { acc: 0.7 }, { split: 'test' })] });
  assert.deepEqual(testSplit.rows.map((r) => r.metrics.acc), [0.7]);
});

test('several results files for one key merge; the later evaluated_at wins a conflict', () => {
  const { rows } = buildRows({
    models: [],
    results: [
      result('b.json', ['M', '1'], 'D', { acc: 0.9, f1: 0.8 }, { evaluated_at: '2024-05-01T00:00:00Z' }),
      result('a.json', ['M', '1'], 'D', { acc: 0.7, loss: 0.3 }, { evaluated_at: '2024-01-01T00:00:00Z' }),
    ],
    root: ROOT,
  });
  assert.equal(rows.length, 1);
  assert.deepEqual(rows[0]!.metrics, { acc: 0.9, f1: 0.8, loss: 0.3 });
  assert.equal(rows[0]!.source, 'results/a.json, results/b.json');
});

test('non-numeric metrics are dropped, nested ones flatten, and malformed entries are skipped', () => {
  const { rows, columns } = buildRows({
    models: [{ path: '/x.json', data: null }, { path: '/y.json', data: { model_name: 5 } }],
    results: [
      { path: '/bad.json', data: [] },
      { path: '/nomodel.json', data: { dataset: { name: 'D' }, metrics: { a: 1 } } },
      result('n.json', ['M', '1'], 'D', { acc: 0.5, note: 'good' as unknown as number, arc: { acc_norm: 0.4 } as unknown as number, nan: NaN }),
    ],
  });
  assert.equal(rows.length, 1);
  assert.deepEqual(rows[0]!.metrics, { acc: 0.5, 'arc.acc_norm': 0.4 });
  assert.ok(columns.some((c) => c.id === 'arc.acc_norm' && c.label === 'Arc Acc Norm'));
});

test('a metric named like a fixed column gets its own id', () => {
  const { columns } = buildRows({ models: [], results: [result('a.json', ['M', '1'], 'D', { rank: 3, model: 1 })] });
  assert.deepEqual(columns.filter((c) => c.metric).map((c) => c.id), ['metric.rank', 'metric.model']);
});

test('openRow ids map to the model file when known, else the results file', () => {
  const data = buildRows({ models, results, root: ROOT });
  const vit = data.rows.find((r) => r.model === 'ViT-B/16')!;
  assert.equal(fileForRow(data, vit.id), `${ROOT}/models/ViT-B_16-2.1.json`);
  const effnet = data.rows.find((r) => r.model === 'EfficientNet')!;
  assert.equal(fileForRow(data, effnet.id), `${ROOT}/models/EfficientNet-0.9.json`);
  const orphan = buildRows({ models: [], results: [result('x.json', ['X', '1'], 'D', { a: 1 })] });
  assert.equal(fileForRow(orphan, orphan.rows[0]!.id), `${ROOT}/results/x.json`);
  assert.equal(fileForRow(data, '../../etc/passwd'), undefined);
});
