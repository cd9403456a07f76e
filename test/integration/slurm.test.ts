// End to end through the real one-node Slurm on this machine (sbatch/squeue/scontrol/scancel via
// the local shell). sacct is disabled here: tracking must not need it.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { JobSession } from '../../src/core/training/session';
import { JobStore } from '../../src/core/training/jobStore';
import { planJob } from '../../src/core/training/plan';
import { SlurmRunner } from '../../src/core/training/slurmRunner';
import { readModelSpec } from '../../src/core/training/spec';
import { Trainer } from '../../src/core/training/trainer';
import { LocalShell } from '../../src/core/training/transport';
import { use, waitFor } from './infra';
import { makeWorkspace, trainSpec } from './workspace';

let release: () => Promise<void>;
before(async () => { release = await use('slurm'); });
after(async () => { await release(); });

const POLL = { pollIntervalMs: 300, logIntervalMs: 100 };

test('Slurm via the local shell: success, with the full log, metrics and the rendered script', async () => {
  const ws = makeWorkspace();
  const file = ws.model('m.json', trainSpec('slurm-ok', '--epochs 3 --steps 2 --delay 0.05', { target: 'slurm', slurm: { time: '00:05:00', mem: '64M', cpus_per_task: 1 } }));
  const t = new Trainer({ workspaceRoot: ws.root, ...POLL });
  const started = await t.start(file);
  assert.match(started.slurm_job_id ?? '', /^\d+$/);
  const job = await t.wait(started.job_id);
  await t.dispose();
  assert.equal(job.status, 'completed', job.error ?? '');
  assert.equal(job.slurm_state, 'COMPLETED');
  assert.equal(job.exit_code, 0);
  const expected = execFileSync('python3', ['train.py', '--model', 'slurm-ok', '--epochs', '3', '--steps', '2', '--delay', '0'], { cwd: ws.root, encoding: 'utf8' });
  assert.equal(readFileSync(job.log_path, 'utf8'), expected);
  assert.equal(job.metrics.loss.length, 3);
  assert.equal(job.progress, 100);
  assert.match(job.snapshot.sbatch_script ?? '', /^#!\/bin\/bash\n[\s\S]*#SBATCH --cpus-per-task=1\n#SBATCH --mem=64M\n#SBATCH --time=00:05:00\n/);
  const shown = execFileSync('scontrol', ['show', 'job', job.slurm_job_id!], { encoding: 'utf8' });
  assert.match(shown, /TimeLimit=00:05:00/);
});

test('Slurm via the local shell: failure gives the state, exit code and the log tail', async () => {
  const ws = makeWorkspace();
  const file = ws.model('m.json', trainSpec('slurm-bad', '--epochs 3 --steps 1 --delay 0 --fail-at 1', { target: 'slurm' }));
  const t = new Trainer({ workspaceRoot: ws.root, ...POLL });
  const job = await t.wait((await t.start(file)).job_id);
  await t.dispose();
  assert.equal(job.status, 'failed');
  assert.equal(job.exit_code, 3);
  assert.match(job.error ?? '', /^Slurm state FAILED, reason NonZeroExitCode, exit code 3; last lines of the log:\n[\s\S]*error: diverged at epoch 1 \(loss is nan\)$/);
});

test('Slurm cancel: scancel, and the job ends cancelled', async () => {
  const ws = makeWorkspace();
  const file = ws.model('m.json', trainSpec('slurm-long', '--epochs 1000 --steps 1 --delay 0.1', { target: 'slurm' }));
  const t = new Trainer({ workspaceRoot: ws.root, ...POLL });
  const started = await t.start(file);
  await waitFor('the job to run and log', () => t.get(started.job_id)!.status === 'running' && readFileSync(started.log_path, 'utf8').includes('"epoch": 2'));
  await t.cancel(started.job_id);
  const job = await t.wait(started.job_id);
  await t.dispose();
  assert.equal(job.status, 'cancelled');
  assert.equal(job.slurm_state, 'CANCELLED');
  const state = execFileSync('scontrol', ['-o', 'show', 'job', started.slurm_job_id!], { encoding: 'utf8' });
  assert.match(state, /JobState=CANCELLED/);
});

test('reattach after a simulated reload: a new JobStore and runner from disk resume the Slurm job', async () => {
  const ws = makeWorkspace();
  const file = ws.model('m.json', trainSpec('slurm-reload', '--epochs 12 --steps 1 --delay 0.25', { target: 'slurm' }));
  const t1 = new Trainer({ workspaceRoot: ws.root, ...POLL });
  const started = await t1.start(file);
  await waitFor('a few epochs', () => (t1.get(started.job_id)!.metrics.loss?.length ?? 0) >= 2);
  await t1.dispose(); // the window closes; the job keeps running
  const saved = new JobStore(join(ws.root, '.modelops', 'jobs')).get(started.job_id)!;
  assert.ok(['pending', 'running'].includes(saved.status), saved.status);
  const t2 = new Trainer({ workspaceRoot: ws.root, store: new JobStore(join(ws.root, '.modelops', 'jobs')), ...POLL });
  const { jobs } = await t2.reattach();
  assert.equal(jobs.length, 1);
  const job = await t2.wait(started.job_id);
  await t2.dispose();
  assert.equal(job.status, 'completed', job.error ?? '');
  assert.deepEqual(job.metrics.loss.map(([x]) => x), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], 'every epoch charted once across the reload');
  assert.equal(job.log_offset, readFileSync(job.log_path).length);
});

