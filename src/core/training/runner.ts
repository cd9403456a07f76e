// The runners' one interface. A runner starts a planned job, tracks it to the end through its
// JobSession, reattaches to a job found on disk, and cancels.
import type { JobRecord } from './job';
import type { JobSession } from './session';

/** What to run, resolved from the spec (see plan.ts). */
export interface LaunchPlan {
  command: string;
  /** Absolute, on the machine that runs the job. */
  workingDirectory: string;
  /** Every variable the job sets, secrets included (never stored). */
  env: Record<string, string>;
  secretNames: string[];
  /** Slurm jobs: the script, where it goes, and the log path on the cluster. */
  sbatch?: { script: string; scriptPath: string; args: string[]; logPath: string };
}

export interface JobRunner {
  start(session: JobSession, plan: LaunchPlan): Promise<void>;
  /** Resumes tracking a job loaded from the store (after a reload). */
  reattach(session: JobSession): Promise<void>;
  cancel(job: JobRecord): Promise<void>;
  dispose(): Promise<void>;
}
