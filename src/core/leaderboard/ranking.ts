// Ranking: rows grouped by dataset (+ version, split, shots), each group ranked by its metric.
// One pass over the row objects gives every row's group and value (RankInputs); the ranks and the
// webview's first rows are then computed on typed arrays alone.
import type { Column, LeaderboardData, Row } from './types';

export interface RankInputs {
  /** Each row's rank group 0..groupCount-1, in order of first appearance (-1: outside the scope). */
  groupOf: Int32Array;
  groupCount: number;
  /** Each row's value of its group's metric, negated when higher is better, so lower ranks first; NaN: none. */
  directed: Float64Array;
  /** The metric each group ranks by (undefined: the group has none). */
  metricOf: (Column | undefined)[];
}

/**
 * Groups and directed values for a ranking. Without a column, a group ranks by the metric most of
 * its rows have (leftmost on ties): taken to be the leftmost metric, and checked per group after.
 */
export function rankInputs(data: LeaderboardData, scope: Uint32Array, column: Column | undefined, ascending: (c: Column) => boolean, perDataset: boolean): RankInputs {
  const rows = data.rows;
  const n = rows.length;
  const groupOf = new Int32Array(n).fill(-1);
  const directed = new Float64Array(n).fill(NaN);
  const grouper = rankGrouper(perDataset);
  const guess = column ?? data.columns.find((c) => c.kind === 'number' && c.metric !== undefined);
  const metric = guess?.metric;
  const sign = guess && ascending(guess) ? 1 : -1;
  const missing: number[] = [];
  // The hot loop of a first render at 100,000 rows: no calls per row but the group's map lookup.
  for (let s = 0; s < scope.length; s++) {
    const i = scope[s]!;
    const row = rows[i]!;
    const g = (groupOf[i] = grouper.group(row));
    if (g === missing.length) missing.push(0);
    if (metric === undefined) continue;
    const v: unknown = row.metrics[metric];
    if (v === undefined) missing[g]++;
    else if (typeof v === 'number') directed[i] = sign * v; // NaN stays NaN: no value
  }
  const groupCount = missing.length;
  const metricOf: (Column | undefined)[] = new Array<Column | undefined>(groupCount).fill(metric === undefined ? undefined : guess);
  if (!column) {
    for (let g = 0; g < groupCount; g++) {
      if (!missing[g]) continue;
      const members: number[] = [];
      for (const i of scope) if (groupOf[i] === g) members.push(i);
      const c = (metricOf[g] = groupMetric(data, members));
      if (c === guess) continue;
      const m = c?.metric;
      const sg = c && ascending(c) ? 1 : -1;
      for (const i of members) {
        const v: unknown = m === undefined ? undefined : rows[i]!.metrics[m];
        directed[i] = typeof v === 'number' ? sg * v : NaN;
      }
    }
  }
  return { groupOf, groupCount, directed, metricOf };
}

/**
 * Competition ranks (1, 2, 2, 4) of every scope row within its group, NaN without a value: one more
 * than the number of the group's values strictly better, found in the group's values sorted natively.
 */
export function ranksFrom(inputs: RankInputs, scope: Uint32Array): Float64Array {
  const { groupOf, groupCount, directed } = inputs;
  const ranks = new Float64Array(groupOf.length).fill(NaN);
  // Counting sort of the valued rows by group, then each group's values sorted.
  const start = new Uint32Array(groupCount + 1);
  for (const i of scope) if (!Number.isNaN(directed[i]!)) start[groupOf[i]! + 1]!++;
  for (let g = 0; g < groupCount; g++) start[g + 1]! += start[g]!;
  const fill = start.slice(0, groupCount);
  const values = new Float64Array(start[groupCount]!);
  for (const i of scope) { const d = directed[i]!; if (!Number.isNaN(d)) values[fill[groupOf[i]!]!++] = d; }
  for (let g = 0; g < groupCount; g++) values.subarray(start[g]!, start[g + 1]!).sort();
  for (const i of scope) {
    const d = directed[i]!;
    if (Number.isNaN(d)) continue;
    const g = groupOf[i]!;
    const from = start[g]!;
    let lo = from, hi = start[g + 1]!;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (values[mid]! < d) lo = mid + 1; else hi = mid; }
    ranks[i] = lo - from + 1;
  }
  return ranks;
}

/** Numbers rows by rank group as it meets them: by dataset, dataset version, split and shot count, or all as one. */
export function rankGrouper(perDataset: boolean): { group(row: Row): number; count(): number } {
  if (!perDataset) {
    let seen = 0;
    return { group: () => (seen = 1, 0), count: () => seen };
  }
  // Most rows have no version, split or shots: one map lookup by dataset name, no key string to build.
  // Rows of one dataset often come together: the last one's entry first.
  const byDataset = new Map<string, { plain: number; more?: Map<string, number> }>();
  let count = 0;
  let lastName: string | undefined;
  let last: { plain: number; more?: Map<string, number> } | undefined;
  return {
    group(row) {
      let entry = row.dataset === lastName ? last : byDataset.get(row.dataset);
      if (!entry) byDataset.set(row.dataset, (entry = { plain: -1 }));
      lastName = row.dataset;
      last = entry;
      const rest = row.datasetVersion === undefined && row.split === undefined && row.shots === undefined ? '' : `${row.datasetVersion ?? ''}\u0000${row.split ?? ''}\u0000${row.shots ?? ''}`;
      let g: number | undefined;
      if (rest === '' || rest === '\u0000\u0000') {
        if ((g = entry.plain) < 0) g = entry.plain = count++;
      } else {
        entry.more ??= new Map();
        if ((g = entry.more.get(rest)) === undefined) entry.more.set(rest, (g = count++));
      }
      return g;
    },
    count: () => count,
  };
}

/** The metric most of a group's rows have, leftmost on ties; stops at the first one every row has. */
export function groupMetric(data: LeaderboardData, members: readonly number[]): Column | undefined {
  let best = 0;
  let c: Column | undefined;
  for (const m of data.columns) {
    if (m.kind !== 'number' || m.metric === undefined) continue;
    let count = 0;
    for (const i of members) if (data.rows[i]!.metrics[m.metric] !== undefined) count++;
    if (count > best) { best = count; c = m; }
    if (best === members.length) break;
  }
  return c;
}
