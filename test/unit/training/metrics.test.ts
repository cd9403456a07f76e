import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MetricsCollector, parseMetricsLine } from '../../../src/core/training/metrics';

test('JSON lines: numeric fields only', () => {
  assert.deepEqual(parseMetricsLine('{"epoch": 2, "loss": 0.5, "accuracy": 0.9, "tag": "x", "nan": null}'), { values: { epoch: 2, loss: 0.5, accuracy: 0.9 }, progress: null });
  assert.equal(parseMetricsLine('{"note": "starting"}'), null);
});

test('key=value and key: value pairs', () => {
  assert.deepEqual(parseMetricsLine('epoch=3 loss=0.4463 accuracy=0.9174')!.values, { epoch: 3, loss: 0.4463, accuracy: 0.9174 });
  assert.deepEqual(parseMetricsLine('Epoch 3 - train/loss: 1.5e-3, val_acc: .91, lr = 3E-4')!.values, { 'train/loss': 0.0015, val_acc: 0.91, lr: 0.0003 });
  assert.deepEqual(parseMetricsLine('step: -2')!.values, { step: -2 });
});

test('not metrics: times, versions, words, paths, bare numbers', () => {
  assert.equal(parseMetricsLine('[12:30:45] started at 2024-01-01T10:00:00'), null);
  assert.equal(parseMetricsLine('python=3.11.2 path=/a/b:1 name=abc size=12kb'), null);
  assert.equal(parseMetricsLine('loading shards 3 of 8'), null);
  assert.equal(parseMetricsLine(''), null);
});

test('tqdm bars give progress; a progress field too; clamped', () => {
  assert.deepEqual(parseMetricsLine(' 45%|████▌     | 45/100 [00:01<00:01, 40.1it/s, loss=0.25]'), { values: { loss: 0.25 }, progress: 45 });
  assert.deepEqual(parseMetricsLine('Epoch 1: 100%|##########| 12/12'), { values: {}, progress: 100 });
  assert.deepEqual(parseMetricsLine('{"progress": 130}'), { values: {}, progress: 100 });
  assert.equal(parseMetricsLine('accuracy 95% on the test set'), null);
});

test('MetricsCollector: x from step/epoch, else the count; bounded by halving', () => {
  const c = new MetricsCollector(8);
  c.addLine('epoch=1 loss=2');
  c.addLine('epoch=2 loss=1');
  c.addLine('val_acc: 0.5');
  assert.deepEqual(c.series, { loss: [[1, 2], [2, 1]], val_acc: [[1, 0.5]] });
  for (let i = 0; i < 100; i++) c.addLine(`step=${i} x=${i}`);
  assert.ok(c.series.x.length <= 8, `kept ${c.series.x.length}`);
  assert.deepEqual(c.series.x.at(-1), [99, 99], 'the latest point is always kept');
  const xs = c.series.x.map(([x]) => x);
  assert.deepEqual(xs, [...xs].sort((a, b) => a - b));
  c.addLine(' 50%|#####     | 5/10');
  assert.equal(c.progress, 50);
});
