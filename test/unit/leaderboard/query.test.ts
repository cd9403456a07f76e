import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyQuery, buildRows, compileFilter, lowerIsBetter, parseColumnFilter, runQuery, type Query } from '../../../src/core/leaderboard';
import { models, results, result, ROOT } from './sample';

const data = buildRows({ models, results, root: ROOT });
const names = (q: Query) => applyQuery(data, q).rows.map(({ row, rank }) => `${rank ?? '-'} ${row.model} ${row.dataset}`);

test('default order: dataset, then rank (by the metric most rows have), then model; ties share a rank', () => {
  assert.deepEqual(names({}), [
    '1 EfficientNet CIFAR-10', '2 MobileNet CIFAR-10', '2 ResNet-50 CIFAR-10',
    '1 ViT-B/16 ImageNet-val', '2 ResNet-50 ImageNet-val', '3 MobileNet ImageNet-val',
  ]);
});

test('lower-is-better metrics rank ascending in auto mode; rows without the metric get no rank and go last', () => {
  assert.deepEqual(names({ dataset: 'CIFAR-10', rankBy: 'loss' }), ['1 EfficientNet CIFAR-10', '2 MobileNet CIFAR-10', '- ResNet-50 CIFAR-10']);
  assert.deepEqual(names({ dataset: 'CIFAR-10', rankBy: 'loss', rankDirection: 'desc' }), ['1 MobileNet CIFAR-10', '2 EfficientNet CIFAR-10', '- ResNet-50 CIFAR-10']);
  for (const m of ['loss', 'val_loss', 'perplexity', 'word_error', 'mae', 'mse', 'rmse', 'wer', 'cer', 'eval_loss']) assert.ok(lowerIsBetter(m), m);
  for (const m of ['accuracy', 'f1_score', 'precision', 'recall', 'acc_norm', 'bleu', 'auc', 'error_reduction']) assert.ok(!lowerIsBetter(m), m);
});

test('ranking across datasets when rankPerDataset is false', () => {
  assert.deepEqual(names({ rankPerDataset: false, rankBy: 'F1 Score', sort: [{ column: 'rank', direction: 'asc' }] }).slice(0, 3),
    ['1 ViT-B/16 ImageNet-val', '2 ResNet-50 ImageNet-val', '3 EfficientNet CIFAR-10']);
});

test('multi-key sort with empty cells last in either direction', () => {
  assert.deepEqual(names({ sort: [{ column: 'accuracy', direction: 'desc' }, { column: 'model', direction: 'desc' }] }).map((s) => s.split(' ')[1]),
    ['ViT-B/16', 'ResNet-50', 'EfficientNet', 'ResNet-50', 'MobileNet', 'MobileNet']);
  for (const direction of ['asc', 'desc'] as const) {
    const order = applyQuery(data, { sort: [{ column: 'loss', direction }] }).rows.map(({ row }) => row.metrics.loss);
    assert.deepEqual(order.slice(2), [undefined, undefined, undefined, undefined], direction);
  }
});

test('filters: global text, contains, comparisons, ranges, conjunctions, negation, rank', () => {
  assert.deepEqual(names({ text: 'NET  cifar' }).map((s) => s.split(' ')[1]), ['EfficientNet', 'MobileNet', 'ResNet-50']);
  assert.deepEqual(names({ filters: { accuracy: '> 0.93' } }).length, 3);
  assert.deepEqual(names({ filters: { accuracy: '>=0.93' } }).length, 5);
  assert.deepEqual(names({ filters: { Accuracy: '0.92..0.95' } }).length, 4);
  assert.deepEqual(names({ filters: { accuracy: '>0.92 & <0.95' } }).length, 3);
  assert.deepEqual(names({ filters: { model: '!MOBILE' } }).map((s) => s.split(' ')[1]), ['EfficientNet', 'ResNet-50', 'ViT-B/16', 'ResNet-50']);
  assert.deepEqual(names({ filters: { model: '=resnet-50' } }).length, 2);
  assert.deepEqual(names({ filters: { rank: '<=1' } }).map((s) => s.split(' ')[1]), ['EfficientNet', 'ViT-B/16']);
  assert.deepEqual(names({ filters: { loss: '=' } }).length, 4, '= with nothing: empty cells');
  assert.deepEqual(names({ filters: { training_date: '2023-01-01..2023-05-01' } }).length, 3);
  assert.deepEqual(names({ filters: { accuracy: '0.95' } }).length, 1, 'plain text matches the shown 0.950');
});

test('ranks are computed before filters, so a filtered view keeps true places', () => {
  assert.deepEqual(names({ filters: { model: 'resnet' } }), ['2 ResNet-50 CIFAR-10', '2 ResNet-50 ImageNet-val']);
});

