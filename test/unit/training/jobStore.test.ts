import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { isJobId, newJobId, toJobStatus, type JobRecord } from '../../../src/core/training/job';
import { JobStore } from '../../../src/core/training/jobStore';

function record(store: JobStore, over: Partial<JobRecord> = {}): JobRecord {
  const id = over.job_id ?? newJobId();
  return {
    job_id: id, status: 'running', progress: 10, created_at: '2026-11-23T10:00:00.000Z', updated_at: '2026-11-23T10:00:01.000Z', error: null,
    model: { name: 'm', version: '1', file: 'models/m.json' }, target: 'local', host: null, slurm_job_id: null, slurm_state: null,
    pid: 1, owner_pid: 2, exit_code: null, log_path: store.logPath(id), log_offset: 0, remote_log_path: null, metrics: {}, finished_at: null,
    snapshot: { spec: {}, spec_file: 'models/m.json', git: { commit: null, dirty: null }, command: 'true', working_directory: '/', sbatch_script: null, submit_command: null, env: [] },
    ...over,
  };
}

test('job ids are sortable, unique and path-safe', () => {
  const a = newJobId(new Date('2026-01-02T03:04:05Z'));
  assert.match(a, /^20260102-030405-[0-9a-f]{6}$/);
  assert.ok(isJobId(a));
  assert.notEqual(newJobId(), newJobId());
  assert.ok(!isJobId('../etc/passwd'));
});

test('save is atomic (no temp file left), get and list read it back newest first', () => {
  const store = new JobStore(mkdtempSync(join(tmpdir(), 'jobs-')));
  const older = record(store, { job_id: '20261122-100000-aaaaaa' });
  const newer = record(store, { job_id: '20261123-100000-bbbbbb', status: 'completed' });
  store.save(older);
  store.save(newer);
  store.save({ ...older, progress: 50 });
  assert.deepEqual(readdirSync(store.dir).sort(), ['20261122-100000-aaaaaa.json', '20261123-100000-bbbbbb.json']);
  assert.equal(store.get(older.job_id)!.progress, 50);
  const { jobs, problems } = store.list();
  assert.deepEqual(jobs.map((j) => j.job_id), [newer.job_id, older.job_id]);
  assert.deepEqual(problems, []);
  assert.deepEqual(toJobStatus(jobs[0]), { job_id: newer.job_id, status: 'completed', progress: 10, created_at: newer.created_at, updated_at: newer.updated_at, error: null });
  assert.equal(JSON.parse(readFileSync(store.recordPath(older.job_id), 'utf8')).job_id, older.job_id);
});

test('a corrupt record is reported, not fatal; the others load', () => {
  const store = new JobStore(mkdtempSync(join(tmpdir(), 'jobs-')));
  const good = record(store);
  store.save(good);
  writeFileSync(join(store.dir, '20261101-000000-000001.json'), '{"job_id": "20261101-000000-000001", "status": ');
  writeFileSync(join(store.dir, '20261101-000000-000002.json'), JSON.stringify({ ...good, job_id: '20261101-000000-000002', status: 'exploded' }));
  writeFileSync(join(store.dir, '20261101-000000-000003.json'), JSON.stringify({ ...good }));
  writeFileSync(join(store.dir, 'notes.json'), '{}');
  const { jobs, problems } = store.list();
  assert.deepEqual(jobs.map((j) => j.job_id), [good.job_id]);
  assert.deepEqual(problems.map((p) => p.message.replace(/:.*$/s, '')), ['corrupt job record', 'corrupt job record', 'corrupt job record']);
  assert.match(problems.find((p) => p.file.endsWith('000002.json'))!.message, /unknown status "exploded"/);
  assert.match(problems.find((p) => p.file.endsWith('000003.json'))!.message, /does not match the file name/);
  assert.equal(new JobStore(join(store.dir, 'missing')).list().jobs.length, 0);
});

test('delete removes the record and its log', () => {
  const store = new JobStore(mkdtempSync(join(tmpdir(), 'jobs-')));
  const r = record(store);
  store.save(r);
  writeFileSync(r.log_path, 'log');
  store.delete(r.job_id);
  assert.deepEqual(readdirSync(store.dir), []);
});
