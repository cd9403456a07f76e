// The leaderboard webview: runs the shared Query over the rows the extension sends, shows the
// result in a virtualised grid, and posts typed messages back. State survives reloads via setState.
import './nonce';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import './leaderboard.css';
import { isExtensionMessage, isQuery } from '../../src/core/leaderboard/messages';
import { findColumn, formatCell, isPrepared, preparationSteps, runQuery, clampDigits, type QueryResult } from '../../src/core/leaderboard/query';
import { firstRows } from '../../src/core/leaderboard/firstRows';
import { lowerIsBetter } from '../../src/core/leaderboard/metrics';
import type { LeaderboardData, Query, SortKey } from '../../src/core/leaderboard/types';
import { VirtualGrid } from './grid';
import { Toolbar } from './toolbar';
import { loadState, post, saveState } from './vscodeApi';

let data: LeaderboardData = { rows: [], columns: [] };
const saved = loadState() as { query?: unknown } | undefined;
let query: Query = saved && isQuery(saved.query) ? saved.query : {};
let result: QueryResult | undefined;
/** Set while `result` holds only the first rows (after new data); the rest is computed in later tasks. */
let pending: { generation: number } | undefined;
let generation = 0;

const grid = new VirtualGrid({
  sort: (id, additive) => update({ sort: nextSort(query.sort ?? [], id, additive) }),
  filter: (id, expression) => {
    const filters = { ...query.filters };
    if (expression.trim()) filters[id] = expression; else delete filters[id];
    update({ filters });
  },
  open: (position) => {
    const i = indexAt(position);
    if (i !== undefined) post({ type: 'openRow', id: data.rows[i]!.id });
  },
});

const toolbar = new Toolbar({
  change: (patch) => update(patch),
  toggleColumn: (id, visible) => {
    const current = (result?.columns ?? data.columns).map((c) => c.id);
    const next = visible ? data.columns.map((c) => c.id).filter((c) => c === id || current.includes(c)) : current.filter((c) => c !== id);
    update({ columns: next });
  },
  action: (type) => post({ type, query }),
});

const root = document.getElementById('app') ?? document.body;
root.classList.add('leaderboard');
root.append(toolbar.element, grid.element);

window.addEventListener('message', (event: MessageEvent) => {
  const m: unknown = event.data;
  let end: number;
  if (!isExtensionMessage(m)) { console.warn('leaderboard: ignored a malformed message'); return; }
  switch (m.type) {
    case 'data':
      data = m.data;
      // The rows in view, read before the toolbar changes the layout (no forced layout of it here).
      end = grid.windowEnd();
      // The dataset picker's full list waits for the next task: only the chosen one is needed to paint.
      toolbar.setData(query.dataset ? [query.dataset] : [], data.columns);
      refresh(end);
      later(() => toolbar.setDatasets(datasetNames(m.data)), () => data === m.data);
      break;
    case 'setQuery':
      query = m.query;
      refresh(rowsToRank());
      break;
    case 'status':
      toolbar.status.textContent = m.text;
      toolbar.status.classList.toggle('error', m.level === 'error');
      break;
  }
});

/** Apply a change to the query, keep it, tell the extension, re-render. */
function update(patch: Partial<Query>): void {
  query = { ...query, ...patch };
  for (const k of Object.keys(query) as (keyof Query)[]) if (query[k] === undefined) delete query[k];
  saveState({ query });
  post({ type: 'queryChanged', query });
  refresh(rowsToRank());
}

/** All rows when the query's ranks and sort orders are already computed (then it costs one sort), else the rows in view. */
function rowsToRank(): number {
  return isPrepared(data, query) ? Infinity : grid.windowEnd();
}

/**
 * Run the query and show it. When `end` is given (the rows in view: after new data, or while the
 * query's ranks or sort orders are still to be computed), only those are ranked and sorted
 * (firstRows gives exactly runQuery's first rows); the full result follows in later tasks, one
 * step each, or at once when a row past those is needed.
 */
