// The training service the CLI and the extension share: start a model's job, reattach to the
// JobStore's jobs after a reload, cancel, wait. It owns one runner per target and SSH host.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isTerminal, toJobStatus, type JobRecord, type JobStatus, type JobTarget, type MetricsSeries } from './job';
import { JobStore, type StoreProblem } from './jobStore';
import { LocalRunner, type LocalRunnerOptions } from './localRunner';
import { planJob } from './plan';
import type { JobRunner } from './runner';
import { JobSession, type JobEvents } from './session';
import { SlurmRunner } from './slurmRunner';
import { parseModelSpec, readModelSpec, type ModelSpec } from './spec';
import { specDiff, type SpecChange } from './specDiff';
import { resolveSshHost, SshTransport, type SshHost, type SshOptions } from './sshTransport';
import { quote } from './shell';
import { LocalShell } from './transport';

export interface TrainerOptions {
  workspaceRoot: string;
  store?: JobStore;
  /** `modelops.slurm.hosts`. */
  hosts?: SshHost[];
  sshConfigFile?: string;
  ssh?: SshOptions;
  pollIntervalMs?: number;
  logIntervalMs?: number;
  local?: LocalRunnerOptions;
  events?: JobEvents;
  env?: NodeJS.ProcessEnv;
}

export interface StartOptions {
  target?: JobTarget;
  host?: string;
}

export class Trainer {
  readonly store: JobStore;
  private sessions = new Map<string, JobSession>();
  private local: LocalRunner;
  private slurm = new Map<string, SlurmRunner>(); // '' = this machine

  constructor(private readonly options: TrainerOptions) {
    this.store = options.store ?? JobStore.forWorkspace(options.workspaceRoot);
    this.local = new LocalRunner(options.local);
  }

  private slurmRunner(hostName: string | null): { runner: SlurmRunner; host: SshHost | null } {
    const key = hostName ?? '';
    let runner = this.slurm.get(key);
    let host: SshHost | null = null;
    if (hostName) host = resolveSshHost(hostName, this.options.hosts ?? [], this.options.sshConfigFile);
    if (!runner) {
      const transport = host ? new SshTransport(host, this.options.ssh) : new LocalShell();
      runner = new SlurmRunner(transport, { pollIntervalMs: this.options.pollIntervalMs, logIntervalMs: this.options.logIntervalMs });
      this.slurm.set(key, runner);
    }
    return { runner, host };
  }

  private runnerFor(job: JobRecord): JobRunner {
    return job.target === 'local' ? this.local : this.slurmRunner(job.host).runner;
  }

  /** Starts a job for a model file; resolves once it is launched (or failed to launch). */
  async start(modelFile: string, opts: StartOptions = {}): Promise<JobRecord> {
    return this.startSpec(readModelSpec(modelFile), opts);
  }

  /**
   * Runs a job again from its snapshot (the spec as it was, same target and host), not from the
   * file as it is now. Secret variables were never stored: they come from the current spec.
   */
  async rerun(id: string): Promise<JobRecord> {
    const old = this.get(id);
    if (!old) throw new Error(`no job ${id}`);
    const file = join(this.options.workspaceRoot, old.snapshot.spec_file);
    const value = JSON.parse(JSON.stringify(old.snapshot.spec)) as { training?: { env?: Record<string, string | null> } };
    const env = value.training?.env;
    const secrets = old.snapshot.env.filter((e) => e.secret).map((e) => e.name);
    if (env && secrets.length) {
      let current: Record<string, string> = {};
      try { current = readModelSpec(file).training.env ?? {}; } catch { /* the file may be gone */ }
      for (const name of secrets) {
        if (env[name] !== null) continue;
        if (current[name] === undefined) throw new Error(`cannot rerun ${id}: the secret ${name} was not stored and is no longer in ${old.snapshot.spec_file}`);
        env[name] = current[name];
      }
    }
    const spec = parseModelSpec(file, JSON.stringify(value));
    return this.startSpec(spec, { target: old.target, host: old.host ?? undefined });
  }

