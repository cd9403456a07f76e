// Metrics from training logs: JSON lines with numeric fields, `key=value` and `key: value` pairs,
// and tqdm-style percentages (`45%|████`) for progress. Pure, shared by runners and the chart.
import type { MetricsSeries } from './job';

export interface LineMetrics {
  values: Record<string, number>;
  /** 0-100, from a tqdm-style bar or a `progress` field. */
  progress: number | null;
}

const TQDM = /(?:^|[\s:])(\d{1,3}(?:\.\d+)?)%\|/;
/** Fields that place a point on the x axis rather than being plotted. */
export const X_KEYS = ['step', 'global_step', 'iteration', 'iter', 'epoch'];

export function parseMetricsLine(line: string): LineMetrics | null {
  const values: Record<string, number> = {};
  let progress: number | null = null;
  const t = line.charCodeAt(0) === 32 || line.charCodeAt(line.length - 1) === 32 ? line.trim() : line;
  let any = false;
  if (t.length > 1 && t.charCodeAt(0) === 123 && t.endsWith('}')) {
    try {
      const v = JSON.parse(t) as unknown;
      if (v && typeof v === 'object' && !Array.isArray(v)) {
        for (const [k, x] of Object.entries(v)) if (typeof x === 'number' && Number.isFinite(x)) { values[k] = x; any = true; }
      }
    } catch {
      /* not JSON after all: fall through to the pairs */
    }
  }
  if (!any) any = pairs(t, values);
  const bar = t.includes('%|') ? TQDM.exec(t) : null;
  if (bar) progress = Number(bar[1]);
  else if (typeof values.progress === 'number') progress = values.progress;
  if (progress !== null) {
    progress = Math.max(0, Math.min(100, progress));
    delete values.progress;
  }
  if (!any && progress === null) return null;
  return { values, progress };
}

const isKeyChar = (c: number) =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 46 || c === 47 || c === 45;
const isStartChar = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
const isLeftEdge = (c: number) => c !== c /* NaN: start of line */ || c === 32 || c === 9 || c === 44 || c === 59 || c === 123 || c === 40 || c === 91 || c === 124;

/** Length of the number at t[i] (-?digits[.digits][e±digits]), 0 if none. */
function numberAt(t: string, i: number): number {
  let j = i;
  if (t.charCodeAt(j) === 45) j++;
  const d0 = j;
  while (isDigit(t.charCodeAt(j))) j++;
  let digits = j - d0;
  if (t.charCodeAt(j) === 46) {
    const f0 = ++j;
    while (isDigit(t.charCodeAt(j))) j++;
    digits += j - f0;
  }
  if (digits === 0) return 0;
  const e = t.charCodeAt(j);
  if (e === 101 || e === 69) {
    let k = j + 1;
    if (t.charCodeAt(k) === 43 || t.charCodeAt(k) === 45) k++;
    const e0 = k;
    while (isDigit(t.charCodeAt(k))) k++;
    if (k > e0) j = k;
  }
  return j - i;
}
const isDigit = (c: number) => c >= 48 && c <= 57;

/** `key=value` and `key: value` pairs with numeric values (a scanner: logs are big, regexes slow). */
function pairs(t: string, into: Record<string, number>): boolean {
  let found = false;
  let i = -1;
  for (;;) {
    const eq = t.indexOf('=', i + 1);
    const co = t.indexOf(': ', i + 1);
    if (eq < 0 && co < 0) return found;
    i = eq < 0 ? co : co < 0 ? eq : Math.min(eq, co);
    let v = t.charCodeAt(i) === 61 ? i + 1 : i + 2;
    let k = i;
    while (k > 0 && t.charCodeAt(k - 1) === 32) k--;
    const end = k;
    while (k > 0 && isKeyChar(t.charCodeAt(k - 1))) k--;
    while (k < end && !isStartChar(t.charCodeAt(k))) k++;
    if (k === end || !isLeftEdge(t.charCodeAt(k - 1))) continue;
    while (t.charCodeAt(v) === 32) v++;
    const len = numberAt(t, v);
    if (!len) continue;
    const after = t.charCodeAt(v + len);
    // the number must end there: not "12:30", "1.2.3", "3abc" or a path
    if (after === after && (isKeyChar(after) || after === 58)) continue;
    const n = Number(t.slice(v, v + len));
    if (Number.isFinite(n)) { into[t.slice(k, end)] = n; found = true; }
    i = v + len - 1;
  }
}

/**
 * The metrics series of one job, bounded: when a metric reaches `maxPoints`, every other point is
 * dropped (the chart keeps its shape; the log keeps every value).
 */
export class MetricsCollector {
  readonly series: MetricsSeries = {};
  private counts: Record<string, number> = {};
  progress: number | null = null;

  constructor(private readonly maxPoints = 2000) {}

  /** Reads one log line; true if it carried a metric or progress. */
  addLine(line: string): boolean {
    const m = parseMetricsLine(line);
    if (!m) return false;
    if (m.progress !== null) this.progress = m.progress;
    const v = m.values;
    let x: number | undefined;
    for (const k of X_KEYS) if (v[k] !== undefined) { x = v[k]; break; }
    for (const k in v) {
      if (X_KEYS.includes(k)) continue;
      const n = (this.counts[k] = (this.counts[k] ?? 0) + 1);
      let s = this.series[k];
      if (!s) s = this.series[k] = [];
      s.push([x ?? n, v[k]]);
      if (s.length > this.maxPoints) halve(s);
    }
    return true;
  }
}

/** Keeps every other point (and the last), in place. */
function halve(s: Array<[number, number]>): void {
  const last = s[s.length - 1];
  let w = 0;
  for (let r = 1; r < s.length; r += 2) s[w++] = s[r];
  if (s[w - 1] !== last) s[w++] = last;
  s.length = w;
}
