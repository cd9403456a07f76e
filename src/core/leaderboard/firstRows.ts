// The first rows of a query's result without ranking or sorting every row: what a webview needs to
// paint at 100,000 rows. Gives exactly runQuery's first k rows, ranks and count, or undefined when
// the query needs every row (the global filter, a rank filter: then the caller runs runQuery).
import { NUMERIC_KINDS, type Column, type LeaderboardData, type Query } from './types';
import { getter, passes, planQuery, rankColumnFor, rankInputsFor, scopeOf, type Getter, type QueryPlan, type QueryResult } from './query';

export interface FirstRows extends QueryResult {
  /** Rows that pass the filters; `order` holds only the first of them, and `ranks` is exact for those. */
  count: number;
}

const EMPTY = 0; // no value for the rank metric (ranked last, shown blank)
const KNOWN = 1;
const UNKNOWN = 2; // ranked below the group's best rows; only a lower bound is known

type Value = number | string | undefined;

interface ValueKey {
  rank: false;
  column: Column;
  get: (i: number) => Value;
  sign: number;
  memo: number;
  memoValue: Value;
}
interface RankKey {
  rank: true;
  sign: number;
}

export function firstRows(data: LeaderboardData, query: Query, k: number): FirstRows | undefined {
  const plan = planQuery(data, query);
  // The global filter needs every row's text (runQuery builds it once and keeps it); a rank filter, every rank.
  if (plan.words.length || plan.tests.some((t) => !t.get)) return undefined;
  const limit = query.limit !== undefined && query.limit >= 0 ? query.limit : Infinity;
  if (limit === 0) return undefined;
  k = Math.max(1, Math.min(k, limit));
  const rows = data.rows;
  const n = rows.length;
  const scope = scopeOf(data, query.dataset);
  const { rankColumn, rankAscending } = rankColumnFor(data, plan, scope);

  // 1. Per rank group, only its best k rows (and rows tied with the k-th) get exact ranks: rows
  // further down rank below all of them, which is all a sort whose top k we want needs to know.
  const { groupOf, groupCount, directed } = rankInputsFor(data, query, plan, scope, rankColumn);
  const ranks = new Float64Array(n).fill(NaN);
  const state = new Uint8Array(n);
  const best: number[][] = Array.from({ length: groupCount }, () => []);
  const worst = new Float64Array(groupCount).fill(Infinity);
  // Rows that were among their group's best k when met (or tied the k-th then): every row of the
  // final best k, and its ties, is one of them.
  const met: number[][] = Array.from({ length: groupCount }, () => []);
  for (let s = 0; s < scope.length; s++) {
    const i = scope[s]!;
    const d = directed[i]!;
    if (Number.isNaN(d)) continue;
    state[i] = UNKNOWN;
    const g = groupOf[i]!;
    const b = best[g]!;
    if (b.length === k && d >= worst[g]!) { if (d === worst[g]) met[g]!.push(i); continue; }
    met[g]!.push(i);
    let lo = 0, hi = b.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (b[mid]! <= d) lo = mid + 1; else hi = mid; }
    b.splice(lo, 0, d);
    if (b.length > k) b.pop();
    if (b.length === k) worst[g] = b[k - 1]!;
  }
  const top = met.map((list, g) => list.filter((i) => directed[i]! <= worst[g]!));
  const bound = top.map((list) => {
    list.sort((a, b) => directed[a]! - directed[b]! || a - b);
    let rank = 0;
    for (let pos = 0; pos < list.length; pos++) {
      const i = list[pos]!;
      if (pos === 0 || directed[i] !== directed[list[pos - 1]!]) rank = pos + 1;
      ranks[i] = rank;
      state[i] = KNOWN;
    }
    return list.length + 1;
  });

  // 2. The sort keys as comparisons of row indices, mirroring runQuery's ordinals: empty cells last
  // in either direction, text by its lower case, numbers by value.
  const keys: (ValueKey | RankKey)[] = [];
  for (const key of plan.keys) {
    const sign = key.direction === 'desc' ? -1 : 1;
    if (key.column === 'rank') { keys.push({ rank: true, sign }); continue; }
    const column = data.columns.find((c) => c.id === key.column);
    if (column) keys.push({ rank: false, column, get: valueOf(column, getter(column), rows), sign, memo: -1, memoValue: undefined });
  }
  // When the bounds do not settle a comparison (rows of two groups whose ranks are both unknown),
  // the rows' exact ranks: their places among the group's values, sorted once on first need.
  const sortedGroups = new Map<number, Float64Array>();
  const settle = (i: number): void => {
    if (state[i] !== UNKNOWN) return;
    const g = groupOf[i]!;
    let sorted = sortedGroups.get(g);
    if (!sorted) {
      const values: number[] = [];
      for (const j of membersOf(scope, groupOf, g)) if (state[j] !== EMPTY) values.push(directed[j]!);
      sortedGroups.set(g, (sorted = Float64Array.from(values).sort()));
    }
    const d = directed[i]!;
    let lo = 0, hi = sorted.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (sorted[mid]! < d) lo = mid + 1; else hi = mid; }
    ranks[i] = lo + 1;
    state[i] = KNOWN;
  };
  const compareRanks = (a: number, b: number, sign: number): number => {
    const sa = state[a]!, sb = state[b]!;
    if (sa === EMPTY || sb === EMPTY) return sa === sb ? 0 : sa === EMPTY ? 1 : -1;
    if (sa === UNKNOWN && sb === UNKNOWN && groupOf[a] === groupOf[b]) {
      const da = directed[a]!, db = directed[b]!;
      return sign * (da < db ? -1 : da > db ? 1 : 0);
    }
    if (sa !== sb) {
      const [known, unknown] = sa === KNOWN ? [a, b] : [b, a];
      if (ranks[known]! < bound[groupOf[unknown]!]!) return (known === a ? -1 : 1) * sign;
    }
    settle(a);
    settle(b);
    return sign * (ranks[a]! - ranks[b]!);
  };
  const compare = (a: number, b: number): number => {
    for (const key of keys) {
      let c: number;
      if (key.rank) c = compareRanks(a, b, key.sign);
      else {
        // b is mostly the heap's top, the same for many a in a row: keep its value.
        if (key.memo !== b) { key.memo = b; key.memoValue = key.get(b); }
        const x = key.get(a), y = key.memoValue;
        c = x === y ? 0 : x === undefined ? 1 : y === undefined ? -1 : key.sign * (x < y ? -1 : x > y ? 1 : 0);
      }
      if (c) return c;
    }
    return a - b;
  };

  // 3. One pass over the candidates: filters, and a bounded max-heap of the best k rows.
  const heap: number[] = [];
  let count = 0;
  for (const i of candidates(scope, top, groupOf, k, prunable(plan, keys))) {
    if (plan.tests.length && !passes(rows[i]!, plan.tests, () => NaN, plan.digits)) continue;
    count++;
    if (heap.length < k) { heap.push(i); siftUp(heap, heap.length - 1, compare); }
    else if (compare(i, heap[0]!) < 0) { heap[0] = i; siftDown(heap, compare); }
  }
  heap.sort(compare);
  if (!plan.tests.length) count = scope.length;

  // 4. Exact ranks for the chosen rows whose rank is still only bounded (a sort by another column).
  const pending = new Map<number, number[]>();
  for (const i of heap) if (state[i] === UNKNOWN) { const g = groupOf[i]!; pending.set(g, [...(pending.get(g) ?? []), i]); }
  for (const [g, chosen] of pending) {
    const values = [...new Set(chosen.map((i) => directed[i]!))].sort((a, b) => a - b);
    const better = new Array<number>(values.length + 1).fill(0);
    for (const i of membersOf(scope, groupOf, g)) {
      if (state[i] === EMPTY) continue;
      const d = directed[i]!;
      let lo = 0, hi = values.length;
      while (lo < hi) { const mid = (lo + hi) >> 1; if (values[mid]! <= d) lo = mid + 1; else hi = mid; }
      better[lo]!++; // i is better than every chosen value from `lo` on
    }
    const rankOf = new Map<number, number>();
    let sum = 0;
    values.forEach((v, j) => { sum += better[j]!; rankOf.set(v, sum + 1); });
    for (const i of chosen) ranks[i] = rankOf.get(directed[i]!)!;
  }

  return { columns: plan.columns, order: Uint32Array.from(heap), ranks, count: Math.min(count, limit), total: scope.length, rankColumn, rankAscending, problems: plan.problems };
}