function refresh(end = Infinity): void {
  generation++;
  pending = undefined;
  const quick = end <= FIRST_ROWS_MAX ? firstRows(data, query, end) : undefined;
  const r = (result = quick ?? runQuery(data, query));
  const count = quick ? quick.count : r.order.length;
  if (quick) complete((pending = { generation }));
  const digits = clampDigits(query.digits);
  const errors: Record<string, string> = {};
  for (const p of r.problems) {
    const m = /^filter on (.+?): (.*)$/.exec(p);
    const column = m && data.columns.find((c) => c.label === m[1]);
    if (column) errors[column.id] = m[2]!;
  }
  const sort = (query.sort ?? []).flatMap((k) => {
    const c = findColumn(data.columns, k.column);
    return c ? [{ column: c.id, direction: k.direction }] : [];
  });
  grid.setColumns(r.columns, sort, query.filters ?? {}, errors);
  grid.setRows({
    count,
    text: (position, column) => {
      const shown = position < r.order.length ? r : fullResult();
      const i = shown.order[position]!;
      return formatCell(data.rows[i]!, r.columns[column]!, shown.ranks[i]!, digits);
    },
  });
  toolbar.showQuery(query, r.columns.map((c) => c.id));
  const rank = r.rankColumn ? ` · ranked by ${r.rankColumn.label} (${r.rankAscending ? 'lowest' : 'highest'} best)` : ' · each dataset ranked by its most common metric';
  toolbar.status.classList.remove('error');
  toolbar.status.textContent = `${thousands(count)} of ${thousands(r.total)} rows${rank}`;
}

/** More rows than this in view at first (a deep scroll when data is refreshed): rank and sort them all at once. */
const FIRST_ROWS_MAX = 2000;

/**
 * The rest of the first render's work, one step per task so input is handled in between: what this
 * query needs, its full result, then what the next interactions will likely need (kept with the
 * data, so those steps go on after the query changes, until new data comes).
 */
function complete(job: { generation: number }): void {
  const { needed, likely } = preparationSteps(data, query);
  const forData = data;
  const steps = [...needed, () => { if (pending === job) fullResult(); }, ...likely];
  const next = (): void => {
    steps.shift()!();
    if (steps.length) later(next, () => data === forData);
  };
  later(next, () => data === forData);
}

/** Run `f` in a task of its own soon (a message, not a timer: no clamping), if `live()` still holds then. */
function later(f: () => void, live: () => boolean): void {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => { channel.port1.close(); if (live()) f(); };
  channel.port2.postMessage(null);
}

/** The whole result of the current query (computing what is still pending). */
function fullResult(): QueryResult {
  if (pending || !result) { pending = undefined; result = runQuery(data, query); }
  return result;
}

function indexAt(position: number): number | undefined {
  if (!result) return undefined;
  return (position < result.order.length ? result : fullResult()).order[position];
}

/** 100000 → "100,000", as toLocaleString('en-US') writes it, without setting up Intl on the first render. */
function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** The dataset picker's names, sorted (one set insert per run of equal names). */
function datasetNames(d: LeaderboardData): string[] {
  const names = new Set<string>();
  let last: string | undefined;
  for (const r of d.rows) if (r.dataset !== last) names.add((last = r.dataset));
  return [...names].sort();
}

/** Click: sort by this column alone (natural direction, then flipped, then off). Shift: add/flip/remove as a further key. */
function nextSort(sort: readonly SortKey[], id: string, additive: boolean): SortKey[] {
  const column = data.columns.find((c) => c.id === id);
  const natural: SortKey['direction'] = column?.kind === 'number' && !(column.metric && lowerIsBetter(column.metric)) ? 'desc' : 'asc';
  const at = sort.findIndex((k) => k.column === id);
  const cycle = (k: SortKey | undefined): SortKey | undefined =>
    !k ? { column: id, direction: natural } : k.direction === natural ? { column: id, direction: natural === 'asc' ? 'desc' : 'asc' } : undefined;
  if (!additive) {
    const next = cycle(sort.length === 1 || at === 0 ? sort[at] : undefined);
    return next ? [next] : [];
  }
  const next = cycle(sort[at]);
  if (at < 0) return [...sort, next!];
  return next ? sort.map((k, i) => (i === at ? next : k)) : sort.filter((_, i) => i !== at);
}

refresh();
post({ type: 'ready' });
