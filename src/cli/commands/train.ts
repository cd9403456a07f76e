import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { isTerminal } from '../../core/training/job';
import { JobStore } from '../../core/training/jobStore';
import { Trainer } from '../../core/training/trainer';
import { parse, UsageError, type Command } from '../usage';

const usage = `usage: modelops train MODEL_FILE [--target local|slurm] [--host NAME] [--store DIR] [options]

Starts the training job of a model file's "training" block, streams its log to stdout, and exits
with the job's outcome.

  --target T             local (default: the spec's training.target, else local) or slurm
  --host NAME            run Slurm on this SSH host (a Host alias in ~/.ssh/config); default the local sbatch
  --remote-dir DIR       the repository's folder on that host (default: the login's home)
  --store DIR            the job store (default: <workspace>/.modelops/jobs)
  --ssh-config FILE      instead of ~/.ssh/config
  --known-hosts FILE     instead of ~/.ssh/known_hosts
  --accept-new-host-key  trust and record a host key known_hosts lacks (it is printed); refused otherwise
  --poll SECONDS         between Slurm status queries (default 10)

A host that takes passwords: set MODELOPS_SSH_PASSWORD in the environment; it is used only when the
server offers password login and key auth (identity file, agent) failed, and is never written anywhere.

Ctrl-C cancels the job (twice: stop waiting). Exit status: 0 completed, 1 failed or cancelled, 2 usage or I/O error.`;

/** The workspace a model file belongs to: the nearest folder above it with modelops.config.json or .git. */
export function workspaceRootOf(start: string): string {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, 'modelops.config.json')) || existsSync(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return resolve(start);
    dir = dirname(dir);
  }
}

export const train: Command = {
  summary: 'run a model\'s training job (local or Slurm) and stream its log',
  usage,
  async run(args) {
    const { values, positionals } = parse(args, {
      target: { type: 'string' },
      host: { type: 'string' },
      'remote-dir': { type: 'string' },
      store: { type: 'string' },
      'ssh-config': { type: 'string' },
      'known-hosts': { type: 'string' },
      'accept-new-host-key': { type: 'boolean' },
      poll: { type: 'string' },
    });
    if (positionals.length !== 1) throw new UsageError('give exactly one MODEL_FILE');
    const target = values.target;
    if (target !== undefined && target !== 'local' && target !== 'slurm') throw new UsageError(`--target must be local or slurm, not ${target}`);
    if (values.host && target === 'local') throw new UsageError('--host runs on Slurm: drop --target local');
    const poll = values.poll === undefined ? 10 : Number(values.poll);
    if (!(poll > 0)) throw new UsageError('--poll must be a positive number of seconds');
    const file = resolve(positionals[0]);
    if (!existsSync(file)) throw new Error(`${positionals[0]}: no such file`);
    const root = workspaceRootOf(dirname(file));
    const hostName = values.host;

    const trainer = new Trainer({
      workspaceRoot: root,
      store: values.store ? new JobStore(values.store) : undefined,
      hosts: hostName && values['remote-dir'] ? [{ name: hostName, host: hostName, remoteDir: values['remote-dir'] }] : [],
      sshConfigFile: values['ssh-config'],
      pollIntervalMs: poll * 1000,
      ssh: {
        knownHostsFile: values['known-hosts'],
        confirmUnknownHost: async (k) => {
          const where = k.port === 22 ? k.host : `[${k.host}]:${k.port}`;
          if (values['accept-new-host-key']) {
            process.stderr.write(`modelops train: trusting new host key of ${where}: ${k.keyType} ${k.fingerprint}\n`);
            return true;
          }
          process.stderr.write(`modelops train: ${where} is not a known host (${k.keyType} ${k.fingerprint}); check the fingerprint and rerun with --accept-new-host-key to trust it\n`);
          return false;
        },
        // Only from the environment (never a flag or a file); a refused one is not sent again.
        askPassword: async (_login, rejected) => (rejected ? undefined : process.env.MODELOPS_SSH_PASSWORD || undefined),
      },
      events: {
        onLog: (_job, chunk) => { process.stdout.write(chunk); },
        onWarning: (job, message) => { process.stderr.write(`modelops train: job ${job.job_id}: ${message}\n`); },
      },
    });
    let job;
    try {
      // --host means Slurm on that host, whatever the spec's default target
      job = await trainer.start(file, { target: (target ?? (hostName ? 'slurm' : undefined)) as 'local' | 'slurm' | undefined, host: hostName });
    } catch (e) {
      await trainer.dispose();
      throw e; // a SpecError says where the spec is wrong: exit 2 without the usage text
    }
    process.stderr.write(`modelops train: job ${job.job_id} (${job.target}${job.host ? ` on ${job.host}` : ''}${job.slurm_job_id ? `, Slurm job ${job.slurm_job_id}` : ''}), log ${job.log_path}\n`);
    let interrupts = 0;
    const onInt = () => {
      if (++interrupts > 1) {
        // A second Ctrl-C stops waiting (say, the cluster is unreachable); the record stays in the store.
        process.stderr.write(`modelops train: not waiting for job ${job.job_id} any longer; see 'modelops jobs'\n`);
        process.exit(130);
      }
      process.stderr.write(`modelops train: cancelling job ${job.job_id} (Ctrl-C again to stop waiting)\n`);
      trainer.cancel(job.job_id).catch((e) => process.stderr.write(`modelops train: cancel failed: ${e instanceof Error ? e.message : e}\n`));
    };
    process.on('SIGINT', onInt);
    try {
      const final = isTerminal(job.status) ? job : await trainer.wait(job.job_id);
      const outcome = final.status === 'completed' ? 'completed' : `${final.status}${final.error ? `: ${final.error}` : ''}`;
      process.stderr.write(`modelops train: job ${final.job_id} ${outcome}\n`);
      return final.status === 'completed' ? 0 : 1;
    } finally {
      process.off('SIGINT', onInt);
      await trainer.dispose();
    }
  },
};
