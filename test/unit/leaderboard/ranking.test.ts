import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lowerIsBetter, runQuery, type Column, type LeaderboardData, type Query, type Row } from '../../../src/core/leaderboard';

/** Rows with coarse (tied) values, missing metrics, NaN, splits and shots, from a fixed seed. */
function makeData(n: number, seed: number): LeaderboardData {
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const rows: Row[] = [];
  for (let i = 0; i < n; i++) {
    const metrics: Record<string, number> = {};
    if (random() < 0.8) metrics.accuracy = Math.round(random() * 10) / 10;
    if (random() < 0.6) metrics.loss = random() < 0.05 ? NaN : Math.round(random() * 10) / 10;
    const row: Row = { id: `r${i}`, dataset: ['A', 'B', 'C'][i % 3]!, model: `m${i}`, version: '1', source: 's', sourcePath: '/s', metrics };
    if (random() < 0.3) row.split = random() < 0.5 ? 'test' : '';
    if (random() < 0.2) row.shots = 5;
    rows.push(row);
  }
  const columns: Column[] = [
    { id: 'rank', label: 'Rank', kind: 'rank' }, { id: 'dataset', label: 'Dataset', kind: 'text' }, { id: 'model', label: 'Model', kind: 'text' },
    { id: 'accuracy', label: 'Accuracy', kind: 'number', metric: 'accuracy' }, { id: 'loss', label: 'Loss', kind: 'number', metric: 'loss' },
  ];
  return { rows, columns };
}

/** The definition, slowly: 1 + the number of rows in the same group with a strictly better value. */
function naiveRanks(data: LeaderboardData, q: Query): (number | undefined)[] {
  const perDataset = q.rankPerDataset ?? true;
  const key = (r: Row) => (perDataset ? `${r.dataset}|${r.split ?? ''}|${r.shots ?? ''}` : '');
  const scope = data.rows.filter((r) => !q.dataset || r.dataset === q.dataset);
  const metricOf = (members: Row[]) => {
    if (q.rankBy) return q.rankBy;
    let best = 0, metric: string | undefined;
    for (const m of ['accuracy', 'loss']) {
      const count = members.filter((r) => r.metrics[m] !== undefined).length;
      if (count > best) { best = count; metric = m; }
    }
    return metric;
  };
  return data.rows.map((r) => {
    if (!scope.includes(r)) return undefined;
    const members = scope.filter((o) => key(o) === key(r));
    const m = metricOf(members);
    const v = m === undefined ? undefined : r.metrics[m];
    if (m === undefined || v === undefined || Number.isNaN(v)) return undefined;
    const up = q.rankDirection === 'asc' || ((q.rankDirection ?? 'auto') === 'auto' && lowerIsBetter(m));
    return 1 + members.filter((o) => { const w = o.metrics[m]; return w !== undefined && !Number.isNaN(w) && (up ? w < v : w > v); }).length;
  });
}

test('ranks match the definition: per group, ties share, missing and NaN unranked, directions, default metric per group', () => {
  const queries: Query[] = [{}, { rankPerDataset: false }, { rankBy: 'loss' }, { rankBy: 'accuracy', rankDirection: 'asc' }, { rankPerDataset: false, rankBy: 'accuracy' }, { dataset: 'B' }, { dataset: 'C', rankBy: 'loss', rankDirection: 'desc' }];
  for (const seed of [1, 2, 3]) {
    const data = makeData(300, seed);
    for (const q of queries) {
      const r = runQuery(data, q);
      const got = Array.from(r.ranks, (x) => (Number.isNaN(x) ? undefined : x));
      assert.deepEqual(got, naiveRanks(data, q), `${JSON.stringify(q)} seed ${seed}`);
    }
  }
});
