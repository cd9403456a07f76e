// Runs a Query over leaderboard data: dataset choice, ranking, filters, multi-key sort, columns.
// Works on row indices and typed arrays so the webview can re-run it per keystroke at 100,000 rows.
import { NUMERIC_KINDS, type Column, type LeaderboardData, type Query, type RankedRow, type Row, type SortKey, type Table } from './types';
import { compileFilter, FilterError, type CellTest } from './filter';
import { lowerIsBetter, normalizeColumnId } from './metrics';
import { rankInputs, ranksFrom, type RankInputs } from './ranking';

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
  return column.id === 'rank' ? (Number.isNaN(rank) ? undefined : rank) : getter(column)(row);
}

export type Getter = (row: Row) => number | string | undefined;
const FIXED_GETTERS: Record<string, Getter> = {
  dataset: (r) => r.dataset,
  split: (r) => r.split,
  n_shot: (r) => r.shots,
  model: (r) => r.model,
  version: (r) => r.version,
  training_date: (r) => r.trainingDate,
  source: (r) => r.source,
};
const metricGetters = new Map<string, Getter>();

/** One small monomorphic function per column, chosen once, for the loops over every row. */
export function getter(column: Column): Getter {
  if (column.metric === undefined) return FIXED_GETTERS[column.id] ?? (() => undefined);
  let g = metricGetters.get(column.metric);
  if (!g) {
    const m = column.metric;
    metricGetters.set(m, (g = (r) => r.metrics[m]));
  }
  return g;
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

/** A filter compiled for one column. */
export interface ColumnTest {
  column: Column;
  test: CellTest;
  get?: Getter;
}

/** What a query resolves to before any per-row work: shared by runQuery and firstRows. */
export interface QueryPlan {
  /** The metric named by rankBy (the default one needs the rows: see rankColumnFor). */
  rankBy?: Column;
  direction: NonNullable<Query['rankDirection']>;
  perDataset: boolean;
  tests: ColumnTest[];
  /** Global filter words, lower case. */
  words: string[];
  digits: number;
  /** Sort keys with real column ids; the default order when the query has none. */
  keys: SortKey[];
  columns: Column[];
  problems: string[];
}

export function planQuery(data: LeaderboardData, query: Query = {}): QueryPlan {
  const problems: string[] = [];
  let rankBy: Column | undefined;
  if (query.rankBy) {
    rankBy = findColumn(data.columns, query.rankBy);
    if (!rankBy || rankBy.kind !== 'number') { problems.push(`rank metric '${query.rankBy}' is not a metric column`); rankBy = undefined; }
  }
  const tests: ColumnTest[] = [];
  for (const [name, expression] of Object.entries(query.filters ?? {})) {
    if (!expression || !expression.trim()) continue;
    const column = findColumn(data.columns, name);
    if (!column) { problems.push(`filter on unknown column '${name}'`); continue; }
    try {
      const test = compileFilter(expression, column.kind);
      if (test) tests.push({ column, test, get: column.id === 'rank' ? undefined : getter(column) });
    } catch (e) {
      if (!(e instanceof FilterError)) throw e;
      problems.push(`filter on ${column.label}: ${e.message}`);
    }
  }
  let keys: SortKey[] = [];
  for (const k of query.sort ?? []) {
    const column = findColumn(data.columns, k.column);
    if (!column) problems.push(`sort on unknown column '${k.column}'`);
    else keys.push({ column: column.id, direction: k.direction === 'desc' ? 'desc' : 'asc' });
  }
  if (!keys.length) keys = [{ column: 'dataset', direction: 'asc' }, { column: 'rank', direction: 'asc' }, { column: 'model', direction: 'asc' }];
  let columns = data.columns;
  if (query.columns && query.columns.length) {
    columns = [];
    for (const name of query.columns) {
      const c = findColumn(data.columns, name);
      if (!c) problems.push(`unknown column '${name}'`);
      else if (!columns.includes(c)) columns.push(c);
    }
    if (!columns.length) columns = data.columns; // e.g. a saved webview state from other data: show everything
  }
  return {
    rankBy, direction: query.rankDirection ?? 'auto', perDataset: query.rankPerDataset ?? true, tests,
    words: (query.text ?? '').toLowerCase().split(/\s+/).filter(Boolean), digits: clampDigits(query.digits), keys, columns, problems,
  };
}

/** The metric Rank uses over a scope (absent: each dataset's own), and whether lower ranks first. */
export function rankColumnFor(data: LeaderboardData, plan: QueryPlan, scope: Uint32Array): { rankColumn?: Column; rankAscending: boolean } {
  const rankColumn = plan.rankBy ?? (plan.perDataset ? undefined : defaultRankColumn(data, scope));
  return { rankColumn, rankAscending: rankColumn ? ascendingFor(plan, rankColumn) : plan.direction === 'asc' };
}

export function ascendingFor(plan: QueryPlan, c: Column): boolean {
  return plan.direction === 'asc' || (plan.direction === 'auto' && !!c.metric && lowerIsBetter(c.metric));
}

/** Indices of the rows the query's dataset choice keeps. */
export function scopeOf(data: LeaderboardData, dataset: string | undefined): Uint32Array {
  if (!dataset) return allIndices(data.rows.length);
  const keep: number[] = [];
  for (let i = 0; i < data.rows.length; i++) if (data.rows[i]!.dataset === dataset) keep.push(i);
  return Uint32Array.from(keep);
}

/** Does row i pass the column filters? `rank` gives the row's rank (only asked for a rank filter). */
export function passes(row: Row, tests: readonly ColumnTest[], rank: () => number, digits: number): boolean {
  for (const { column, test, get } of tests) {
    const v = get ? get(row) : cellValue(row, column, rank());
    if (!test(v, () => (v === undefined ? '' : typeof v === 'number' && column.kind === 'number' ? v.toFixed(digits) : String(v)))) return false;
  }
  return true;
}

/** Run the query. Unknown names and bad filters are reported in `problems` and otherwise ignored. */
export function runQuery(data: LeaderboardData, query: Query = {}): QueryResult {
  const plan = planQuery(data, query);
  const cache = cacheFor(data);
  const n = data.rows.length;

  // 1. Dataset choice.
  const scope = scopeOf(data, query.dataset);

  // 2. Ranks, before filters: a filtered view still shows each model's true place. With no metric
  // named and per-dataset ranking, each dataset ranks by the metric most of its rows have.
  const { rankColumn, rankAscending } = rankColumnFor(data, plan, scope);
  const ranks = ranksFor(data, query, plan, scope, rankColumn);

  // 3. Filters.
  const { tests, words, digits } = plan;
  let order = scope;
  if (tests.length || words.length) {
    const haystacks = words.length ? cache.haystacks() : undefined;
    const keep: number[] = [];
    outer: for (let k = 0; k < scope.length; k++) {
      const i = scope[k]!;
      if (haystacks) for (const w of words) if (!haystacks[i]!.includes(w)) continue outer;
      if (passes(data.rows[i]!, tests, () => ranks[i]!, digits)) keep.push(i);
    }
    order = Uint32Array.from(keep);
  } else order = scope.slice();

  // 4. Sort: the query's keys, else dataset, rank, model; ties keep index order.
  const sortKeys = plan.keys.map((k): OrdinalKey => {
    const column = data.columns.find((c) => c.id === k.column);
    const key = k.column === 'rank' ? rankOrdinals(ranks) : column ? cache.ordinals(column) : { values: new Float64Array(n).fill(NaN), count: 0 };
    return { ...key, descending: k.direction === 'desc' };
  });
  order = sortByOrdinals(order, sortKeys, n);
  if (query.limit !== undefined && query.limit >= 0 && order.length > query.limit) order = order.slice(0, query.limit);

  // 5. Columns.
  return { columns: plan.columns, order, ranks, total: scope.length, rankColumn, rankAscending, problems: plan.problems };
}

function rankKey(query: Query, plan: QueryPlan, rankColumn: Column | undefined): string {
  return `${query.dataset ?? ''}\u0000${rankColumn?.id ?? ''}\u0000${plan.direction}\u0000${plan.perDataset}`;
}

/** Each row's rank group and value for this ranking (kept with the data: firstRows and the ranks share it). */
export function rankInputsFor(data: LeaderboardData, query: Query, plan: QueryPlan, scope: Uint32Array, rankColumn: Column | undefined): RankInputs {
  return cacheFor(data).rankInputs(rankKey(query, plan, rankColumn), () => rankInputs(data, scope, rankColumn, (c) => ascendingFor(plan, c), plan.perDataset));
}

function ranksFor(data: LeaderboardData, query: Query, plan: QueryPlan, scope: Uint32Array, rankColumn: Column | undefined): Float64Array {
  return cacheFor(data).ranks(rankKey(query, plan, rankColumn), () => ranksFrom(rankInputsFor(data, query, plan, scope, rankColumn), scope));
}

/** Has everything runQuery needs for this query been computed already (so it costs about one sort)? */
export function isPrepared(data: LeaderboardData, query: Query = {}): boolean {
  const plan = planQuery(data, query);
  const cache = cacheFor(data);
  const rankColumn = plan.rankBy ?? (plan.perDataset ? undefined : rankColumnFor(data, plan, scopeOf(data, query.dataset)).rankColumn);
  if (!cache.has('ranks', rankKey(query, plan, rankColumn))) return false;
  if (plan.words.length && !cache.has('haystacks')) return false;
  return plan.keys.every((k) => k.column === 'rank' || !data.columns.some((c) => c.id === k.column) || cache.has('ordinals', k.column));
}

/**
 * Work to do in the background after a first render, as separate steps (one per task keeps the page
 * responsive): `needed`, what runQuery needs for this query (ranks, each sort key's order); `likely`,
 * what the next interactions will (the global filter's text, every other column's order). Each step
 * fills the data's cache, so it is never done twice.
 */
export function preparationSteps(data: LeaderboardData, query: Query = {}): { needed: (() => void)[]; likely: (() => void)[] } {
  const plan = planQuery(data, query);
  const cache = cacheFor(data);
  const needed: (() => void)[] = [() => {
    const scope = scopeOf(data, query.dataset);
    ranksFor(data, query, plan, scope, rankColumnFor(data, plan, scope).rankColumn);
  }];
  const keyed = new Set<Column>();
  for (const k of plan.keys) {
    const column = data.columns.find((c) => c.id === k.column);
    if (column && column.id !== 'rank') { keyed.add(column); needed.push(() => void cache.ordinals(column)); }
  }
  const likely: (() => void)[] = [() => void cache.haystacks()];
  for (const column of plan.columns) if (column.id !== 'rank' && !keyed.has(column)) likely.push(() => void cache.ordinals(column));
  return { needed, likely };
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

function allIndices(n: number): Uint32Array {
  const a = new Uint32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  return a;
}

interface DataCache {
  /** Is this already computed (ranks by key, ordinals by column id, 'haystacks')? */
  has(what: 'ranks' | 'ordinals' | 'haystacks', key?: string): boolean;
  ranks(key: string, make: () => Float64Array): Float64Array;
  rankInputs(key: string, make: () => RankInputs): RankInputs;
  haystacks(): string[];
  ordinals(column: Column): Ordinals;
}

const caches = new WeakMap<LeaderboardData, DataCache>();

/** Per-data memo: ranks by ranking choice, search text, and each column's sort ordinals. */
function cacheFor(data: LeaderboardData): DataCache {
  let c = caches.get(data);
  if (c) return c;
  const rankMemo = new Map<string, Float64Array>();
  const inputMemo = new Map<string, RankInputs>();
  const sortMemo = new Map<string, Ordinals>();
  let hay: string[] | undefined;
  c = {
    has(what, key = '') {
      return what === 'ranks' ? rankMemo.has(key) : what === 'ordinals' ? sortMemo.has(key) : hay !== undefined;
    },
    ranks(key, make) {
      let r = rankMemo.get(key);
      if (!r) { if (rankMemo.size > 16) rankMemo.clear(); rankMemo.set(key, (r = make())); }
      return r;
    },
    rankInputs(key, make) {
      let r = inputMemo.get(key);
      if (!r) { if (inputMemo.size > 4) inputMemo.clear(); inputMemo.set(key, (r = make())); }
      return r;
    },
    haystacks() {
      return (hay ??= data.rows.map((r) => [r.dataset, r.split, r.model, r.version, r.trainingDate, r.source].filter(Boolean).join('\u0001').toLowerCase()));
    },
    ordinals(column) {
      let v = sortMemo.get(column.id);
      if (!v) sortMemo.set(column.id, (v = ordinalsOf(data.rows, column)));
      return v;
    },
  };
  caches.set(data, c);
  return c;
}

/** A column's cells as dense ordinals 0..count-1 in ascending order (NaN: empty). */
interface Ordinals {
  values: Float64Array;
  count: number;
}
type OrdinalKey = Ordinals & { descending: boolean };

/** Numbers by value, text by its lower case, each as its place among the column's distinct values. */
function ordinalsOf(rows: readonly Row[], column: Column): Ordinals {
  const n = rows.length;
  const values = new Float64Array(n).fill(NaN);
  if (NUMERIC_KINDS.includes(column.kind)) {
    const raw = new Float64Array(n).fill(NaN);
    const get = getter(column);
    for (let i = 0; i < n; i++) { const v = get(rows[i]!); if (typeof v === 'number') raw[i] = v; }
    const sorted = raw.slice().sort(); // typed-array sort is numeric and puts NaN last
    let m = 0;
    for (let i = 0; i < n && !Number.isNaN(sorted[i]!); i++) if (m === 0 || sorted[i] !== sorted[m - 1]) sorted[m++] = sorted[i]!;
    for (let i = 0; i < n; i++) {
      const v = raw[i]!;
      if (Number.isNaN(v)) continue;
      let lo = 0, hi = m - 1;
      while (lo < hi) { const mid = (lo + hi) >> 1; if (sorted[mid]! < v) lo = mid + 1; else hi = mid; }
      values[i] = lo;
    }
    return { values, count: m };
  }
  // Case-insensitive code-unit order (the same in node and every browser); case variants tie, then index order.
  const get = getter(column);
  const lower = rows.map((r) => { const v = get(r); return v === undefined || v === '' ? undefined : String(v).toLowerCase(); });
  const distinct = [...new Set(lower)].filter((t): t is string => t !== undefined).sort();
  const ordinal = new Map<string, number>();
  distinct.forEach((t, k) => ordinal.set(t, k));
  lower.forEach((t, i) => { if (t !== undefined) values[i] = ordinal.get(t)!; });
  return { values, count: distinct.length };
}

/** Ranks (1-based, NaN when unranked) as ordinals. */
function rankOrdinals(ranks: Float64Array): Ordinals {
  const values = new Float64Array(ranks.length);
  let count = 0;
  for (let i = 0; i < ranks.length; i++) {
    const r = ranks[i]!;
    values[i] = r - 1;
    if (r > count) count = r;
  }
  return { values, count };
}

/**
 * Sort row indices by several keys, empty cells last in either direction, ties by index. The keys
 * and the index pack into one exact double per row, so a native typed-array sort does the work;
 * when they do not fit in 53 bits, a comparator sort gives the same order.
 */
function sortByOrdinals(order: Uint32Array, keys: readonly OrdinalKey[], n: number): Uint32Array {
  const radix = keys.map((k) => k.count + 1); // one more place for empty cells
  const span = radix.reduce((a, b) => a * b, 1) * Math.max(1, n);
  const place = (k: OrdinalKey, i: number) => {
    const v = k.values[i]!;
    return Number.isNaN(v) ? k.count : k.descending ? k.count - 1 - v : v;
  };
  if (span < Number.MAX_SAFE_INTEGER) {
    const packed = new Float64Array(order.length);
    for (let j = 0; j < order.length; j++) {
      const i = order[j]!;
      let c = 0;
      for (let k = 0; k < keys.length; k++) c = c * radix[k]! + place(keys[k]!, i);
      packed[j] = c * n + i;
    }
    packed.sort();
    const out = new Uint32Array(order.length);
    for (let j = 0; j < packed.length; j++) out[j] = packed[j]! % n;
    return out;
  }
  const places = keys.map((k) => { const p = new Float64Array(n); for (const i of order) p[i] = place(k, i); return p; });
  return order.slice().sort((a, b) => {
    for (const p of places) if (p[a] !== p[b]) return p[a]! - p[b]!;
    return a - b;
  });
}
