// End to end on this machine: real processes, the real JobStore on disk, the real CLI.
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { JobStore } from '../../src/core/training/jobStore';
import { LineBuffer } from '../../src/core/training/lineBuffer';
import { Trainer } from '../../src/core/training/trainer';
import { CLI_ARGS, waitFor } from './infra';
import { makeWorkspace, trainSpec } from './workspace';

function alive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch { return false; }
}

test('local success: the whole log, metrics and progress, the snapshot', async () => {
  const ws = makeWorkspace();
  const file = ws.model('m.json', trainSpec('tiny', '--epochs 4 --steps 3 --delay 0.01', { env: { LR: '0.1', HF_TOKEN: 'hf_do_not_store' } }));
  const panel = new LineBuffer(1000);
  const t = new Trainer({ workspaceRoot: ws.root, events: { onLog: (_j, b) => { panel.push(b); } } });
  const started = await t.start(file);
  const job = await t.wait(started.job_id);
  await t.dispose();
  assert.equal(job.status, 'completed', job.error ?? '');
  assert.equal(job.exit_code, 0);
  // the users' API names
  const status = t.getStatus(job.job_id);
  assert.deepEqual(Object.keys(status), ['job_id', 'status', 'progress', 'created_at', 'updated_at', 'error']);
  assert.equal(status.status, 'completed');
  assert.deepEqual(t.getMetrics(job.job_id), job.metrics);
  assert.deepEqual(t.getModel(job.job_id).name, 'tiny');
  assert.equal(job.progress, 100);
  const expected = execFileSync('python3', ['train.py', '--model', 'tiny', '--epochs', '4', '--steps', '3', '--delay', '0'], { cwd: ws.root, encoding: 'utf8' });
  assert.equal(readFileSync(job.log_path, 'utf8'), expected);
  panel.end();
  assert.deepEqual(panel.lines(), expected.trimEnd().split('\n'));
  assert.deepEqual(job.metrics.loss.map(([x]) => x), [1, 2, 3, 4], 'loss charted per epoch');
  assert.equal(job.metrics.accuracy.length, 4);
  // the record on disk is the same, and holds the snapshot without the secret's value
  const onDisk = new JobStore(join(ws.root, '.modelops', 'jobs')).get(job.job_id)!;
  assert.equal(onDisk.status, 'completed');
  assert.match(onDisk.snapshot.git.commit ?? '', /^[0-9a-f]{40}$/);
  assert.equal(onDisk.snapshot.git.dirty, false);
  assert.deepEqual(onDisk.snapshot.env, [
    { name: 'HF_TOKEN', value: null, secret: true },
    { name: 'LR', value: '0.1', secret: false },
  ]);
  const raw = readdirSync(join(ws.root, '.modelops', 'jobs')).map((f) => readFileSync(join(ws.root, '.modelops', 'jobs', f), 'utf8')).join('');
  assert.ok(!raw.includes('hf_do_not_store'), 'a secret value reached the job store');
});

test('local failure: exit code and the tail of stderr', async () => {
  const ws = makeWorkspace();
  const file = ws.model('m.json', trainSpec('bad', '--epochs 5 --steps 1 --delay 0 --fail-at 2'));
  const t = new Trainer({ workspaceRoot: ws.root });
  const job = await t.wait((await t.start(file)).job_id);
  await t.dispose();
  assert.equal(job.status, 'failed');
  assert.equal(job.exit_code, 3);
  assert.match(job.error ?? '', /^exit code 3; last lines of stderr:\nerror: diverged at epoch 2 \(loss is nan\)$/);
  assert.match(readFileSync(job.log_path, 'utf8'), /"epoch": 1/);
});

