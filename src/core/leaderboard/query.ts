// Runs a Query over leaderboard data: dataset choice, ranking, filters, multi-key sort, columns.
// Works on row indices and typed arrays so the webview can re-run it per keystroke at 100,000 rows.
import type { Column, LeaderboardData, Query, RankedRow, Row, SortKey, Table } from './types';
import { compileFilter, FilterError, type CellTest } from './filter';
import { lowerIsBetter, normalizeColumnId } from './metrics';

export const DEFAULT_DIGITS = 3;

/** The result of a query as indices into data.rows. */
export interface QueryResult {
  /** Visible columns in order. */
  columns: Column[];
  /** Indices into data.rows, filtered and sorted (and cut to the limit). */
  order: Uint32Array;
  /** Rank of each row by index into data.rows; NaN when the row has no value for the rank metric. */
  ranks: Float64Array;
  /** Rows of the chosen dataset before filters. */
  total: number;
  /** The metric column Rank is computed from (absent: each dataset's most common metric), and whether lower is better. */
  rankColumn?: Column;
  rankAscending: boolean;
  /** Names in the query that match no column, bad filter expressions. Callers decide if fatal. */
  problems: string[];
}

/** A column by id, normalised id, label or metric key; undefined when none matches. */
export function findColumn(columns: readonly Column[], name: string): Column | undefined {
  const n = normalizeColumnId(name);
  return (
    columns.find((c) => c.id === name) ??
    columns.find((c) => c.id === n || normalizeColumnId(c.label) === n) ??
    columns.find((c) => c.metric !== undefined && (c.metric === name || normalizeColumnId(c.metric) === n))
  );
}

/** The value a cell sorts and compares by: number for metrics and rank, string otherwise. */
export function cellValue(row: Row, column: Column, rank: number): number | string | undefined {
  switch (column.id) {
    case 'rank': return Number.isNaN(rank) ? undefined : rank;
    case 'dataset': return row.dataset;
    case 'split': return row.split;
    case 'n_shot': return row.shots;
    case 'model': return row.model;
    case 'version': return row.version;
    case 'training_date': return row.trainingDate;
    case 'source': return row.source;
  }
  return column.metric !== undefined ? row.metrics[column.metric] : undefined;
}

/** The text a cell shows: metrics with `digits` decimals, empty when missing. */
export function formatCell(row: Row, column: Column, rank: number, digits = DEFAULT_DIGITS): string {
  const v = cellValue(row, column, rank);
  if (v === undefined) return '';
  if (typeof v === 'number') return column.kind === 'number' ? v.toFixed(digits) : String(v);
  return v;
}

/** The metric Rank uses when the query names none: the one most rows have, leftmost on ties. */
export function defaultRankColumn(data: LeaderboardData, rows: ArrayLike<number> = allIndices(data.rows.length)): Column | undefined {
  let best: Column | undefined;
  let bestCount = 0;
  for (const c of data.columns) {
    if (c.kind !== 'number' || c.metric === undefined) continue;
    let count = 0;
    for (let i = 0; i < rows.length; i++) if (data.rows[rows[i]!]!.metrics[c.metric] !== undefined) count++;
    if (count > bestCount) { best = c; bestCount = count; }
  }
  return best;
}

