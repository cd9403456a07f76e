// Slurm's job states, as squeue and `scontrol show job` print them, mapped to JobStatus.
import type { JobState } from './job';

export interface SlurmJobInfo {
  id: string;
  /** Slurm's state word: RUNNING, COMPLETED, ... */
  state: string;
  reason: string | null;
  /** From scontrol's ExitCode=code:signal. */
  exitCode: number | null;
  signal: number | null;
}

const FAILED = ['FAILED', 'TIMEOUT', 'NODE_FAIL', 'OUT_OF_MEMORY', 'BOOT_FAIL', 'DEADLINE', 'PREEMPTED'];

/** JobStatus for a Slurm state; `reason` is why a job failed (the state itself, and Slurm's reason). */
export function mapSlurmState(state: string): { status: JobState; failed: boolean } {
  const s = state.toUpperCase().split(/[\s+]/)[0];
  if (s === 'PENDING' || s === 'CONFIGURING' || s === 'REQUEUED' || s === 'REQUEUE_HOLD' || s === 'REQUEUE_FED' || s === 'RESV_DEL_HOLD') return { status: 'pending', failed: false };
  if (s === 'RUNNING' || s === 'COMPLETING' || s === 'SUSPENDED' || s === 'STAGE_OUT' || s === 'SIGNALING' || s === 'RESIZING' || s === 'STOPPED') return { status: 'running', failed: false };
  if (s === 'COMPLETED') return { status: 'completed', failed: false };
  if (s === 'CANCELLED') return { status: 'cancelled', failed: false };
  if (FAILED.includes(s)) return { status: 'failed', failed: true };
  // An unknown word from a newer Slurm: keep watching rather than guess an outcome.
  return { status: 'running', failed: false };
}

/** The reason a failed Slurm job gives: its state, Slurm's reason and the exit code. */
export function slurmFailure(info: SlurmJobInfo): string {
  const parts = [`Slurm state ${info.state}`];
  if (info.reason && info.reason !== 'None') parts.push(`reason ${info.reason}`);
  if (info.exitCode !== null) parts.push(`exit code ${info.exitCode}${info.signal ? ` (signal ${info.signal})` : ''}`);
  return parts.join(', ');
}

/** The format the poller asks squeue for; parseSqueue reads it. */
export const SQUEUE_FORMAT = '%i|%T|%r';

export function parseSqueue(out: string): Map<string, SlurmJobInfo> {
  const jobs = new Map<string, SlurmJobInfo>();
  for (const line of out.split('\n')) {
    const [id, state, reason] = line.trim().split('|');
    if (!id || !state || !/^\d+$/.test(id)) continue;
    jobs.set(id, { id, state, reason: reason && reason !== 'None' ? reason : null, exitCode: null, signal: null });
  }
  return jobs;
}

/** `scontrol -o show job` output: one job a line of Key=Value pairs. */
export function parseScontrol(out: string): Map<string, SlurmJobInfo> {
  const jobs = new Map<string, SlurmJobInfo>();
  for (const line of out.split('\n')) {
    const id = /(?:^|\s)JobId=(\d+)/.exec(line)?.[1];
    const state = /(?:^|\s)JobState=(\S+)/.exec(line)?.[1];
    if (!id || !state) continue;
    const reason = /(?:^|\s)Reason=(\S+)/.exec(line)?.[1] ?? null;
    const exit = /(?:^|\s)ExitCode=(\d+):(\d+)/.exec(line);
    jobs.set(id, {
      id,
      state,
      reason: reason && reason !== 'None' ? reason : null,
      exitCode: exit ? Number(exit[1]) : null,
      signal: exit ? Number(exit[2]) : null,
    });
  }
  return jobs;
}