test('local cancel: SIGTERM reaches the whole process group; SIGKILL after the grace period', async () => {
  const ws = makeWorkspace();
  const pidFile = join(ws.root, 'child.pid');
  // A child that ignores SIGTERM, in the job's group: only SIGKILL ends it.
  const file = ws.model('m.json', { model_name: 'stubborn', training: { command: `trap '' TERM; sleep 300 & echo $! > ${pidFile}; echo started; wait` } });
  const t = new Trainer({ workspaceRoot: ws.root, local: { graceMs: 300 } });
  const started = await t.start(file);
  await waitFor('the job to start', () => existsSync(pidFile) && readFileSync(job().log_path, 'utf8').includes('started'));
  function job() { return t.get(started.job_id)!; }
  const sleeper = Number(readFileSync(pidFile, 'utf8'));
  assert.ok(alive(sleeper));
  const t0 = Date.now();
  await t.cancel(started.job_id);
  const done = await t.wait(started.job_id);
  await t.dispose();
  assert.equal(done.status, 'cancelled');
  assert.ok(Date.now() - t0 >= 250, 'ended before the grace period: SIGKILL came too early');
  await waitFor('the grandchild to die', () => !alive(sleeper), 5000);
});

test('reattach after a reload: a local job whose process is gone becomes failed, with that reason', async () => {
  const ws = makeWorkspace();
  const file = ws.model('m.json', trainSpec('reloaded', '--epochs 1 --steps 1 --delay 0'));
  const t1 = new Trainer({ workspaceRoot: ws.root });
  const done = await t1.wait((await t1.start(file)).job_id);
  await t1.dispose();
  // Rewrite the record as the window left it: running, with a process that no longer exists.
  const dead = spawnSync('true').pid!;
  const store = new JobStore(join(ws.root, '.modelops', 'jobs'));
  store.save({ ...done, status: 'running', pid: dead, owner_pid: 999999, error: null, finished_at: null });
  writeFileSync(join(store.dir, '20261123-000000-abcdef.json'), '{ not json');
  const t2 = new Trainer({ workspaceRoot: ws.root });
  const { jobs, problems } = await t2.reattach();
  assert.equal(jobs.length, 1);
  assert.equal(problems.length, 1);
  assert.match(problems[0].message, /corrupt job record/);
  const after = await t2.wait(done.job_id);
  await t2.dispose();
  assert.equal(after.status, 'failed');
  assert.match(after.error ?? '', new RegExp(`pid ${dead}\\) ended with the window`));
  assert.equal(store.get(done.job_id)!.status, 'failed');
});

test('a hostile model name trains as a job with that literal name and runs nothing else', async () => {
  const ws = makeWorkspace();
  const home = mkdtempSync(join(tmpdir(), 'modelops-home-'));
  writeFileSync(join(home, 'canary'), 'still here');
  const name = 'x"; rm -rf ~; echo "';
  const file = ws.model('m.json', trainSpec(name, '--epochs 1 --steps 1 --delay 0', { env: { HOME: home } }));
  const t = new Trainer({ workspaceRoot: ws.root });
  const job = await t.wait((await t.start(file)).job_id);
  await t.dispose();
  assert.equal(job.status, 'completed', job.error ?? '');
  assert.equal(job.model.name, name);
  const log = readFileSync(job.log_path, 'utf8');
  assert.ok(log.startsWith(`training ${name} for 1 epochs\n`), log);
  assert.ok(log.endsWith(`done: ${name}\n`), log);
  assert.equal(readFileSync(join(home, 'canary'), 'utf8'), 'still here');
});

test('CLI: modelops train streams the log and exits with the outcome; modelops jobs lists the store', async () => {
  const ws = makeWorkspace();
  const ok = ws.model('ok.json', trainSpec('cli-ok', '--epochs 2 --steps 1 --delay 0 --format kv'));
  const bad = ws.model('bad.json', trainSpec('cli-bad', '--epochs 2 --steps 1 --delay 0 --fail-at 1'));
  const run = (args: string[]) => new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
    const p = spawn(process.execPath, [...CLI_ARGS, ...args], { cwd: ws.root });
    let out = '';
    let err = '';
    p.stdout.on('data', (b) => { out += b; });
    p.stderr.on('data', (b) => { err += b; });
    p.on('close', (code) => resolve({ code, out, err }));
  });
  const r1 = await run(['train', ok]);
  assert.equal(r1.code, 0, r1.err);
  assert.match(r1.out, /^training cli-ok for 2 epochs\n[\s\S]*epoch=2 loss=0\.7358 accuracy=0\.8494\ndone: cli-ok\n$/);
  const r2 = await run(['train', bad]);
  assert.equal(r2.code, 1);
  assert.match(r2.err, /failed: exit code 3; last lines of stderr:\nerror: diverged at epoch 1/);
  const r3 = await run(['train', ok, '--target', 'cloud']);
  assert.equal(r3.code, 2);
  const r4 = await run(['jobs', '--format', 'json']);
  assert.equal(r4.code, 0, r4.err);
  const listed = JSON.parse(r4.out) as Array<{ status: string; model: { name: string }; progress: number }>;
  assert.deepEqual(listed.map((j) => [j.model.name, j.status]).sort(), [['cli-bad', 'failed'], ['cli-ok', 'completed']]);
  const r5 = await run(['jobs']);
  assert.match(r5.out, /^JOB +STATUS +PROGRESS/);
  assert.match(r5.out, /completed +100% +cli-ok@1\.0\.0 +local/);
});

