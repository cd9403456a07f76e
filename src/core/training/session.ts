// One live job: its record, the metrics parsed from its log, throttled saves, and the events the
// CLI and the panels listen to. Runners report through it; it never runs anything itself.
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { isTerminal, type JobRecord, type JobState } from './job';
import type { JobStore } from './jobStore';
import { LineSplitter } from './logLines';
import { MetricsCollector } from './metrics';

export interface JobEvents {
  /** Bytes appended to the job's log, in order. */
  onLog?(job: JobRecord, chunk: Buffer): void;
  /** The record changed (status, progress, metrics, ids). */
  onUpdate?(job: JobRecord): void;
  /** Something worth telling the user that does not change the job's state (a reconnect). */
  onWarning?(job: JobRecord, message: string): void;
}

export class JobSession {
  private splitter = new LineSplitter();
  private metrics: MetricsCollector;
  private lastSave = 0;
  private saveTimer: NodeJS.Timeout | null = null;
  private lastUpdate = 0;
  private updateTimer: NodeJS.Timeout | null = null;
  private readonly updateEveryMs = 200;
  private resolveDone!: (job: JobRecord) => void;
  /** Resolves with the final record once the job is completed, failed or cancelled. */
  readonly done: Promise<JobRecord>;
  /** Bytes of the log parsed for metrics. */
  parsed = 0;

  constructor(readonly job: JobRecord, private readonly store: JobStore, private readonly events: JobEvents, private readonly saveEveryMs = 1000) {
    this.metrics = new MetricsCollector();
    Object.assign(this.metrics.series, job.metrics ?? {});
    this.parsed = job.log_offset ?? 0;
    this.done = new Promise((r) => { this.resolveDone = r; });
    if (isTerminal(job.status)) this.resolveDone(job);
  }

  /** Parses log bytes already on disk that this session has not seen (after a reattach). */
  catchUp(from: number): void {
    let size = 0;
    try { size = statSync(this.job.log_path).size; } catch { return; }
    if (size <= from) return;
    const fd = openSync(this.job.log_path, 'r');
    try {
      const buf = Buffer.allocUnsafe(1 << 20);
      for (let pos = from; pos < size; ) {
        const n = readSync(fd, buf, 0, Math.min(buf.length, size - pos), pos);
        if (n <= 0) break;
        this.parse(buf.subarray(0, n));
        pos += n;
      }
    } finally {
      closeSync(fd);
    }
  }

  private parse(chunk: Buffer): boolean {
    this.parsed += chunk.length;
    let changed = false;
    for (const line of this.splitter.push(chunk)) if (this.metrics.addLine(line)) changed = true;
    return changed;
  }

  /** New log bytes: parsed for metrics and progress, then handed to listeners. */
  log(chunk: Buffer): void {
    if (this.parse(chunk)) {
      this.job.metrics = this.metrics.series;
      if (this.metrics.progress !== null) this.job.progress = Math.max(this.job.progress, Math.round(this.metrics.progress));
      this.touch(false);
    }
    this.events.onLog?.(this.job, chunk);
  }

  warn(message: string): void {
    this.events.onWarning?.(this.job, message);
  }

  /** Changes the record; a status change is saved at once, other changes at most every second. */
  update(patch: Partial<JobRecord>): void {
    if (isTerminal(this.job.status)) return;
    const statusChanged = patch.status !== undefined && patch.status !== this.job.status;
    Object.assign(this.job, patch);
    this.touch(statusChanged);
  }

  private touch(now: boolean): void {
    this.job.updated_at = new Date().toISOString();
    if (now || Date.now() - this.lastSave >= this.saveEveryMs) this.flushSave();
    else this.saveTimer ??= setTimeout(() => this.flushSave(), this.saveEveryMs);
    // Listeners (a view, a chart) hear a state change at once, metrics at most every updateEveryMs.
    if (now || Date.now() - this.lastUpdate >= this.updateEveryMs) this.emitUpdate();
    else this.updateTimer ??= setTimeout(() => this.emitUpdate(), this.updateEveryMs);
  }

  private emitUpdate(): void {
    if (this.updateTimer) clearTimeout(this.updateTimer);
    this.updateTimer = null;
    this.lastUpdate = Date.now();
    this.events.onUpdate?.(this.job);
  }

  private flushSave(): void {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = null;
    this.lastSave = Date.now();
    this.job.log_offset = this.parsed;
    this.store.save(this.job);
  }

  /** Ends the job: its final state, why, and its exit code. */
  finish(status: JobState, error: string | null, exitCode: number | null = this.job.exit_code): void {
    if (isTerminal(this.job.status)) return;
    for (const line of this.splitter.flush()) this.metrics.addLine(line);
    this.job.metrics = this.metrics.series;
    const now = new Date().toISOString();
    Object.assign(this.job, { status, error, exit_code: exitCode, finished_at: now, updated_at: now, log_offset: this.parsed });
    if (status === 'completed') this.job.progress = 100;
    this.flushSave();
    this.emitUpdate();
    this.resolveDone(this.job);
  }
}

/** The last `n` lines of a log file (reads at most its last 64 KiB). */
export function logTail(path: string, n = 10): string {
  try {
    const size = statSync(path).size;
    const len = Math.min(size, 65536);
    const fd = openSync(path, 'r');
    const buf = Buffer.alloc(len);
    try { readSync(fd, buf, 0, len, size - len); } finally { closeSync(fd); }
    return buf.toString('utf8').replace(/\s+$/, '').split(/\r\n|\r|\n/).slice(-n).join('\n');
  } catch {
    return '';
  }
}
