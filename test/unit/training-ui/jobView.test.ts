import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { JobRecord } from '../../../src/core/training/job';
import { escapeMarkdown, finishedMessage, formatElapsed, jobItemView, runningSummary } from '../../../src/training/jobView';

function job(over: Partial<JobRecord> = {}): JobRecord {
  return {
    job_id: '20261123-120000-abcdef', status: 'running', progress: 40, created_at: '2026-11-23T12:00:00.000Z', updated_at: '2026-11-23T12:00:05.000Z',
    error: null, model: { name: 'iris-tiny', version: '1.0', file: 'models/iris-tiny.model.json' }, target: 'local', host: null,
    slurm_job_id: null, slurm_state: null, pid: 42, owner_pid: 1, exit_code: null, log_path: '/w/.modelops/jobs/x.log', log_offset: 0,
    remote_log_path: null, metrics: { loss: [[1, 1.5], [2, 0.75]] }, finished_at: null,
    snapshot: { spec: {}, spec_file: 'models/iris-tiny.model.json', git: { commit: null, dirty: null }, command: 'python3 t.py', working_directory: '/w', sbatch_script: null, submit_command: null, env: [] },
    ...over,
  };
}

test('formatElapsed: minutes, hours, days', () => {
  assert.equal(formatElapsed(0), '0:00');
  assert.equal(formatElapsed(42_900), '0:42');
  assert.equal(formatElapsed(12 * 60_000 + 5000), '12:05');
  assert.equal(formatElapsed(3_723_000), '1:02:03');
  assert.equal(formatElapsed(3 * 86_400_000 + 4 * 3_600_000), '3d 4h');
  assert.equal(formatElapsed(-5), '0:00');
});

test('a running job: spinning icon, progress, elapsed time to now, where it runs; context value by state', () => {
  const v = jobItemView(job(), Date.parse('2026-11-23T12:01:30.000Z'));
  assert.equal(v.label, 'iris-tiny 1.0');
  assert.equal(v.description, 'running · 40% · 1:30 · local');
  assert.equal(v.icon, 'sync~spin');
  assert.equal(v.contextValue, 'modelops.job.running');
  assert.match(v.tooltip, /loss 0\.75$/);
});

test('a finished Slurm job over SSH: elapsed to its end, the error and Slurm state in the tooltip', () => {
  const v = jobItemView(job({ status: 'failed', target: 'slurm', host: 'hpc', slurm_job_id: '17', slurm_state: 'TIMEOUT', error: 'TIMEOUT', finished_at: '2026-11-23T13:00:00.000Z' }), Date.parse('2030-01-01T00:00:00Z'));
  assert.equal(v.description, 'failed · 1:00:00 · Slurm on hpc');
  assert.equal(v.icon, 'error');
  assert.equal(v.contextValue, 'modelops.job.failed');
  assert.match(v.tooltip, /Slurm job 17/);
  assert.match(v.tooltip, /Error: TIMEOUT/);
});

test('values from the record are escaped in the tooltip markdown', () => {
  const hostile = 'x"; rm -rf ~; echo "[click](command:evil) <img src=x> **b**';
  const v = jobItemView(job({ model: { name: hostile, version: null, file: 'm.json' }, error: '<script>alert(1)</script>' }), Date.now());
  assert.equal(v.label, hostile, 'the label is plain text already');
  assert.doesNotMatch(v.tooltip, /\[click\]\(command:/);
  assert.doesNotMatch(v.tooltip, /(?<!\\)<(img|script)/);
  assert.equal(escapeMarkdown('a*b_c[d](e)<f>'), 'a\\*b\\_c\\[d\\]\\(e\\)\\<f\\>');
});

test('runningSummary counts running and pending jobs; hidden when none', () => {
  assert.equal(runningSummary([job({ status: 'completed' })]), undefined);
  const s = runningSummary([job(), job({ status: 'running' }), job({ status: 'pending' }), job({ status: 'failed' })]);
  assert.equal(s?.text, '$(sync~spin) 2 $(clock) 1');
  assert.match(s!.tooltip, /2 running, 1 pending/);
});

test('finishedMessage: completed is info, failed is an error with its reason on one line, live jobs none', () => {
  assert.equal(finishedMessage(job()), undefined);
  assert.equal(finishedMessage(job({ status: 'completed', finished_at: '2026-11-23T12:00:42.000Z' }))?.text, 'Training iris-tiny 1.0 completed in 0:42.');
  const f = finishedMessage(job({ status: 'failed', error: 'exit code 3\nerror: diverged', finished_at: '2026-11-23T12:00:42.000Z' }));
  assert.deepEqual(f, { level: 'error', text: 'Training iris-tiny 1.0 failed: exit code 3 error: diverged' });
  assert.equal(finishedMessage(job({ status: 'cancelled' }))?.level, 'info');
});