/**
 * Can the heap skip a group's rows below its best k? Yes when nothing filters them out and every
 * sort key before an ascending rank is the same for the whole group (dataset, split, shots when
 * ranking per dataset): then the group's best k rows come before all its other rows.
 */
function prunable(plan: QueryPlan, keys: readonly (ValueKey | RankKey)[]): boolean {
  if (plan.tests.length) return false;
  for (const key of keys) {
    if (key.rank) return key.sign > 0;
    if (!plan.perDataset || !GROUP_COLUMNS.includes(key.column.id) || key.column.metric !== undefined) return false;
  }
  return false;
}

const GROUP_COLUMNS = ['dataset', 'split', 'n_shot'];

/** The rows the heap must see: all of the scope, or only each full group's best rows. */
function candidates(scope: Uint32Array, top: number[][], groupOf: Int32Array, k: number, prune: boolean): ArrayLike<number> & Iterable<number> {
  if (!prune) return scope;
  const whole = top.map((list) => list.length < k);
  const out: number[] = [];
  for (let g = 0; g < top.length; g++) if (!whole[g]) for (const i of top[g]!) out.push(i);
  if (whole.some(Boolean)) for (const i of scope) if (whole[groupOf[i]!]) out.push(i);
  return out;
}

function membersOf(scope: Uint32Array, groupOf: Int32Array, g: number): number[] {
  const members: number[] = [];
  for (const i of scope) if (groupOf[i] === g) members.push(i);
  return members;
}

/** A column's sort value of row i: its lower-cased text, its number, or undefined when empty. */
function valueOf(column: Column, get: Getter, rows: LeaderboardData['rows']): (i: number) => Value {
  if (NUMERIC_KINDS.includes(column.kind)) return (i) => { const v = get(rows[i]!); return typeof v === 'number' && !Number.isNaN(v) ? v : undefined; };
  return (i) => { const v = get(rows[i]!); return v === undefined || v === '' ? undefined : String(v).toLowerCase(); };
}

function siftUp(heap: number[], at: number, compare: (a: number, b: number) => number): void {
  while (at > 0) {
    const parent = (at - 1) >> 1;
    if (compare(heap[at]!, heap[parent]!) <= 0) return;
    [heap[at], heap[parent]] = [heap[parent]!, heap[at]!];
    at = parent;
  }
}

function siftDown(heap: number[], compare: (a: number, b: number) => number): void {
  let at = 0;
  for (;;) {
    const l = 2 * at + 1, r = l + 1;
    let top = at;
    if (l < heap.length && compare(heap[l]!, heap[top]!) > 0) top = l;
    if (r < heap.length && compare(heap[r]!, heap[top]!) > 0) top = r;
    if (top === at) return;
    [heap[at], heap[top]] = [heap[top]!, heap[at]!];
    at = top;
  }
}
