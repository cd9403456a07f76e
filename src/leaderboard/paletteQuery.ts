// The choices and the Query of "Insert Leaderboard as Markdown Table" from the palette (no
// webview): which datasets, which metrics, and a query that shows only columns with values.
// Pure (no 'vscode').
import { applyQuery, cellValue } from '../core/leaderboard/query';
import { lowerIsBetter } from '../core/leaderboard/metrics';
import type { LeaderboardData, Query } from '../core/leaderboard/types';

export interface Choice {
  /** '' for "all datasets" / "the default metric". */
  value: string;
  label: string;
  description?: string;
}

export function datasetChoices(data: LeaderboardData): Choice[] {
  const counts = new Map<string, number>();
  for (const r of data.rows) counts.set(r.dataset, (counts.get(r.dataset) ?? 0) + 1);
  const plural = (n: number) => `${n} result${n === 1 ? '' : 's'}`;
  return [
    { value: '', label: 'All datasets', description: plural(data.rows.length) },
    ...[...counts.keys()].sort((a, b) => a.localeCompare(b)).map((d) => ({ value: d, label: d, description: plural(counts.get(d)!) })),
  ];
}

/** Metric columns that some row of the dataset has, most common first. */
export function metricChoices(data: LeaderboardData, dataset: string): Choice[] {
  const rows = dataset ? data.rows.filter((r) => r.dataset === dataset) : data.rows;
  const metrics = data.columns
    .filter((c) => c.kind === 'number' && c.metric !== undefined)
    .map((c) => ({ c, n: rows.filter((r) => r.metrics[c.metric!] !== undefined).length }))
    .filter((x) => x.n > 0)
    .sort((a, b) => b.n - a.n);
  return [
    { value: '', label: 'Default', description: 'each dataset ranked by the metric most of its rows have' },
    ...metrics.map(({ c, n }) => ({ value: c.id, label: c.label, description: `${lowerIsBetter(c.metric!) ? 'lower' : 'higher'} is better · ${n} row${n === 1 ? '' : 's'}` })),
  ];
}

/** Dataset and rank metric as a Query whose columns are those with at least one value. */
export function paletteQuery(data: LeaderboardData, dataset: string, rankBy: string, digits?: number): Query {
  const q: Query = {};
  if (dataset) q.dataset = dataset;
  if (rankBy) q.rankBy = rankBy;
  if (digits !== undefined) q.digits = digits;
  const table = applyQuery(data, q);
  q.columns = table.columns
    .filter((c) => c.id === 'rank' || table.rows.some(({ row, rank }) => cellValue(row, c, rank ?? NaN) !== undefined))
    .map((c) => c.id);
  return q;
}
