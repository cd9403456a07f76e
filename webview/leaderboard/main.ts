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
import { findColumn, formatCell, runQuery, clampDigits, type QueryResult } from '../../src/core/leaderboard/query';
import { lowerIsBetter } from '../../src/core/leaderboard/metrics';
import type { LeaderboardData, Query, SortKey } from '../../src/core/leaderboard/types';
import { VirtualGrid } from './grid';
import { Toolbar } from './toolbar';
import { loadState, post, saveState } from './vscodeApi';

let data: LeaderboardData = { rows: [], columns: [] };
const saved = loadState() as { query?: unknown } | undefined;
let query: Query = saved && isQuery(saved.query) ? saved.query : {};
let result: QueryResult | undefined;

const grid = new VirtualGrid({
  sort: (id, additive) => update({ sort: nextSort(query.sort ?? [], id, additive) }),
  filter: (id, expression) => {
    const filters = { ...query.filters };
    if (expression.trim()) filters[id] = expression; else delete filters[id];
    update({ filters });
  },
  open: (position) => {
    const i = result?.order[position];
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
  if (!isExtensionMessage(m)) { console.warn('leaderboard: ignored a malformed message'); return; }
  switch (m.type) {
    case 'data':
      data = m.data;
      toolbar.setData([...new Set(data.rows.map((r) => r.dataset))].sort(), data.columns);
      refresh();
      break;
    case 'setQuery':
      query = m.query;
      refresh();
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
  refresh();
}

function refresh(): void {
  result = runQuery(data, query);
  const r = result;
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
    count: r.order.length,
    text: (position, column) => {
      const i = r.order[position]!;
      return formatCell(data.rows[i]!, r.columns[column]!, r.ranks[i]!, digits);
    },
  });
  toolbar.showQuery(query, r.columns.map((c) => c.id));
  const rank = r.rankColumn ? ` · ranked by ${r.rankColumn.label} (${r.rankAscending ? 'lowest' : 'highest'} best)` : ' · each dataset ranked by its most common metric';
  toolbar.status.classList.remove('error');
  toolbar.status.textContent = `${r.order.length.toLocaleString('en-US')} of ${r.total.toLocaleString('en-US')} rows${rank}`;
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
