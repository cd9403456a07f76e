// Metrics from training logs: JSON lines with numeric fields, `key=value` and `key: value` pairs,
// and tqdm-style percentages (`45%|████`) for progress. Pure, shared by runners and the chart.
import type { MetricsSeries } from './job';

export interface LineMetrics {
  values: Record<string, number>;
  /** 0-100, from a tqdm-style bar or a `progress` field. */
  progress: number | null;
}

const PAIR = /(?:^|[\s,;{(\[|])([A-Za-z_][A-Za-z0-9_.\/-]*)\s*(?:=|:\s)\s*(-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?)(?![\w.:\/])/g;
const TQDM = /(?:^|[\s:])(\d{1,3}(?:\.\d+)?)%\|/;
/** Fields that place a point on the x axis rather than being plotted. */
export const X_KEYS = ['step', 'global_step', 'iteration', 'iter', 'epoch'];

export function parseMetricsLine(line: string): LineMetrics | null {
  const values: Record<string, number> = {};
  let progress: number | null = null;
  const t = line.trim();
  if (t.length > 1 && t.startsWith('{') && t.endsWith('}')) {
    try {
      const v = JSON.parse(t) as unknown;
      if (v && typeof v === 'object' && !Array.isArray(v)) {
        for (const [k, x] of Object.entries(v)) if (typeof x === 'number' && Number.isFinite(x)) values[k] = x;
      }
    } catch {
      /* not JSON after all: fall through to the pairs */
    }
  }
  if (Object.keys(values).length === 0 && (t.includes('=') || t.includes(':'))) {
    PAIR.lastIndex = 0;
    for (let m = PAIR.exec(t); m; m = PAIR.exec(t)) {
      const n = Number(m[2]);
      if (Number.isFinite(n)) values[m[1]] = n;
    }
  }
  const bar = t.includes('%|') ? TQDM.exec(t) : null;
  if (bar) progress = Number(bar[1]);
  else if (typeof values.progress === 'number') progress = values.progress;
  if (progress !== null) {
    progress = Math.max(0, Math.min(100, progress));
    delete values.progress;
  }
  if (Object.keys(values).length === 0 && progress === null) return null;
  return { values, progress };
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
    const xKey = X_KEYS.find((k) => k in m.values);
    for (const [k, v] of Object.entries(m.values)) {
      if (X_KEYS.includes(k)) continue;
      const n = (this.counts[k] = (this.counts[k] ?? 0) + 1);
      const x = xKey ? m.values[xKey] : n;
      const s = (this.series[k] ??= []);
      s.push([x, v]);
      if (s.length > this.maxPoints) this.series[k] = s.filter((_, i) => i % 2 === 1 || i === s.length - 1);
    }
    return true;
  }
}