  /** What changed in the model spec since the job's snapshot ("Compare with current spec"). */
  compareWithCurrent(id: string): SpecChange[] {
    const job = this.get(id);
    if (!job) throw new Error(`no job ${id}`);
    const current = readModelSpec(join(this.options.workspaceRoot, job.snapshot.spec_file));
    const secrets = job.snapshot.env.filter((e) => e.secret).map((e) => `/training/env/${e.name}`);
    return specDiff(job.snapshot.spec, current.value).filter((c) => !secrets.includes(c.path));
  }

  /** Starts a job from a spec already read (by the workspace index, say). */
  async startSpec(spec: ModelSpec, opts: StartOptions = {}): Promise<JobRecord> {
    const target = opts.target ?? spec.training.target ?? 'local';
    const hostName = target === 'slurm' ? (opts.host ?? spec.training.host ?? null) : null;
    let remote: { name: string; remoteDir: string } | null = null;
    let runner: JobRunner = this.local;
    if (target === 'slurm') {
      const r = this.slurmRunner(hostName);
      runner = r.runner;
      if (r.host) remote = { name: r.host.name, remoteDir: await this.remoteDir(r.runner, r.host) };
    }
    const { job, plan } = planJob({ spec, workspaceRoot: this.options.workspaceRoot, store: this.store, target, host: remote, env: this.options.env ?? process.env });
    this.store.save(job);
    writeFileSync(job.log_path, '', { flag: 'a' });
    const session = new JobSession(job, this.store, this.options.events ?? {});
    this.sessions.set(job.job_id, session);
    try {
      await runner.start(session, plan);
    } catch (e) {
      session.finish('failed', e instanceof Error ? e.message : String(e), null);
    }
    return session.job;
  }

  /** The remote repository directory as an absolute path (relative ones are under the login's home). */
  private async remoteDir(runner: SlurmRunner, host: SshHost): Promise<string> {
    const dir = host.remoteDir ?? '.';
    if (dir.startsWith('/')) return dir;
    const r = await runner.transport.exec(`cd ${quote(dir)} && pwd`);
    if (r.code !== 0) throw new Error(`remote directory ${dir} on ${host.name}: ${r.stderr.trim()}`);
    return r.stdout.trim();
  }

  /** Loads the store and resumes tracking every unfinished job. */
  async reattach(): Promise<{ jobs: JobRecord[]; problems: StoreProblem[] }> {
    const { jobs, problems } = this.store.list();
    for (const job of jobs) {
      if (isTerminal(job.status) || this.sessions.has(job.job_id)) continue;
      const session = new JobSession(job, this.store, this.options.events ?? {});
      this.sessions.set(job.job_id, session);
      try {
        await this.runnerFor(job).reattach(session);
      } catch (e) {
        session.warn(`cannot resume tracking: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    return { jobs, problems };
  }

  /** The users' API: get_status, get_metrics, get_model. */
  getStatus(id: string): JobStatus {
    return toJobStatus(this.mustGet(id));
  }

  getMetrics(id: string): MetricsSeries {
    return this.mustGet(id).metrics;
  }

  getModel(id: string): JobRecord['model'] & { spec: unknown } {
    const job = this.mustGet(id);
    return { ...job.model, spec: job.snapshot.spec };
  }

  private mustGet(id: string): JobRecord {
    const job = this.get(id);
    if (!job) throw new Error(`no job ${id}`);
    return job;
  }

  get(id: string): JobRecord | undefined {
    return this.sessions.get(id)?.job ?? this.store.get(id);
  }

  /** The final record once the job has ended. */
  wait(id: string): Promise<JobRecord> {
    const s = this.sessions.get(id);
    if (s) return s.done;
    const job = this.store.get(id);
    if (!job) return Promise.reject(new Error(`no job ${id}`));
    if (isTerminal(job.status)) return Promise.resolve(job);
    return Promise.reject(new Error(`job ${id} is not tracked here: reattach first`));
  }

  async cancel(id: string): Promise<void> {
    const job = this.get(id);
    if (!job) throw new Error(`no job ${id}`);
    if (isTerminal(job.status)) return;
    await this.runnerFor(job).cancel(job);
  }

  /** Stops tracking (the window closes); Slurm jobs keep running and are resumed by reattach. */
  async dispose(): Promise<void> {
    await Promise.all([this.local.dispose(), ...[...this.slurm.values()].map((r) => r.dispose())]);
    this.slurm.clear();
  }
}
