// Runs jobs through Slurm over a Transport (this machine's shell, or SSH to a login node):
// submit with `sbatch --parsable`, track every job with ONE batched squeue per poll interval
// (then `scontrol show job` for finished or vanished jobs; sacct is not needed), cancel with scancel.
import { posix } from 'node:path';
import { isTerminal, type JobRecord } from './job';
import { FileFollower, RemoteFollower, type LogFollower } from './logFollower';
import type { JobRunner, LaunchPlan } from './runner';
import { logTail, type JobSession } from './session';
import { quote, quoteArgs } from './shell';
import { mapSlurmState, parseScontrol, parseSqueue, slurmFailure, SQUEUE_FORMAT, type SlurmJobInfo } from './slurmState';
import type { Transport } from './transport';

export interface SlurmRunnerOptions {
  /** Between batched squeue calls (ms); the controller's load matters. Default 10 s. */
  pollIntervalMs?: number;
  /** How often a local log file is read for new bytes (ms). */
  logIntervalMs?: number;
}

interface Tracked {
  session: JobSession;
  follower: LogFollower;
  finishing: boolean;
}

export class SlurmRunner implements JobRunner {
  private tracked = new Map<string, Tracked>(); // by Slurm job id
  private timer: NodeJS.Timeout | null = null;
  private polling: Promise<void> | null = null;
  /** Number of squeue calls made (one per poll, whatever the number of jobs). */
  polls = 0;

  constructor(readonly transport: Transport, private readonly options: SlurmRunnerOptions = {}) {}

  async start(session: JobSession, plan: LaunchPlan): Promise<void> {
    const sb = plan.sbatch;
    if (!sb) throw new Error('a Slurm job needs a rendered sbatch script');
    const t = this.transport;
    const dir = posix.dirname(sb.scriptPath);
    const wd = quote(plan.workingDirectory);
    const put = await t.exec(`if [ ! -d ${wd} ]; then exit 20; fi; mkdir -p ${quote(dir)} ${quote(posix.dirname(sb.logPath))} && cat > ${quote(sb.scriptPath)}`, sb.script);
    if (put.code === 20) {
      throw new Error(`the working directory ${plan.workingDirectory} does not exist on ${t.description}${t.remote ? ': is the repository checked out in the host\'s remote directory?' : ''}`);
    }
    if (put.code !== 0) throw new Error(`cannot write the sbatch script on ${t.description}: ${put.stderr.trim() || `exit ${put.code}`}`);
    // Secret values travel on sbatch's stdin into its environment (--export=ALL), never into a file.
    const reads = plan.secretNames.map((n, i) => `IFS= read -r __v${i}; export ${n}="$__v${i}"; `).join('');
    const stdin = plan.secretNames.map((n) => {
      const v = plan.env[n] ?? '';
      if (/[\r\n]/.test(v)) throw new Error(`training.env.${n}: a secret passed to Slurm cannot contain a line break`);
      return v + '\n';
    }).join('');
    const submit = await t.exec(`${reads}${quoteArgs(['sbatch', ...sb.args, sb.scriptPath])}`, stdin);
    if (submit.code !== 0) {
      if (submit.code === 127 || /sbatch: (command )?not found/.test(submit.stderr)) {
        throw new Error(`sbatch was not found on ${t.description}: is Slurm installed there, and on the PATH of a non-interactive shell?`);
      }
      throw new Error(`sbatch failed on ${t.description}: ${submit.stderr.trim() || `exit ${submit.code}`}`);
    }
    const id = submit.stdout.trim().split(';')[0];
    if (!/^\d+$/.test(id)) throw new Error(`sbatch on ${t.description} printed no job id: ${JSON.stringify(submit.stdout.trim())}`);
    session.update({ slurm_job_id: id, slurm_state: 'PENDING', status: 'pending' });
    this.track(session);
  }

  async reattach(session: JobSession): Promise<void> {
    if (!session.job.slurm_job_id) return session.finish('failed', 'the job was never submitted (no Slurm job id)', null);
    // ids reach a shell command line: a record edited by hand must not smuggle anything in
    if (!/^\d+$/.test(session.job.slurm_job_id)) return session.finish('failed', `not a Slurm job id: ${JSON.stringify(session.job.slurm_job_id)}`, null);
    if (this.transport.remote && !session.job.remote_log_path) return session.finish('failed', 'the record has no remote log path', null);
    session.catchUp(session.job.log_offset ?? 0);
    this.track(session);
  }

