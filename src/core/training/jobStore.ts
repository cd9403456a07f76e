// Persists jobs as <dir>/<id>.json with the log beside it as <dir>/<id>.log (default dir:
// <workspace>/.modelops/jobs). Writes are atomic; a corrupt record is reported, never fatal.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { JOB_STATES, isJobId, type JobRecord } from './job';

export interface StoreProblem {
  file: string;
  message: string;
}

export class JobStore {
  readonly dir: string;

  constructor(dir: string) {
    this.dir = resolve(dir);
  }

  static forWorkspace(root: string): JobStore {
    return new JobStore(join(root, '.modelops', 'jobs'));
  }

  recordPath(id: string): string {
    return join(this.dir, `${checkId(id)}.json`);
  }

  logPath(id: string): string {
    return join(this.dir, `${checkId(id)}.log`);
  }

  /** Writes the record atomically: a temp file in the same folder, then rename. */
  save(job: JobRecord): void {
    mkdirSync(this.dir, { recursive: true });
    const target = this.recordPath(job.job_id);
    const tmp = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    writeFileSync(tmp, JSON.stringify(job, null, 2) + '\n');
    renameSync(tmp, target);
  }

  get(id: string): JobRecord | undefined {
    const p = this.recordPath(id);
    if (!existsSync(p)) return undefined;
    return readRecord(p, id);
  }

  /** Every readable record, newest first, and a problem for each unreadable one. */
  list(): { jobs: JobRecord[]; problems: StoreProblem[] } {
    const jobs: JobRecord[] = [];
    const problems: StoreProblem[] = [];
    let names: string[] = [];
    try {
      names = readdirSync(this.dir);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') problems.push({ file: this.dir, message: String(e) });
    }
    for (const name of names.filter((n) => n.endsWith('.json')).sort().reverse()) {
      const id = name.slice(0, -5);
      const file = join(this.dir, name);
      if (!isJobId(id)) continue;
      try {
        jobs.push(readRecord(file, id));
      } catch (e) {
        problems.push({ file, message: e instanceof Error ? e.message : String(e) });
      }
    }
    return { jobs, problems };
  }

  /** Removes a finished job's record and log. */
  delete(id: string): void {
    rmSync(this.recordPath(id), { force: true });
    rmSync(this.logPath(id), { force: true });
  }
}

function checkId(id: string): string {
  if (!isJobId(id)) throw new Error(`not a job id: ${JSON.stringify(id)}`);
  return id;
}

function readRecord(file: string, id: string): JobRecord {
  let v: unknown;
  try {
    v = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`corrupt job record: ${e instanceof Error ? e.message : String(e)}`);
  }
  const r = v as Partial<JobRecord> | null;
  if (!r || typeof r !== 'object') throw new Error('corrupt job record: not an object');
  if (r.job_id !== id) throw new Error(`corrupt job record: job_id ${JSON.stringify(r.job_id)} does not match the file name`);
  if (!JOB_STATES.includes(r.status as never)) throw new Error(`corrupt job record: unknown status ${JSON.stringify(r.status)}`);
  if (r.target !== 'local' && r.target !== 'slurm') throw new Error(`corrupt job record: unknown target ${JSON.stringify(r.target)}`);
  if (typeof r.log_path !== 'string' || typeof r.created_at !== 'string') throw new Error('corrupt job record: missing log_path or created_at');
  return { metrics: {}, ...r } as JobRecord;
}
