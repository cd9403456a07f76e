// The messages between the Training Run webview and the extension: one union per direction keyed
// on `type`, with runtime guards for whichever side receives them. The webview posts `ready` first;
// the extension answers with `run` (the whole run), then `append` with new points as they arrive.
import type { JobState, MetricsSeries } from './job';

export type { MetricsSeries } from './job';
// Listed here, not imported: job.ts uses node:crypto and this file is bundled for the browser.
const JOB_STATES: readonly JobState[] = ['pending', 'running', 'completed', 'failed', 'cancelled'];

/** What the chart panel shows of a job. Strings here are data: the webview renders them as text. */
export interface RunView {
  jobId: string;
  model: string;
  where: string;
  status: JobState;
  progress: number;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
}

/** Extension → webview. */
export type ToRun =
  | { type: 'run'; run: RunView; metrics: MetricsSeries }
  | { type: 'append'; run: RunView; points: MetricsSeries };

/** Webview → extension. */
export type FromRun =
  | { type: 'ready' }
  | { type: 'showLog' }
  | { type: 'openLogFile' }
  | { type: 'cancel' };

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';

function isPoint(v: unknown): v is [number, number] {
  return Array.isArray(v) && v.length === 2 && typeof v[0] === 'number' && typeof v[1] === 'number';
}

export function isMetricsSeries(v: unknown): v is MetricsSeries {
  if (!isObject(v)) return false;
  for (const k in v) {
    const pts = v[k];
    if (!Array.isArray(pts) || !pts.every(isPoint)) return false;
  }
  return true;
}

export function isRunView(v: unknown): v is RunView {
  return (
    isObject(v) && isString(v.jobId) && isString(v.model) && isString(v.where) &&
    JOB_STATES.includes(v.status as JobState) && typeof v.progress === 'number' &&
    (v.error === null || isString(v.error)) && isString(v.createdAt) && (v.finishedAt === null || isString(v.finishedAt))
  );
}

/** For the webview: is this a message the extension may send? */
export function isToRun(v: unknown): v is ToRun {
  if (!isObject(v)) return false;
  switch (v.type) {
    case 'run': return isRunView(v.run) && isMetricsSeries(v.metrics);
    case 'append': return isRunView(v.run) && isMetricsSeries(v.points);
    default: return false;
  }
}

/** For the extension: is this a message the webview may send? */
export function isFromRun(v: unknown): v is FromRun {
  return isObject(v) && (v.type === 'ready' || v.type === 'showLog' || v.type === 'openLogFile' || v.type === 'cancel') && Object.keys(v).length === 1;
}

/** The points of `series` past the counts already sent; updates `sent` to the new counts. */
export function newPoints(series: MetricsSeries, sent: Map<string, number>): MetricsSeries {
  const out: MetricsSeries = {};
  for (const [k, pts] of Object.entries(series)) {
    const from = sent.get(k) ?? 0;
    if (pts.length > from) out[k] = pts.slice(from);
    sent.set(k, pts.length);
  }
  return out;
}