  private track(session: JobSession): void {
    const job = session.job;
    const onData = (b: Buffer) => session.log(b);
    const follower = this.transport.remote
      ? new RemoteFollower(this.transport, job.remote_log_path!, job.log_path, onData, { onReconnect: (why) => session.warn(`log stream: ${why}; continuing from byte ${follower.offset}`) })
      : new FileFollower(job.log_path, session.parsed, onData, this.options.logIntervalMs ?? 250);
    this.tracked.set(job.slurm_job_id!, { session, follower, finishing: false });
    if (!this.timer) {
      this.timer = setInterval(() => void this.poll(), this.options.pollIntervalMs ?? 10_000);
    }
    void this.poll();
  }

  /** One round: a single squeue for every tracked job, then scontrol for those that ended. */
  poll(): Promise<void> {
    this.polling ??= this.pollOnce().finally(() => { this.polling = null; });
    return this.polling;
  }

  private async pollOnce(): Promise<void> {
    const ids = [...this.tracked.entries()].filter(([, t]) => !t.finishing).map(([id]) => id);
    if (!ids.length) return;
    let seen: Map<string, SlurmJobInfo>;
    try {
      this.polls++;
      const r = await this.transport.exec(`squeue --noheader --states=all --jobs=${ids.join(',')} --format=${quote(SQUEUE_FORMAT)}`);
      if (r.code !== 0 && !/Invalid job id/i.test(r.stderr)) throw new Error(r.stderr.trim() || `squeue exit ${r.code}`);
      seen = r.code === 0 ? parseSqueue(r.stdout) : new Map();
    } catch (e) {
      for (const id of ids) this.tracked.get(id)?.session.warn(`cannot poll Slurm on ${this.transport.description}: ${(e as Error).message}`);
      return;
    }
    const ended: string[] = [];
    for (const id of ids) {
      const info = seen.get(id);
      const t = this.tracked.get(id)!;
      if (!info || isTerminal(mapSlurmState(info.state).status)) { ended.push(id); continue; }
      const { status } = mapSlurmState(info.state);
      if (status !== t.session.job.status || info.state !== t.session.job.slurm_state) t.session.update({ status, slurm_state: info.state });
    }
    if (!ended.length) return;
    // Finished jobs: scontrol has the exit code and reason (and knows jobs squeue no longer lists).
    let details = new Map<string, SlurmJobInfo>();
    try {
      const r = await this.transport.exec(`for j in ${ended.join(' ')}; do scontrol --oneliner show job "$j" 2>/dev/null; done; true`);
      details = parseScontrol(r.stdout);
    } catch (e) {
      for (const id of ended) this.tracked.get(id)?.session.warn(`cannot ask Slurm about job ${id}: ${(e as Error).message}`);
      return;
    }
    for (const id of ended) {
      const info = details.get(id) ?? seen.get(id);
      const t = this.tracked.get(id)!;
      if (!info) {
        await this.end(id, 'failed', `Slurm no longer knows job ${id} (it ended longer ago than MinJobAge, and accounting is not available); its outcome is unknown`, null);
        continue;
      }
      const { status } = mapSlurmState(info.state);
      if (!isTerminal(status)) { t.session.update({ status, slurm_state: info.state }); continue; }
      t.session.update({ slurm_state: info.state });
      let error: string | null = null;
      if (status === 'failed') {
        const tail = logTail(t.session.job.log_path);
        error = slurmFailure(info) + (tail ? `; last lines of the log:\n${tail}` : '');
      } else if (status === 'cancelled') error = `cancelled (Slurm state ${info.state})`;
      await this.end(id, status as 'completed' | 'failed' | 'cancelled', error, info.exitCode);
    }
    if (this.tracked.size === 0 && this.timer) { clearInterval(this.timer); this.timer = null; }
  }

  private async end(id: string, status: 'completed' | 'failed' | 'cancelled', error: string | null, exitCode: number | null): Promise<void> {
    const t = this.tracked.get(id);
    if (!t || t.finishing) return;
    t.finishing = true;
    await t.follower.stop(); // the rest of the log first, then the final state
    if (status === 'failed' && error && !/last lines of the log/.test(error)) {
      const tail = logTail(t.session.job.log_path);
      if (tail) error += `; last lines of the log:\n${tail}`;
    }
    t.session.finish(status, error, exitCode);
    this.tracked.delete(id);
  }

  async cancel(job: JobRecord): Promise<void> {
    if (!job.slurm_job_id) return;
    const r = await this.transport.exec(quoteArgs(['scancel', job.slurm_job_id]));
    if (r.code !== 0) throw new Error(`scancel ${job.slurm_job_id} failed on ${this.transport.description}: ${r.stderr.trim()}`);
    void this.poll();
  }

  async dispose(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.polling;
    // Stop following without waiting for the jobs: they keep running and a later reattach resumes.
    await Promise.all([...this.tracked.values()].map((t) => (t.follower instanceof FileFollower ? t.follower.stop() : (t.follower as RemoteFollower).stop(1))));
    this.tracked.clear();
    this.transport.dispose();
  }
}
