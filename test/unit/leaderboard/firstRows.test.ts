import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runQuery, type Column, type LeaderboardData, type Query, type Row } from '../../../src/core/leaderboard';
import { firstRows } from '../../../src/core/leaderboard/firstRows';

/** Rows with many ties, missing metrics, case variants, splits and shot counts, from a fixed seed. */
function makeData(n: number, seed: number, opts: { splits?: boolean } = {}): LeaderboardData {
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const rows: Row[] = [];
  for (let i = 0; i < n; i++) {
    const metrics: Record<string, number> = {};
    if (random() < 0.9) metrics.accuracy = Math.round(random() * 20) / 20; // coarse: many ties
    if (random() < 0.7) metrics.loss = Math.round(random() * 1000) / 100;
    if (random() < 0.5) metrics.f1_score = random();
    const row: Row = {
      id: `r${i}`, dataset: pick(['CIFAR-10', 'cifar-10', 'ImageNet', 'mnist', '']), model: pick(['ResNet', 'resnet', 'ViT', 'BERT', 'bert-base', 'Zeta', '']) + (random() < 0.5 ? `-${i % 7}` : ''),
      version: pick(['1', '2', '']), source: `s${i % 13}`, sourcePath: `/s${i}`, metrics,
    };
    if (random() < 0.6) row.trainingDate = `2024-0${1 + (i % 9)}-01`;
    if (opts.splits && random() < 0.5) row.split = pick(['test', 'val']);
    if (opts.splits && random() < 0.3) row.shots = pick([0, 5]);
    rows.push(row);
  }
  const columns: Column[] = [
    { id: 'rank', label: 'Rank', kind: 'rank' }, { id: 'dataset', label: 'Dataset', kind: 'text' }, { id: 'model', label: 'Model', kind: 'text' },
    { id: 'version', label: 'Version', kind: 'text' }, { id: 'training_date', label: 'Training Date', kind: 'date' },
    { id: 'accuracy', label: 'Accuracy', kind: 'number', metric: 'accuracy' }, { id: 'loss', label: 'Loss', kind: 'number', metric: 'loss' },
    { id: 'f1_score', label: 'F1 Score', kind: 'number', metric: 'f1_score' }, { id: 'source', label: 'Source', kind: 'text' },
  ];
  return { rows, columns };
}

const QUERIES: Query[] = [
  {},
  { dataset: 'CIFAR-10' },
  { rankBy: 'loss' },
  { rankBy: 'accuracy', rankDirection: 'asc' },
  { rankPerDataset: false },
  { rankPerDataset: false, rankBy: 'f1_score', rankDirection: 'desc' },
  { sort: [{ column: 'rank', direction: 'asc' }] },
  { sort: [{ column: 'rank', direction: 'desc' }] },
  { sort: [{ column: 'model', direction: 'asc' }] },
  { sort: [{ column: 'model', direction: 'desc' }, { column: 'rank', direction: 'asc' }] },
  { sort: [{ column: 'accuracy', direction: 'desc' }, { column: 'training_date', direction: 'asc' }] },
  { sort: [{ column: 'loss', direction: 'asc' }] },
  { filters: { accuracy: '> 0.5', model: 'res' } },
  { filters: { loss: '1..3' }, sort: [{ column: 'dataset', direction: 'desc' }, { column: 'rank', direction: 'asc' }] },
  { filters: { model: '!bert' }, limit: 7 },
  { columns: ['model', 'rank'], sort: [{ column: 'nope', direction: 'asc' }], filters: { accuracy: '> x' } },
];

test('firstRows gives runQuery\'s first rows, ranks, count and problems (ties, case variants, splits, filters, limits)', () => {
  for (const [seed, splits] of [[1, false], [2, true], [3, false], [4, true]] as const) {
    const data = makeData(600, seed, { splits });
    for (const query of QUERIES) {
      for (const k of [1, 5, 40]) {
        const full = runQuery(data, query);
        const first = firstRows(data, query, k);
        const label = `${JSON.stringify(query)} k=${k} seed=${seed}`;
        assert.ok(first, label);
        assert.equal(first.count, full.order.length, label);
        assert.deepEqual(Array.from(first.order), Array.from(full.order.subarray(0, k)), label);
        for (const i of first.order) assert.ok(Object.is(first.ranks[i], full.ranks[i]), `${label}: rank of row ${i}`);
        assert.deepEqual(first.problems, full.problems, label);
        assert.deepEqual(first.columns, full.columns, label);
        assert.equal(first.total, full.total, label);
        assert.equal(first.rankColumn, full.rankColumn, label);
        assert.equal(first.rankAscending, full.rankAscending, label);
      }
    }
  }
});

test('firstRows declines the global filter and rank filters (they need every row)', () => {
  const data = makeData(50, 9);
  assert.equal(firstRows(data, { text: 'res' }, 10), undefined);
  assert.equal(firstRows(data, { filters: { rank: '<= 3' } }, 10), undefined);
  assert.ok(firstRows(data, { text: '  ' }, 10));
});