test('columns choose and order; limit cuts after sorting; problems are reported, not thrown', () => {
  const t = applyQuery(data, { columns: ['model', 'F1 Score', 'rank', 'nope'], filters: { zzz: '1', accuracy: '> abc' }, sort: [{ column: 'x', direction: 'asc' }], rankBy: 'model', limit: 2 });
  assert.deepEqual(t.columns.map((c) => c.id), ['model', 'f1_score', 'rank']);
  assert.equal(t.rows.length, 2);
  assert.deepEqual(t.problems, [
    "rank metric 'model' is not a metric column",
    "filter on unknown column 'zzz'",
    "filter on Accuracy: 'abc' is not a number",
    "sort on unknown column 'x'",
    "unknown column 'nope'",
  ]);
});

test('command-line filters turn into column expressions', () => {
  assert.deepEqual(parseColumnFilter('accuracy>0.9'), { column: 'accuracy', expression: '>0.9' });
  assert.deepEqual(parseColumnFilter('model~llama'), { column: 'model', expression: 'llama' });
  assert.deepEqual(parseColumnFilter('f1_score=0.5..0.8'), { column: 'f1_score', expression: '0.5..0.8' });
  assert.deepEqual(parseColumnFilter('F1 Score >= 0.5'), { column: 'F1 Score', expression: '>=0.5' });
  assert.throws(() => parseColumnFilter('justtext'), /not a filter/);
  assert.throws(() => compileFilter('> x', 'number'), /'x' is not a number/);
});

test('100,000 rows: a query returns every matching index exactly once', () => {
  const many = buildRows({
    models: [],
    results: Array.from({ length: 100_000 }, (_, i) => result(`r${i}.json`, [`model-${i}`, '1'], `D${i % 7}`, { acc: (i * 7919 % 1000) / 1000 })),
  });
  const r = runQuery(many, { filters: { acc: '>= 0.5' }, sort: [{ column: 'acc', direction: 'desc' }] });
  assert.equal(r.order.length, 50_000);
  assert.equal(new Set(r.order).size, 50_000);
  for (let k = 1; k < r.order.length; k++) assert.ok(many.rows[r.order[k - 1]!]!.metrics.acc! >= many.rows[r.order[k]!]!.metrics.acc!);
});

test('per-dataset ranking with no metric named: each dataset ranks by its most common metric, lower-better known', () => {
  const mixed = buildRows({
    models: [],
    results: [
      result('a.json', ['A', '1'], 'code', { loss: 1.2, perplexity: 3.3 }),
      result('b.json', ['B', '1'], 'code', { loss: 0.9, perplexity: 2.5 }),
      result('c.json', ['A', '1'], 'arc', { acc: 0.4 }),
      result('d.json', ['B', '1'], 'arc', { acc: 0.6 }),
    ],
  });
  const r = applyQuery(mixed, {});
  assert.deepEqual(r.rows.map(({ row, rank }) => `${row.dataset} ${row.model} ${rank}`), ['arc B 1', 'arc A 2', 'code B 1', 'code A 2']);
  assert.equal(runQuery(mixed, {}).rankColumn, undefined);
  assert.equal(runQuery(mixed, { rankPerDataset: false }).rankColumn?.id, 'loss');
});

test('shot counts are part of a row\'s key and show in a Shots column', () => {
  const shots = buildRows({
    models: [],
    results: [
      result('a0.json', ['A', '1'], 'arc', { acc: 0.4 }, { n_shot: 0 }),
      result('a25.json', ['A', '1'], 'arc', { acc: 0.5 }, { n_shot: 25 }),
      result('b25.json', ['B', '1'], 'arc', { acc: 0.45 }, { n_shot: 25 }),
    ],
  });
  assert.ok(shots.columns.some((c) => c.id === 'n_shot' && c.label === 'Shots'));
  const t = applyQuery(shots, { columns: ['model', 'n_shot', 'rank'], sort: [{ column: 'n_shot', direction: 'desc' }, { column: 'rank', direction: 'asc' }] });
  assert.deepEqual(t.rows.map(({ row, rank }) => `${row.model} ${row.shots} ${rank}`), ['A 25 1', 'B 25 2', 'A 0 1']);
  assert.equal(applyQuery(shots, { filters: { shots: '>= 5' } }).rows.length, 2);
});

test('a column list that names nothing known shows every column (and says why)', () => {
  const t = applyQuery(data, { columns: ['gone', 'also_gone'] });
  assert.equal(t.columns.length, data.columns.length);
  assert.deepEqual(t.problems, ["unknown column 'gone'", "unknown column 'also_gone'"]);
});