test('rerun uses the snapshot, not the edited file; compare shows what changed since', async () => {
  const ws = makeWorkspace();
  const spec = trainSpec('rerun', '--epochs 1 --steps 1 --delay 0', { env: { API_TOKEN: 'tok-1', LR: '0.1' } }) as { training: { command: string; env: Record<string, string> }; hyperparameters?: unknown };
  const file = ws.model('m.json', spec);
  const t = new Trainer({ workspaceRoot: ws.root });
  const first = await t.wait((await t.start(file)).job_id);
  assert.equal(first.status, 'completed', first.error ?? '');
  // edit the spec: more epochs, a new field, a new secret value
  ws.model('m.json', { ...spec, hyperparameters: { learning_rate: 0.01 }, training: { ...spec.training, command: spec.training.command.replace('--epochs 1', '--epochs 2'), env: { API_TOKEN: 'tok-2', LR: '0.1' } } });
  assert.deepEqual(t.compareWithCurrent(first.job_id), [
    { path: '/training/command', kind: 'changed', before: spec.training.command, after: spec.training.command.replace('--epochs 1', '--epochs 2') },
    { path: '/hyperparameters', kind: 'added', after: { learning_rate: 0.01 } },
  ]);
  const again = await t.wait((await t.rerun(first.job_id)).job_id);
  await t.dispose();
  assert.equal(again.status, 'completed', again.error ?? '');
  assert.notEqual(again.job_id, first.job_id);
  assert.ok(readFileSync(again.log_path, 'utf8').startsWith('training rerun for 1 epochs\n'), 'rerun did not use the snapshot');
  assert.deepEqual(again.snapshot.spec, first.snapshot.spec);
  assert.deepEqual(again.snapshot.env.find((e) => e.name === 'API_TOKEN'), { name: 'API_TOKEN', value: null, secret: true });
});

test('reattach to a local job still running without its runner: watched, and Cancel ends its group', async () => {
  const ws = makeWorkspace();
  const file = ws.model('m.json', trainSpec('orphan', '--epochs 1 --steps 1 --delay 0'));
  const t1 = new Trainer({ workspaceRoot: ws.root });
  const done = await t1.wait((await t1.start(file)).job_id);
  await t1.dispose();
  // an orphan as a reload leaves it: its own process group, nobody reading its output
  const orphan = spawn('sleep', ['300'], { detached: true, stdio: 'ignore' });
  orphan.unref();
  const store = new JobStore(join(ws.root, '.modelops', 'jobs'));
  store.save({ ...done, status: 'running', pid: orphan.pid!, owner_pid: 999999, finished_at: null, error: null });
  // and a hand-edited record naming pid 1, which must never be signalled
  const other = { ...done, job_id: '20261123-000001-000001', status: 'running' as const, pid: 1, finished_at: null, error: null };
  store.save(other);
  const warnings: string[] = [];
  const t2 = new Trainer({ workspaceRoot: ws.root, local: { checkMs: 100 }, events: { onWarning: (_j, m) => warnings.push(m) } });
  await t2.reattach();
  assert.equal(t2.get(done.job_id)!.status, 'running');
  assert.match(warnings.join('\n'), new RegExp(`pid ${orphan.pid} is still running but its output is no longer captured`));
  assert.equal((await t2.wait(other.job_id)).status, 'failed', 'pid 1 is not one of our jobs');
  await t2.cancel(done.job_id);
  const after = await t2.wait(done.job_id);
  await t2.dispose();
  assert.equal(after.status, 'cancelled');
  await waitFor('the orphan to die', () => !alive(orphan.pid!), 5000);
});