test('a hostile model name becomes the literal Slurm job name and nothing runs', async () => {
  const ws = makeWorkspace();
  const home = mkdtempSync(join(tmpdir(), 'modelops-home-'));
  writeFileSync(join(home, 'canary'), 'still here');
  const name = 'x"; rm -rf ~; echo "';
  const file = ws.model('m.json', trainSpec(name, '--epochs 1 --steps 1 --delay 0', { target: 'slurm', env: { HOME: home } }));
  const t = new Trainer({ workspaceRoot: ws.root, ...POLL });
  const job = await t.wait((await t.start(file)).job_id);
  await t.dispose();
  assert.equal(job.status, 'completed', job.error ?? '');
  const shown = execFileSync('squeue', ['-h', '-t', 'all', '-j', job.slurm_job_id!, '-o', '%j'], { encoding: 'utf8' });
  assert.equal(shown.trim(), name);
  assert.equal(readFileSync(job.log_path, 'utf8').split('\n').at(-2), `done: ${name}`);
  assert.equal(readFileSync(join(home, 'canary'), 'utf8'), 'still here');
});

test('ONE batched squeue per poll covers every tracked job', async () => {
  const ws = makeWorkspace();
  const seen: string[] = [];
  class Counting extends LocalShell {
    override exec(command: string, stdin?: string) {
      seen.push(command);
      return super.exec(command, stdin);
    }
  }
  const store = new JobStore(join(ws.root, '.modelops', 'jobs'));
  const runner = new SlurmRunner(new Counting(), POLL);
  const sessions = [1, 2, 3].map((i) => {
    const { job, plan } = planJob({ spec: readModelSpec(ws.model(`m${i}.json`, trainSpec(`batch-${i}`, '--epochs 4 --steps 1 --delay 0.2'))), workspaceRoot: ws.root, store, target: 'slurm', env: process.env });
    return { session: new JobSession(job, store, {}), plan };
  });
  for (const s of sessions) await runner.start(s.session, s.plan);
  await Promise.all(sessions.map((s) => s.session.done));
  await runner.dispose();
  for (const s of sessions) assert.equal(s.session.job.status, 'completed', s.session.job.error ?? '');
  const squeues = seen.filter((c) => c.startsWith('squeue '));
  const ids = sessions.map((s) => s.session.job.slurm_job_id!);
  const withAll = squeues.filter((c) => ids.every((id) => c.includes(id)));
  assert.ok(withAll.length >= 1, 'no squeue asked about all three jobs');
  assert.ok(squeues.every((c) => /--jobs=[\d,]+ /.test(c)), 'an squeue without --jobs');
  assert.equal(runner.polls, squeues.length);
  assert.ok(!seen.some((c) => c.includes('sacct')), 'sacct is not needed');
});

test('a clear error when sbatch is missing', async () => {
  const ws = makeWorkspace();
  const bin = mkdtempSync(join(tmpdir(), 'modelops-bin-'));
  for (const tool of ['mkdir', 'cat']) symlinkSync(`/usr/bin/${tool}`, join(bin, tool));
  mkdirSync(join(bin, 'empty'));
  class NoSlurm extends LocalShell {
    override exec(command: string, stdin?: string) {
      return super.exec(`PATH=${bin}; ${command}`, stdin);
    }
  }
  const store = new JobStore(join(ws.root, '.modelops', 'jobs'));
  const { job, plan } = planJob({ spec: readModelSpec(ws.model('m.json', trainSpec('nosbatch', ''))), workspaceRoot: ws.root, store, target: 'slurm', env: process.env });
  const runner = new SlurmRunner(new NoSlurm(), POLL);
  await assert.rejects(runner.start(new JobSession(job, store, {}), plan), /^Error: sbatch was not found on this machine: is Slurm installed there, and on the PATH of a non-interactive shell\?$/);
  await runner.dispose();
});

test('reattach refuses a hand-edited record whose Slurm id would reach the shell', async () => {
  const ws = makeWorkspace();
  const file = ws.model('m.json', trainSpec('edited', '--epochs 1 --steps 1 --delay 0', { target: 'slurm' }));
  const t1 = new Trainer({ workspaceRoot: ws.root, ...POLL });
  const done = await t1.wait((await t1.start(file)).job_id);
  await t1.dispose();
  const marker = join(ws.root, 'pwned');
  const store = new JobStore(join(ws.root, '.modelops', 'jobs'));
  store.save({ ...done, status: 'running', slurm_job_id: `1; touch ${marker}`, finished_at: null });
  const t2 = new Trainer({ workspaceRoot: ws.root, ...POLL });
  await t2.reattach();
  const after = await t2.wait(done.job_id);
  await t2.dispose();
  assert.equal(after.status, 'failed');
  assert.match(after.error ?? '', /^not a Slurm job id: /);
  assert.equal(existsSync(marker), false);
});
