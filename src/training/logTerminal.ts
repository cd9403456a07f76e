// A terminal per job that streams its log: the backlog first, then new output written in batches
// (at most every FLUSH_MS, capped per batch by TerminalFeed) so a fast writer never freezes the window.
import * as vscode from 'vscode';
import { isTerminal, type JobRecord } from '../core/training/job';
import { logTail } from '../core/training/session';
import { TerminalFeed } from './terminalFeed';
import type { TrainingService } from './service';

const FLUSH_MS = 50;

/** A Pseudoterminal fed by a TerminalFeed; `end` writes a closing line. Shared with the task type. */
export class FeedTerminal implements vscode.Pseudoterminal {
  private readonly writer = new vscode.EventEmitter<string>();
  private readonly closer = new vscode.EventEmitter<number | void>();
  readonly onDidWrite = this.writer.event;
  readonly onDidClose = this.closer.event;
  readonly feed = new TerminalFeed();
  private timer: NodeJS.Timeout | undefined;
  private opened = false;

  constructor(private readonly onOpen: (t: FeedTerminal) => void, private readonly onClose: () => void) {}

  open(): void {
    this.opened = true;
    this.onOpen(this);
    this.flush();
  }

  close(): void {
    this.stop();
    this.onClose();
  }

  /** Queues text (or log bytes); written at the next batch. */
  push(chunk: Buffer | string): void {
    this.feed.push(chunk);
    if (this.opened) this.timer ??= setTimeout(() => this.flush(), FLUSH_MS);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const text = this.feed.take();
    if (text) this.writer.fire(text);
  }

  /** Ends the terminal's process (task terminals); the exit code shows in the task's status. */
  exit(code: number): void {
    this.flush();
    this.closer.fire(code);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

export function endLine(job: JobRecord): string {
  const color = job.status === 'completed' ? '32' : job.status === 'failed' ? '31' : '33';
  const why = job.error ? `: ${job.error.split('\n')[0]}` : '';
  return `\r\n\x1b[${color}m[ModelOps] job ${job.status}${why}\x1b[0m\r\n`;
}

export class JobTerminals implements vscode.Disposable {
  private readonly open = new Map<string, { terminal: vscode.Terminal; pty: FeedTerminal; ended: boolean }>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly service: TrainingService) {
    this.subscriptions = [
      service.onDidLog(({ job, chunk }) => this.open.get(job.job_id)?.pty.push(chunk)),
      service.onDidUpdate((job) => {
        const t = this.open.get(job.job_id);
        if (t && !t.ended && isTerminal(job.status)) {
          t.ended = true;
          t.pty.push(endLine(job));
        }
      }),
      vscode.window.onDidCloseTerminal((term) => {
        for (const [id, t] of this.open) if (t.terminal === term) this.open.delete(id);
      }),
    ];
  }

  show(job: JobRecord, preserveFocus = false): void {
    const existing = this.open.get(job.job_id);
    if (existing) return existing.terminal.show(preserveFocus);
    const entry = { ended: false } as { terminal: vscode.Terminal; pty: FeedTerminal; ended: boolean };
    const pty = new FeedTerminal(
      (p) => {
        const current = this.service.get(job.job_id) ?? job;
        p.push(`\x1b[2m[ModelOps] ${current.model.name} · job ${current.job_id} · log ${current.log_path}\x1b[0m\r\n`);
        const backlog = this.service.backlog(job.job_id);
        if (backlog !== undefined) p.push(backlog);
        else {
          const tail = logTail(current.log_path, 2000);
          if (tail) p.push(tail + '\n');
        }
        if (isTerminal(current.status)) {
          entry.ended = true;
          p.push(endLine(current));
        }
      },
      () => this.open.delete(job.job_id),
    );
    entry.pty = pty;
    entry.terminal = vscode.window.createTerminal({
      name: `Train: ${job.model.name}`,
      pty,
      isTransient: true,
      iconPath: new vscode.ThemeIcon('pulse'),
    });
    this.open.set(job.job_id, entry);
    entry.terminal.show(preserveFocus);
  }

  /** Closes the job's terminal (its record was deleted). */
  close(id: string): void {
    this.open.get(id)?.terminal.dispose();
    this.open.delete(id);
  }

  dispose(): void {
    for (const t of this.open.values()) {
      t.pty.stop();
      t.terminal.dispose();
    }
    for (const s of this.subscriptions) s.dispose();
  }
}
