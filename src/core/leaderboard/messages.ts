// The messages between the leaderboard webview and the extension: one union per direction keyed
// on `type`, with runtime guards for whichever side receives them. The webview posts `ready`
// first; the extension answers with `data` (and again whenever the index changes).
import type { Column, ColumnKind, LeaderboardData, Query, Row, SortKey } from './types';

/** Webview → extension. Rows are named by id; the extension maps ids to files it knows. */
export type WebviewMessage =
  | { type: 'ready' }
  | { type: 'queryChanged'; query: Query }
  | { type: 'openRow'; id: string }
  | { type: 'insertMarkdown'; query: Query }
  | { type: 'copyMarkdown'; query: Query }
  | { type: 'exportCsv'; query: Query };

/** Extension → webview. */
export type ExtensionMessage =
  | { type: 'data'; data: LeaderboardData }
  | { type: 'setQuery'; query: Query }
  | { type: 'status'; level: 'info' | 'error'; text: string };

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const optional = <T>(v: unknown, guard: (x: unknown) => x is T): boolean => v === undefined || guard(v);
const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);
const isDirection = (v: unknown): v is 'asc' | 'desc' => v === 'asc' || v === 'desc';
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

function isSortKey(v: unknown): v is SortKey {
  return isObject(v) && isString(v.column) && isDirection(v.direction);
}

/** A well-formed Query: every field optional, every present field of the right type. */
export function isQuery(v: unknown): v is Query {
  if (!isObject(v)) return false;
  return (
    optional(v.dataset, isString) &&
    optional(v.text, isString) &&
    (v.filters === undefined || (isObject(v.filters) && Object.values(v.filters).every(isString))) &&
    (v.sort === undefined || (Array.isArray(v.sort) && v.sort.every(isSortKey))) &&
    optional(v.rankBy, isString) &&
    (v.rankDirection === undefined || v.rankDirection === 'auto' || isDirection(v.rankDirection)) &&
    (v.rankPerDataset === undefined || typeof v.rankPerDataset === 'boolean') &&
    optional(v.columns, isStringArray) &&
    (v.digits === undefined || (isCount(v.digits) && v.digits <= 10)) &&
    optional(v.limit, isCount)
  );
}

const KINDS: readonly ColumnKind[] = ['rank', 'text', 'date', 'number', 'integer'];

function isColumn(v: unknown): v is Column {
  return isObject(v) && isString(v.id) && isString(v.label) && KINDS.includes(v.kind as ColumnKind) && optional(v.metric, isString);
}

/** Checked once per row of every 'data' message (100,000 of them): plain tests, no helper calls. */
function isRow(v: unknown): v is Row {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const r = v as Json;
  const { datasetVersion, split, shots, trainingDate, modelPath, metrics } = r;
  if (
    typeof r.id !== 'string' || typeof r.dataset !== 'string' || typeof r.model !== 'string' || typeof r.version !== 'string' ||
    typeof r.source !== 'string' || typeof r.sourcePath !== 'string' ||
    (datasetVersion !== undefined && typeof datasetVersion !== 'string') || (split !== undefined && typeof split !== 'string') ||
    (shots !== undefined && !(typeof shots === 'number' && Number.isInteger(shots))) ||
    (trainingDate !== undefined && typeof trainingDate !== 'string') || (modelPath !== undefined && typeof modelPath !== 'string') ||
    typeof metrics !== 'object' || metrics === null || Array.isArray(metrics)
  ) return false;
  for (const k in metrics) if (typeof (metrics as Json)[k] !== 'number') return false;
  return true;
}

export function isLeaderboardData(v: unknown): v is LeaderboardData {
  if (!isObject(v) || !Array.isArray(v.columns) || !v.columns.every(isColumn) || !Array.isArray(v.rows)) return false;
  const rows: unknown[] = v.rows;
  for (let i = 0; i < rows.length; i++) if (!isRow(rows[i])) return false;
  return true;
}

/** For the extension: is this a message the webview may send? */
export function isWebviewMessage(v: unknown): v is WebviewMessage {
  if (!isObject(v)) return false;
  switch (v.type) {
    case 'ready': return true;
    case 'openRow': return isString(v.id);
    case 'queryChanged':
    case 'insertMarkdown':
    case 'copyMarkdown':
    case 'exportCsv': return isQuery(v.query);
    default: return false;
  }
}

/** For the webview: is this a message the extension may send? */
export function isExtensionMessage(v: unknown): v is ExtensionMessage {
  if (!isObject(v)) return false;
  switch (v.type) {
    case 'data': return isLeaderboardData(v.data);
    case 'setQuery': return isQuery(v.query);
    case 'status': return (v.level === 'info' || v.level === 'error') && isString(v.text);
    default: return false;
  }
}
