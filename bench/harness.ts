// Shared by every benchmark: repeated measurement, medians and spreads, and one line per figure.
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { cpus, totalmem } from 'node:os';

export interface Stats { median: number; min: number; max: number; runs: number }

export interface Figure {
  /** e.g. "Registry validation, 10,000 files". */
  name: string;
  unit: string;
  ours: Stats;
  baseline?: { name: string; stats: Stats };
  /** What "good" means, e.g. "≥ 10x faster". */
  target: string;
  /** Whether the target was met, judged by the script from the measurement. */
  met: boolean;
  notes?: string;
}

export function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  return { median, min: s[0], max: s[s.length - 1], runs: s.length };
}

export function percentile(samples: number[], p: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

/** Wall time of a whole process, in milliseconds; throws when it fails. */
export function timeProcess(command: string, args: string[], options: SpawnSyncOptions = {}): number {
  const start = process.hrtime.bigint();
  const r = spawnSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'], ...options });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.error) throw r.error;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${command} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

/** Runs a and b alternately, so load on the shared machine hits both alike. */
export function alternate(runs: number, a: () => number, b: () => number): [number[], number[]] {
  const as: number[] = [];
  const bs: number[] = [];
  for (let i = 0; i < runs; i++) {
    as.push(a());
    bs.push(b());
  }
  return [as, bs];
}

export function machine(): string {
  const cpu = cpus();
  return `${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
}

const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));

export function describe(f: Figure): string {
  const ours = `${fmt(f.ours.median)} ${f.unit} (${fmt(f.ours.min)}–${fmt(f.ours.max)}, ${f.ours.runs} runs)`;
  if (!f.baseline) return `${f.name}: ${ours}; target ${f.target}: ${f.met ? 'met' : 'MISSED'}`;
  const b = f.baseline.stats;
  const ratio = b.median / f.ours.median;
  return `${f.name}: ours ${ours} vs ${f.baseline.name} ${fmt(b.median)} ${f.unit} (${fmt(b.min)}–${fmt(b.max)}) → ${ratio >= 1 ? `${fmt(ratio)}x faster` : `${fmt(1 / ratio)}x slower`}; target ${f.target}: ${f.met ? 'met' : 'MISSED'}`;
}
