import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isFromRun, isToRun, newPoints, type RunView } from '../../../src/core/training/messages';

const run: RunView = { jobId: 'j', model: 'm', where: 'local', status: 'running', progress: 10, error: null, createdAt: 't', finishedAt: null };

test('guards accept the messages each side sends and refuse anything else', () => {
  assert.ok(isToRun({ type: 'run', run, metrics: { loss: [[1, 0.5]] } }));
  assert.ok(isToRun({ type: 'append', run, points: {} }));
  assert.ok(!isToRun({ type: 'run', run: { ...run, status: 'exploded' }, metrics: {} }));
  assert.ok(!isToRun({ type: 'append', run, points: { loss: [[1, '0.5']] } }));
  assert.ok(!isToRun({ type: 'append', run, points: { loss: [[1]] } }));
  assert.ok(!isToRun({ type: 'run', run: { ...run, model: 5 }, metrics: {} }));
  assert.ok(!isToRun(null));
  for (const t of ['ready', 'showLog', 'openLogFile', 'cancel']) assert.ok(isFromRun({ type: t }), t);
  assert.ok(!isFromRun({ type: 'openLogFile', path: '/etc/passwd' }), 'a message cannot name a file');
  assert.ok(!isFromRun({ type: 'rm' }));
  assert.ok(!isFromRun('ready'));
});

test('newPoints sends each point once, in order, across updates', () => {
  const sent = new Map<string, number>();
  const series: Record<string, Array<[number, number]>> = { loss: [[1, 2], [2, 1]] };
  assert.deepEqual(newPoints(series, sent), { loss: [[1, 2], [2, 1]] });
  assert.deepEqual(newPoints(series, sent), {});
  series.loss.push([3, 0.5]);
  series.acc = [[3, 0.9]];
  assert.deepEqual(newPoints(series, sent), { loss: [[3, 0.5]], acc: [[3, 0.9]] });
});
