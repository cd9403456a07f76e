import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mapSlurmState, parseScontrol, parseSqueue, slurmFailure } from '../../../src/core/training/slurmState';

test('Slurm states map to JobStatus as the issue lists', () => {
  const table: Record<string, string> = {
    PENDING: 'pending', RUNNING: 'running', COMPLETING: 'running', COMPLETED: 'completed', CANCELLED: 'cancelled',
    'CANCELLED+': 'cancelled', FAILED: 'failed', TIMEOUT: 'failed', NODE_FAIL: 'failed', OUT_OF_MEMORY: 'failed',
    BOOT_FAIL: 'failed', DEADLINE: 'failed', PREEMPTED: 'failed',
  };
  for (const [state, status] of Object.entries(table)) assert.equal(mapSlurmState(state).status, status, state);
  assert.equal(mapSlurmState('TIMEOUT').failed, true);
  assert.equal(mapSlurmState('SOMETHING_NEW').status, 'running'); // keep watching, don't guess
});

test('parseSqueue reads the poller\'s %i|%T|%r format', () => {
  const m = parseSqueue('12|RUNNING|None\n13|PENDING|Resources\n\nslurm_load_jobs error\n');
  assert.deepEqual([...m.keys()], ['12', '13']);
  assert.deepEqual(m.get('13'), { id: '13', state: 'PENDING', reason: 'Resources', exitCode: null, signal: null });
  assert.equal(m.get('12')!.reason, null);
});

test('parseScontrol reads `scontrol -o show job` lines (a hostile job name included)', () => {
  const line = 'JobId=7 JobName=x"; rm -rf ~; echo " UserId=root(0) GroupId=root(0) Priority=1 JobState=FAILED Reason=NonZeroExitCode Dependency=(null) ExitCode=3:0 RunTime=00:00:01';
  const m = parseScontrol(line + '\nJobId=8 JobName=b JobState=TIMEOUT Reason=TimeLimit ExitCode=0:15\n');
  assert.deepEqual(m.get('7'), { id: '7', state: 'FAILED', reason: 'NonZeroExitCode', exitCode: 3, signal: 0 });
  assert.equal(slurmFailure(m.get('7')!), 'Slurm state FAILED, reason NonZeroExitCode, exit code 3');
  assert.equal(slurmFailure(m.get('8')!), 'Slurm state TIMEOUT, reason TimeLimit, exit code 0 (signal 15)');
});