/** Run the query. Unknown names and bad filters are reported in `problems` and otherwise ignored. */
export function runQuery(data: LeaderboardData, query: Query = {}): QueryResult {
  const problems: string[] = [];
  const cache = cacheFor(data);
  const n = data.rows.length;

  // 1. Dataset choice.
  let scope: Uint32Array;
  if (query.dataset) {
    const keep: number[] = [];
    for (let i = 0; i < n; i++) if (data.rows[i]!.dataset === query.dataset) keep.push(i);
    scope = Uint32Array.from(keep);
  } else scope = allIndices(n);

  // 2. Ranks, before filters: a filtered view still shows each model's true place. With no metric
  // named and per-dataset ranking, each dataset ranks by the metric most of its rows have.
  let rankColumn: Column | undefined;
  if (query.rankBy) {
    rankColumn = findColumn(data.columns, query.rankBy);
    if (!rankColumn || rankColumn.kind !== 'number') { problems.push(`rank metric '${query.rankBy}' is not a metric column`); rankColumn = undefined; }
  }
  const direction = query.rankDirection ?? 'auto';
  const perDataset = query.rankPerDataset ?? true;
  if (!rankColumn && !perDataset) rankColumn = defaultRankColumn(data, scope);
  const ascendingFor = (c: Column) => direction === 'asc' || (direction === 'auto' && !!c.metric && lowerIsBetter(c.metric));
  const rankAscending = rankColumn ? ascendingFor(rankColumn) : direction === 'asc';
  const ranks = cache.ranks(`${query.dataset ?? ''}\u0000${rankColumn?.id ?? ''}\u0000${direction}\u0000${perDataset}`, () =>
    computeRanks(data, scope, rankColumn, ascendingFor, perDataset));

  // 3. Filters.
  const tests: { column: Column; test: CellTest }[] = [];
  for (const [name, expression] of Object.entries(query.filters ?? {})) {
    if (!expression || !expression.trim()) continue;
    const column = findColumn(data.columns, name);
    if (!column) { problems.push(`filter on unknown column '${name}'`); continue; }
    try {
      const test = compileFilter(expression, column.kind);
      if (test) tests.push({ column, test });
    } catch (e) {
      if (!(e instanceof FilterError)) throw e;
      problems.push(`filter on ${column.label}: ${e.message}`);
    }
  }
  const words = (query.text ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const digits = clampDigits(query.digits);
  let order = scope;
  if (tests.length || words.length) {
    const haystacks = words.length ? cache.haystacks() : undefined;
    const keep: number[] = [];
    outer: for (let k = 0; k < scope.length; k++) {
      const i = scope[k]!;
      if (haystacks) for (const w of words) if (!haystacks[i]!.includes(w)) continue outer;
      const row = data.rows[i]!;
      for (const { column, test } of tests) {
        const v = cellValue(row, column, ranks[i]!);
        if (!test(v, () => (v === undefined ? '' : typeof v === 'number' && column.kind === 'number' ? v.toFixed(digits) : String(v)))) continue outer;
      }
      keep.push(i);
    }
    order = Uint32Array.from(keep);
  } else order = scope.slice();

  // 4. Sort: the query's keys, else dataset, rank, model; ties keep index order.
  let keys: SortKey[] = [];
  for (const k of query.sort ?? []) {
    const column = findColumn(data.columns, k.column);
    if (!column) problems.push(`sort on unknown column '${k.column}'`);
    else keys.push({ column: column.id, direction: k.direction === 'desc' ? 'desc' : 'asc' });
  }
  if (!keys.length) keys = [{ column: 'dataset', direction: 'asc' }, { column: 'rank', direction: 'asc' }, { column: 'model', direction: 'asc' }];
  const sortKeys = keys.map((k) => {
    const column = data.columns.find((c) => c.id === k.column);
    const values = k.column === 'rank' ? ranks : column ? cache.sortValues(column) : new Float64Array(n).fill(NaN);
    return { values, sign: k.direction === 'desc' ? -1 : 1 };
  });
  order.sort((a, b) => {
    for (const { values, sign } of sortKeys) {
      const x = values[a]!, y = values[b]!;
      if (x !== y) {
        if (Number.isNaN(x)) { if (!Number.isNaN(y)) return 1; continue; } // empty cells last either way
        if (Number.isNaN(y)) return -1;
        return (x - y) * sign;
      }
    }
    return a - b;
  });
  if (query.limit !== undefined && query.limit >= 0 && order.length > query.limit) order = order.slice(0, query.limit);

  // 5. Columns.
  let columns = data.columns;
  if (query.columns && query.columns.length) {
    columns = [];
    for (const name of query.columns) {
      const c = findColumn(data.columns, name);
      if (!c) problems.push(`unknown column '${name}'`);
      else if (!columns.includes(c)) columns.push(c);
    }
  }
  return { columns, order, ranks, total: scope.length, rankColumn, rankAscending, problems };
}

/** The query's table as row objects (for markdown, CSV, JSON). */
export function applyQuery(data: LeaderboardData, query: Query = {}): Table & { problems: string[] } {
  const r = runQuery(data, query);
  const rows: RankedRow[] = Array.from(r.order, (i) => {
    const rank = r.ranks[i]!;
    return Number.isNaN(rank) ? { row: data.rows[i]! } : { row: data.rows[i]!, rank };
  });
  return { columns: r.columns, rows, total: r.total, problems: r.problems };
}

export function clampDigits(d: number | undefined): number {
  return d === undefined || !Number.isFinite(d) ? DEFAULT_DIGITS : Math.max(0, Math.min(10, Math.trunc(d)));
}

/**
 * Competition ranking (1, 2, 2, 4) within each dataset+split+shots group, or over the whole scope.
 * Without a column, each group uses the metric most of its rows have (leftmost on ties).
 */
function computeRanks(data: LeaderboardData, scope: Uint32Array, column: Column | undefined, ascendingFor: (c: Column) => boolean, perDataset: boolean): Float64Array {
  const ranks = new Float64Array(data.rows.length).fill(NaN);
  const groups = new Map<string, number[]>();
  for (const i of scope) {
    const row = data.rows[i]!;
    const g = perDataset ? `${row.dataset}\u0000${row.datasetVersion ?? ''}\u0000${row.split ?? ''}\u0000${row.shots ?? ''}` : '';
    let list = groups.get(g);
    if (!list) groups.set(g, (list = []));
    list.push(i);
  }
  for (const members of groups.values()) {
    const c = column ?? defaultRankColumn(data, members);
    if (!c?.metric) continue;
    const metric = c.metric;
    const ascending = ascendingFor(c);
    const list = members.filter((i) => data.rows[i]!.metrics[metric] !== undefined);
    const values = list.map((i) => data.rows[i]!.metrics[metric]!);
    const idx = list.map((_, k) => k).sort((a, b) => (ascending ? values[a]! - values[b]! : values[b]! - values[a]!));
    let rank = 0;
    idx.forEach((k, pos) => {
      if (pos === 0 || values[k] !== values[idx[pos - 1]!]) rank = pos + 1;
      ranks[list[k]!] = rank;
    });
  }
  return ranks;
}

function allIndices(n: number): Uint32Array {
  const a = new Uint32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  return a;
}

interface DataCache {
  ranks(key: string, make: () => Float64Array): Float64Array;
  haystacks(): string[];
  sortValues(column: Column): Float64Array;
}

const caches = new WeakMap<LeaderboardData, DataCache>();

/** Per-data memo: ranks by ranking choice, search text, and each column's sort keys. */
function cacheFor(data: LeaderboardData): DataCache {
  let c = caches.get(data);
  if (c) return c;
  const rankMemo = new Map<string, Float64Array>();
  const sortMemo = new Map<string, Float64Array>();
  let hay: string[] | undefined;
  c = {
    ranks(key, make) {
      let r = rankMemo.get(key);
      if (!r) { if (rankMemo.size > 16) rankMemo.clear(); rankMemo.set(key, (r = make())); }
      return r;
    },
    haystacks() {
      return (hay ??= data.rows.map((r) => [r.dataset, r.split, r.model, r.version, r.trainingDate, r.source].filter(Boolean).join('\u0001').toLowerCase()));
    },
    sortValues(column) {
      let v = sortMemo.get(column.id);
      if (!v) sortMemo.set(column.id, (v = sortValuesOf(data.rows, column)));
      return v;
    },
  };
  caches.set(data, c);
  return c;
}

/** Numbers as they are; strings as their ordinal among the column's distinct values (case-insensitive). */
function sortValuesOf(rows: readonly Row[], column: Column): Float64Array {
  const out = new Float64Array(rows.length).fill(NaN);
  if (column.kind === 'number' || column.kind === 'integer') {
    rows.forEach((r, i) => { const v = cellValue(r, column, NaN); if (typeof v === 'number') out[i] = v; });
    return out;
  }
  const texts = rows.map((r) => { const v = cellValue(r, column, NaN); return v === undefined || v === '' ? undefined : String(v); });
  const distinct = [...new Set(texts.filter((t): t is string => t !== undefined))];
  const keyed = distinct.map((t) => [t.toLowerCase(), t] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  const ordinal = new Map(keyed.map(([, t], k) => [t, k]));
  texts.forEach((t, i) => { if (t !== undefined) out[i] = ordinal.get(t)!; });
  return out;
}
