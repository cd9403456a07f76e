import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { JobRecord } from '../../../src/core/training/job';
import { JobStore } from '../../../src/core/training/jobStore';
import { JobSession, logTail } from '../../../src/core/training/session';

function fresh(): { store: JobStore; job: JobRecord } {
  const store = new JobStore(mkdtempSync(join(tmpdir(), 'session-')));
  const id = '20261123-120000-00000a';
  const job: JobRecord = {
    job_id: id, status: 'pending', progress: 0, created_at: '2026-11-23T12:00:00.000Z', updated_at: '2026-11-23T12:00:00.000Z', error: null,
    model: { name: 'm', version: null, file: 'm.json' }, target: 'local', host: null, slurm_job_id: null, slurm_state: null, pid: null, owner_pid: null,
    exit_code: null, log_path: store.logPath(id), log_offset: 0, remote_log_path: null, metrics: {}, finished_at: null,
    snapshot: { spec: {}, spec_file: 'm.json', git: { commit: null, dirty: null }, command: 'x', working_directory: '/', sbatch_script: null, submit_command: null, env: [] },
  };
  return { store, job };
}

test('a burst of metric lines: listeners hear state changes at once and metrics throttled; the store is saved', async () => {
  const { store, job } = fresh();
  const updates: string[] = [];
  let logBytes = 0;
  const s = new JobSession(job, store, { onUpdate: (j) => updates.push(j.status), onLog: (_j, b) => { logBytes += b.length; } });
  s.update({ status: 'running' });
  assert.deepEqual(updates, ['running']);
  assert.equal(store.get(job.job_id)!.status, 'running', 'a status change is saved at once');
  const chunk = Buffer.from(Array.from({ length: 1000 }, (_, i) => `step=${i} loss=${1 / (i + 1)}`).join('\n') + '\n');
  const t0 = Date.now();
  for (let i = 0; i < 20; i++) s.log(chunk);
  const most = 2 + Math.ceil((Date.now() - t0) / 200); // one at once, then one per 200 ms at most
  assert.ok(updates.length <= most, `${updates.length} updates for 20,000 metric lines (at most ${most})`);
  assert.equal(logBytes, chunk.length * 20);
  const tail = Buffer.from(' 40%|####      | 4/10\nlast=1');
  s.log(tail);
  s.finish('completed', null, 0);
  const saved = store.get(job.job_id)!;
  assert.equal(saved.status, 'completed');
  assert.equal(saved.progress, 100);
  assert.equal(saved.log_offset, chunk.length * 20 + tail.length);
  assert.deepEqual(saved.metrics.last, [[1, 1]], 'the unterminated last line is parsed at the end');
  assert.equal(saved.metrics.loss.length <= 2000, true);
  assert.equal(await s.done, s.job);
  s.update({ status: 'failed' });
  assert.equal(s.job.status, 'completed', 'a finished job does not change');
});

test('catchUp parses log bytes written while nobody watched; logTail gives the last lines', () => {
  const { store, job } = fresh();
  writeFileSync(job.log_path, 'epoch=1 loss=3\nepoch=2 loss=2\nepoch=3 loss=1\n');
  const s = new JobSession({ ...job, log_offset: 15 }, store, {});
  s.catchUp(15);
  s.finish('completed', null, 0);
  assert.deepEqual(s.job.metrics.loss, [[2, 2], [3, 1]]);
  assert.equal(logTail(job.log_path, 2), 'epoch=2 loss=2\nepoch=3 loss=1');
  assert.equal(logTail(join(store.dir, 'missing.log')), '');
});
