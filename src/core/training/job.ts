// The job model: JobStatus exactly as the users' API names it, and the record the JobStore keeps.
import { randomBytes } from 'node:crypto';

export type JobState = 'pending' | 'running' | 'completed' | 'failed' | 'cancelled';
export const JOB_STATES: readonly JobState[] = ['pending', 'running', 'completed', 'failed', 'cancelled'];
export type JobTarget = 'local' | 'slurm';

/** The users' `JobStatus`. */
export interface JobStatus {
  job_id: string;
  status: JobState;
  /** 0-100 */
  progress: number;
  created_at: string;
  updated_at: string;
  error: string | null;
}

/** One environment variable the job set; a secret keeps its name only. */
export interface EnvEntry {
  name: string;
  value: string | null;
  secret: boolean;
}

/** What was run, as it was: enough to rerun it and to compare with the current spec. */
export interface JobSnapshot {
  /** The model file's whole JSON value at launch. */
  spec: unknown;
  /** Path of the model file, relative to the workspace root. */
  spec_file: string;
  git: { commit: string | null; dirty: boolean | null };
  /** The command as given, and the directory it ran in (on the cluster for SSH). */
  command: string;
  working_directory: string;
  /** The rendered sbatch script and the sbatch command line (Slurm jobs). */
  sbatch_script: string | null;
  submit_command: string | null;
  env: EnvEntry[];
}

/** A metric's points: [x, value], x being the line's step/epoch when it has one. */
export type MetricsSeries = Record<string, Array<[number, number]>>;

export interface JobRecord extends JobStatus {
  model: { name: string; version: string | null; file: string };
  target: JobTarget;
  /** SSH host name (settings or ~/.ssh/config); null = this machine. */
  host: string | null;
  slurm_job_id: string | null;
  /** Slurm's state word and reason, as last seen. */
  slurm_state: string | null;
  /** Local jobs: the process (and its group) id, and the process that owns its pipes. */
  pid: number | null;
  owner_pid: number | null;
  exit_code: number | null;
  /** The log on this machine (complete for local jobs; the copy so far for remote ones). */
  log_path: string;
  /** Bytes of the local log already parsed for metrics (a reattach continues from here). */
  log_offset: number;
  /** The log on the cluster (SSH jobs). */
  remote_log_path: string | null;
  metrics: MetricsSeries;
  finished_at: string | null;
  snapshot: JobSnapshot;
}

export function isTerminal(state: JobState): boolean {
  return state === 'completed' || state === 'failed' || state === 'cancelled';
}

/** Sortable and unique: 20261123-164501-3f9a2c. Safe in paths and shells. */
export function newJobId(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getUTCFullYear()}${p(now.getUTCMonth() + 1)}${p(now.getUTCDate())}-${p(now.getUTCHours())}${p(now.getUTCMinutes())}${p(now.getUTCSeconds())}`;
  return `${stamp}-${randomBytes(3).toString('hex')}`;
}

export function isJobId(s: string): boolean {
  return /^[0-9]{8}-[0-9]{6}-[0-9a-f]{6}$/.test(s);
}

/** The users' JobStatus view of a record. */
export function toJobStatus(r: JobRecord): JobStatus {
  return { job_id: r.job_id, status: r.status, progress: r.progress, created_at: r.created_at, updated_at: r.updated_at, error: r.error };
}
