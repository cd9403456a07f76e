// Runs a job on this machine: `sh -c command` in its own process group, stdout and stderr into
// the log (with backpressure), cancel = SIGTERM to the group, SIGKILL after a grace period.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import type { JobRecord } from './job';
import { LineBuffer } from './lineBuffer';
import type { JobRunner, LaunchPlan } from './runner';
import type { JobSession } from './session';

export interface LocalRunnerOptions {
  /** Between SIGTERM and SIGKILL on cancel (ms). */
  graceMs?: number;
  /** How often a reattached job's orphaned process is checked (ms). */
  checkMs?: number;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether `pid` leads its process group (as our jobs do: spawned detached). */
function groupLeader(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[2]) === pid; // state, ppid, pgrp
  } catch {
    return false;
  }
}

export class LocalRunner implements JobRunner {
  private children = new Map<string, { child: ChildProcess; cancelled: boolean; killTimer?: NodeJS.Timeout }>();
  private watchers = new Set<NodeJS.Timeout>();
  /** Reattached jobs (not our children) that were cancelled: they end as cancelled, not failed. */
  private cancelledOrphans = new Set<string>();

  constructor(private readonly options: LocalRunnerOptions = {}) {}

  async start(session: JobSession, plan: LaunchPlan): Promise<void> {
    const job = session.job;
    if (!existsSync(plan.workingDirectory)) throw new Error(`the working directory ${plan.workingDirectory} does not exist (training.working_directory is relative to the model file's folder)`);
    const out = createWriteStream(job.log_path, { flags: 'a' });
    await new Promise<void>((resolve, reject) => { out.once('open', () => resolve()); out.once('error', reject); });
    const child = spawn('/bin/sh', ['-c', plan.command], {
      cwd: plan.workingDirectory,
      env: { ...process.env, ...plan.env },
      detached: true, // its own process group, so cancel reaches everything it started
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const entry = { child, cancelled: false, killTimer: undefined as NodeJS.Timeout | undefined };
    this.children.set(job.job_id, entry);
    const stderrTail = new LineBuffer(20);
    let spawnError: Error | null = null;
    child.on('error', (e) => { spawnError = e; });

    const streams = [child.stdout!, child.stderr!];
    const take = (b: Buffer) => {
      if (!out.write(b)) {
        for (const s of streams) s.pause();
        out.once('drain', () => { for (const s of streams) s.resume(); });
      }
      session.log(b);
    };
    child.stdout!.on('data', take);
    child.stderr!.on('data', (b: Buffer) => { stderrTail.push(b); take(b); });

    child.on('close', (code, signal) => {
      clearTimeout(entry.killTimer);
      this.children.delete(job.job_id);
      out.end(() => {
        stderrTail.end();
        if (entry.cancelled) return session.finish('cancelled', 'cancelled by the user', code);
        if (spawnError) return session.finish('failed', `could not start: ${spawnError.message}`, null);
        if (code === 0) return session.finish('completed', null, 0);
        const why = code !== null ? `exit code ${code}` : `killed by ${signal}`;
        const tail = stderrTail.lines().join('\n');
        session.finish('failed', tail ? `${why}; last lines of stderr:\n${tail}` : why, code);
      });
    });
    if (child.pid !== undefined) session.update({ pid: child.pid, owner_pid: process.pid, status: 'running' });
  }

  async reattach(session: JobSession): Promise<void> {
    const job = session.job;
    if (this.children.has(job.job_id)) return;
    const pid = job.pid;
    const gone = () =>
      this.cancelledOrphans.delete(job.job_id) ? session.finish('cancelled', 'cancelled by the user', null) : session.finish('failed', `the job's process${pid ? ` (pid ${pid})` : ''} ended with the window that started it; its exit code is unknown. See the log for how far it got.`, null);
    // Our jobs lead their own process group; a pid that does not is gone (or reused by another program).
    if (!pid || !alive(pid) || !groupLeader(pid)) return gone();
    // Still running without its runner (its output has nowhere to go): watch until it ends.
    session.warn(`pid ${pid} is still running but its output is no longer captured; it will be marked failed when it ends`);
    const t = setInterval(() => {
      if (!alive(pid)) { clearInterval(t); this.watchers.delete(t); gone(); }
    }, this.options.checkMs ?? 2000);
    this.watchers.add(t);
  }

  async cancel(job: JobRecord): Promise<void> {
    const entry = this.children.get(job.job_id);
    const pid = entry?.child.pid ?? job.pid;
    if (!pid) return;
    // A pid from a record (not our child) must still lead its own group: never signal -1 or a stranger's group.
    if (!entry && !(pid > 1 && groupLeader(pid))) return;
    if (!entry) this.cancelledOrphans.add(job.job_id);
    if (entry) entry.cancelled = true;
    try { process.kill(-pid, 'SIGTERM'); } catch { /* already gone */ }
    if (entry) {
      entry.killTimer = setTimeout(() => { try { process.kill(-pid, 'SIGKILL'); } catch { /* gone */ } }, this.options.graceMs ?? 5000);
    }
  }

  async dispose(): Promise<void> {
    for (const t of this.watchers) clearInterval(t);
    this.watchers.clear();
  }
}
