import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classificationMetrics, regressionMetrics } from '../../../src/core/evaluation/metrics';
import { compare } from '../../../src/core/evaluation/compare';
import type { EvaluationResult } from '../../../src/core/evaluation/job';

const close = (a: number, b: number, msg?: string) => assert.ok(Math.abs(a - b) < 1e-12, `${msg ?? ''} ${a} ≠ ${b}`);

test('classification metrics against hand-computed values, with a class never predicted', () => {
  // truth a a a b b c, predicted a a b b a a: class c is never predicted.
  const r = classificationMetrics(['a', 'a', 'a', 'b', 'b', 'c'], ['a', 'a', 'b', 'b', 'a', 'a'], ['a', 'b', 'c']);
  assert.deepEqual(r.confusion_matrix, { labels: ['a', 'b', 'c'], matrix: [[2, 1, 0], [1, 1, 0], [1, 0, 0]] });
  close(r.metrics.accuracy, 1 / 2);
  assert.deepEqual(r.per_class.c, { precision: 0, recall: 0, f1: 0, support: 1 });
  close(r.per_class.a.precision, 1 / 2);
  close(r.per_class.a.recall, 2 / 3);
  close(r.per_class.a.f1, 4 / 7);
  close(r.per_class.b.f1, 1 / 2);
  close(r.metrics.precision_macro, 1 / 3);
  close(r.metrics.recall_macro, 7 / 18);
  close(r.metrics.f1_macro, 5 / 14);
  close(r.metrics.precision, 5 / 12);
  close(r.metrics.recall, 1 / 2);
  close(r.metrics.f1_score, 19 / 42);
});

test('a single class, and a predicted class absent from the truth', () => {
  const one = classificationMetrics(['x', 'x', 'x'], ['x', 'x', 'x']);
  assert.deepEqual(one.metrics, { accuracy: 1, precision: 1, recall: 1, f1_score: 1, precision_macro: 1, recall_macro: 1, f1_macro: 1 });
  assert.deepEqual(one.confusion_matrix, { labels: ['x'], matrix: [[3]] });
  const extra = classificationMetrics(['x', 'x'], ['x', 'y']);
  assert.deepEqual(extra.confusion_matrix.labels, ['x', 'y']);
  assert.deepEqual(extra.per_class.y, { precision: 0, recall: 0, f1: 0, support: 0 });
  close(extra.metrics.precision_macro, (1 + 0) / 2);
  close(extra.metrics.recall_macro, (1 / 2 + 0) / 2);
  close(extra.metrics.precision, 1); // weights are supports: y has none
});

test('regression metrics against hand-computed values', () => {
  const r = regressionMetrics([1, 2, 3, 4], [1.5, 2, 2, 5]);
  close(r.metrics.mae, 0.625);
  close(r.metrics.mse, 0.5625);
  close(r.metrics.rmse, 0.75);
  close(r.metrics.r2, 1 - 2.25 / 5);
  assert.equal(regressionMetrics([3, 3], [3, 3]).metrics.r2, 1);
  assert.equal(regressionMetrics([3, 3], [3, 4]).metrics.r2, 0);
});

const result = (name: string, metrics: Record<string, number>, version?: string): EvaluationResult => ({
  model: { name, ...(version ? { version } : {}) }, dataset: { name: 'd' }, metrics, samples_evaluated: 1, duration_seconds: 0, evaluated_at: '', task: 'classification',
});

test('compare ranks by the chosen metric, lower-is-better for errors, ties share a rank', () => {
  const rs = [result('a', { accuracy: 0.8, rmse: 2 }), result('b', { accuracy: 0.9, rmse: 3 }, '2'), result('c', { accuracy: 0.8, rmse: 1 }), result('d', {})];
  const byAcc = compare(rs);
  assert.equal(byAcc.metric, 'accuracy');
  assert.equal(byAcc.best_model, 'b@2');
  assert.deepEqual(byAcc.ranking, [
    { rank: 1, model: 'b@2', value: 0.9 },
    { rank: 2, model: 'a', value: 0.8 },
    { rank: 2, model: 'c', value: 0.8 },
    { rank: null, model: 'd', value: null },
  ]);
  assert.deepEqual(byAcc.models, ['a', 'b@2', 'c', 'd']);
  const byRmse = compare(rs, 'rmse');
  assert.equal(byRmse.higher_is_better, false);
  assert.deepEqual(byRmse.ranking.map((e) => e.model), ['c', 'a', 'b@2', 'd']);
  assert.equal(compare([result('d', {})], 'f1_macro').best_model, null);
});
