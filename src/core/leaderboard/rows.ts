// Leaderboard rows from the index: one per (model, version, dataset, dataset version, split),
// from results files and from each model's own model_performance_metrics on its test_dataset.
import type { Column, LeaderboardData, Row } from './types';
import { metricLabel, normalizeColumnId } from './metrics';

/** What buildRows needs of an index entry; WorkspaceIndex's Entry<T> fits it. */
export interface EntryLike {
  path: string;
  data: unknown;
}

export interface RowInputs {
  models: readonly EntryLike[];
  results: readonly EntryLike[];
  /** Source paths are shown relative to this folder. */
  root?: string;
}

/** The fixed columns, in order, around the metric columns. */
export const FIXED_COLUMNS: readonly Column[] = [
  { id: 'rank', label: 'Rank', kind: 'rank' },
  { id: 'dataset', label: 'Dataset', kind: 'text' },
  { id: 'split', label: 'Split', kind: 'text' },
  { id: 'n_shot', label: 'Shots', kind: 'integer' },
  { id: 'model', label: 'Model', kind: 'text' },
  { id: 'version', label: 'Version', kind: 'text' },
  { id: 'training_date', label: 'Training Date', kind: 'date' },
];
export const SOURCE_COLUMN: Column = { id: 'source', label: 'Source', kind: 'text' };

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;

/** Finite numbers of a metrics object; nested objects flatten to `outer.inner`. */
function numericMetrics(v: unknown, prefix = '', out: Record<string, number> = {}): Record<string, number> {
  if (!isObject(v)) return out;
  for (const [k, x] of Object.entries(v)) {
    if (typeof x === 'number' && Number.isFinite(x)) out[prefix + k] = x;
    else if (isObject(x) && !prefix) numericMetrics(x, `${k}.`, out);
  }
  return out;
}

function relative(root: string | undefined, path: string): string {
  const p = path.replace(/\\/g, '/');
  if (!root) return p;
  const r = root.replace(/\\/g, '/').replace(/\/+$/, '') + '/';
  return p.startsWith(r) ? p.slice(r.length) : p;
}

const key = (...parts: (string | undefined)[]) => parts.map((p) => p ?? '').join('\u0000');

/** Rows and columns for every result in the inputs. Entries that are not objects are skipped. */
export function buildRows(inputs: RowInputs): LeaderboardData {
  const modelsByKey = new Map<string, { path: string; date?: string }>();
  const modelRows: Row[] = [];
  for (const e of [...inputs.models].sort((a, b) => cmp(a.path, b.path))) {
    if (!isObject(e.data)) continue;
    const name = str(e.data.model_name);
    const version = str(e.data.model_version) ?? '';
    if (!name) continue;
    const date = str(e.data.model_training_date);
    const mk = key(name, version);
    if (!modelsByKey.has(mk)) modelsByKey.set(mk, { path: e.path, date });
    const metrics = numericMetrics(e.data.model_performance_metrics);
    const test = isObject(e.data.test_dataset) ? e.data.test_dataset : undefined;
    const dataset = test && str(test.name);
    if (!dataset || !Object.keys(metrics).length) continue;
    const datasetVersion = str(test.version);
    modelRows.push({
      id: `m:${key(name, version, dataset, datasetVersion, '')}`,
      dataset, datasetVersion, model: name, version, trainingDate: date, metrics,
      source: relative(inputs.root, e.path), sourcePath: e.path, modelPath: e.path,
    });
  }

  // Results files; several files for the same key merge their metrics (later evaluated_at wins).
  const results = new Map<string, { row: Row; at: string }>();
  for (const e of [...inputs.results].sort((a, b) => cmp(a.path, b.path))) {
    if (!isObject(e.data)) continue;
    const m = isObject(e.data.model) ? e.data.model : undefined;
    const d = isObject(e.data.dataset) ? e.data.dataset : undefined;
    const model = m && str(m.name);
    const dataset = d && str(d.name);
    if (!model || !dataset) continue;
    const version = str(m.version) ?? '';
    const datasetVersion = str(d.version);
    const split = str(e.data.split) || undefined;
    const shots = typeof e.data.n_shot === 'number' && Number.isInteger(e.data.n_shot) ? e.data.n_shot : undefined;
    const metrics = numericMetrics(e.data.metrics);
    const at = str(e.data.evaluated_at) ?? '';
    const k = key(model, version, dataset, datasetVersion, split, shots === undefined ? '' : String(shots));
    const joined = modelsByKey.get(key(model, version));
    const source = str(e.data.source) ?? relative(inputs.root, e.path);
    const prior = results.get(k);
    if (prior) {
      const newer = at >= prior.at;
      prior.row.metrics = newer ? { ...prior.row.metrics, ...metrics } : { ...metrics, ...prior.row.metrics };
      if (!prior.row.source.split(', ').includes(source)) prior.row.source += `, ${source}`;
      if (newer) prior.at = at;
      continue;
    }
    results.set(k, {
      at,
      row: {
        id: `r:${k}`, dataset, datasetVersion, split, shots, model, version, trainingDate: joined?.date, metrics,
        source, sourcePath: e.path, modelPath: joined?.path,
      },
    });
  }

  // A results file for the model's test dataset (no split, or split "test") replaces the model's own numbers.
  const covered = new Set<string>();
  for (const { row } of results.values()) {
    if ((!row.split || row.split === 'test') && row.shots === undefined) covered.add(key(row.model, row.version, row.dataset, row.datasetVersion));
  }
  const rows = [
    ...[...results.values()].map((r) => r.row),
    ...modelRows.filter((r) => !covered.has(key(r.model, r.version, r.dataset, r.datasetVersion))),
  ];
  return { rows, columns: columnsFor(rows) };
}

/** Fixed columns (Split and Shots only when some row has one), the union of metrics in first-seen order, Source. */
export function columnsFor(rows: readonly Row[]): Column[] {
  const metrics = new Set<string>();
  let hasSplit = false;
  let hasShots = false;
  for (const r of rows) {
    if (r.split) hasSplit = true;
    if (r.shots !== undefined) hasShots = true;
    for (const m of Object.keys(r.metrics)) metrics.add(m);
  }
  const fixed = FIXED_COLUMNS.filter((c) => (c.id !== 'split' || hasSplit) && (c.id !== 'n_shot' || hasShots));
  const taken = new Set([...fixed.map((c) => c.id), SOURCE_COLUMN.id]);
  const metricColumns: Column[] = [...metrics].map((m) => {
    let id = normalizeColumnId(m) || m;
    if (taken.has(id)) id = `metric.${id}`;
    taken.add(id);
    return { id, label: metricLabel(m), kind: 'number', metric: m };
  });
  return [...fixed, ...metricColumns, SOURCE_COLUMN];
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The file a webview `openRow` names: the model's metadata when known, else the results file. Unknown ids: undefined. */
export function fileForRow(data: LeaderboardData, id: string): string | undefined {
  const row = data.rows.find((r) => r.id === id);
  return row && (row.modelPath ?? row.sourcePath);
}
