// The extension's one Trainer (src/core/training) and the events the views, terminals, chart panels
// and notifications listen to. Settings are read here; nothing here draws anything.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { isTerminal, type JobRecord } from '../core/training/job';
import { LineBuffer } from '../core/training/lineBuffer';
import { Trainer, type TrainerOptions } from '../core/training/trainer';
import type { SshHost } from '../core/training/sshTransport';
import { sshPromptOptions } from './sshPrompts';
import { parseHostsSetting, sshConfigAliases } from './targets';

export interface LogEvent {
  job: JobRecord;
  chunk: Buffer;
}

/** Lines each live job keeps for a log terminal opened late (the file keeps everything). */
const BACKLOG_LINES = 5000;

export class TrainingService implements vscode.Disposable {
  private trainerInstance: Trainer | undefined;
  private readonly options: TrainerOptions & { hosts: SshHost[] };
  private readonly updated = new vscode.EventEmitter<JobRecord>();
  private readonly logged = new vscode.EventEmitter<LogEvent>();
  private readonly backlogs = new Map<string, LineBuffer>();
  private readonly endsWithNewline = new Map<string, boolean>();
  private readonly disposables: vscode.Disposable[] = [];
  /** Fires for every record change (status, progress, metrics), throttled by the core. */
  readonly onDidUpdate = this.updated.event;
  readonly onDidLog = this.logged.event;
  readonly root: string | undefined;

  constructor(context: vscode.ExtensionContext, private readonly output: vscode.LogOutputChannel) {
    this.root = vscode.workspace.workspaceFolders?.[0]?.uri.scheme === 'file' ? vscode.workspace.workspaceFolders[0].uri.fsPath : undefined;
    this.options = {
      workspaceRoot: this.root ?? '',
      hosts: [],
      ssh: sshPromptOptions(context.secrets),
      events: {
        onLog: (job, chunk) => {
          let b = this.backlogs.get(job.job_id);
          if (!b) this.backlogs.set(job.job_id, (b = new LineBuffer(BACKLOG_LINES)));
          b.push(chunk);
          if (chunk.length) this.endsWithNewline.set(job.job_id, chunk[chunk.length - 1] === 0x0a);
          this.logged.fire({ job, chunk });
        },
        onUpdate: (job) => {
          if (isTerminal(job.status)) this.backlogs.get(job.job_id)?.end();
          this.updated.fire(job);
        },
        onWarning: (job, message) => this.output.warn(`${job.model.name} (${job.job_id}): ${message}`),
      },
    };
    this.readSettings();
    this.disposables.push(
      this.updated,
      this.logged,
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('modelops.slurm')) this.readSettings();
      }),
    );
  }

  private readSettings(): void {
    const cfg = vscode.workspace.getConfiguration('modelops');
    const { hosts, problems } = parseHostsSetting(cfg.get('slurm.hosts'));
    this.options.hosts.splice(0, this.options.hosts.length, ...hosts); // the Trainer reads this array
    for (const p of problems) this.output.warn(p);
    const seconds = cfg.get<number>('slurm.pollInterval', 10);
    this.options.pollIntervalMs = Math.max(1, Number.isFinite(seconds) ? seconds : 10) * 1000;
  }

  get hosts(): readonly SshHost[] {
    return this.options.hosts;
  }

  /** ~/.ssh/config aliases one can pick as a target. */
  sshAliases(): string[] {
    const file = join(homedir(), '.ssh', 'config');
    try {
      return existsSync(file) ? sshConfigAliases(readFileSync(file, 'utf8')) : [];
    } catch {
      return [];
    }
  }

  /** The Trainer, made on first use; undefined without a local workspace folder. */
  get trainer(): Trainer | undefined {
    if (!this.root) return undefined;
    this.trainerInstance ??= new Trainer(this.options);
    return this.trainerInstance;
  }

  /** Every job in the store (newest first), live records preferred. */
  jobs(): JobRecord[] {
    const t = this.trainer;
    if (!t) return [];
    return t.store.list().jobs.map((j) => t.get(j.job_id) ?? j);
  }

  get(id: string): JobRecord | undefined {
    return this.trainer?.get(id);
  }

  /** The text a log view starts with for a live job (its last lines); undefined = read the file. */
  backlog(id: string): string | undefined {
    const b = this.backlogs.get(id);
    if (!b) return undefined;
    const lines = b.lines();
    if (!lines.length) return '';
    return lines.join('\n') + (this.endsWithNewline.get(id) === false ? '' : '\n');
  }

  forget(id: string): void {
    this.backlogs.delete(id);
    this.endsWithNewline.delete(id);
  }

  /** Resumes tracking after a reload: Slurm jobs continue; dead local ones become failed. */
  async reattach(): Promise<void> {
    const t = this.trainer;
    if (!t) return;
    const { jobs, problems } = await t.reattach();
    for (const p of problems) this.output.warn(`${p.file}: ${p.message}`);
    if (problems.length) {
      void vscode.window.showWarningMessage(`ModelOps: ${problems.length} job record${problems.length === 1 ? '' : 's'} could not be read (see the ModelOps Training output).`);
    }
    this.output.info(`reattached: ${jobs.length} job record(s) in ${t.store.dir}`);
    for (const j of jobs) this.updated.fire(t.get(j.job_id) ?? j);
  }

  dispose(): void {
    void this.trainerInstance?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
