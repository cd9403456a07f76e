// A job writing 100 MB of log as fast as it can: every byte reaches the log file, the panel buffer
// and the metrics stay bounded, and so does memory. (Speed figures: bench/logs.ts.)
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { LineBuffer } from '../../src/core/training/lineBuffer';
import { Trainer } from '../../src/core/training/trainer';
import { makeWorkspace } from './workspace';

const MB = 1024 * 1024;

test('100 MB of log, fast: complete on disk, bounded in memory, the panel keeps the tail', async (ctx) => {
  const ws = makeWorkspace();
  const lines: string[] = [];
  for (let i = 0; i < 10_000; i++) lines.push(i % 100 === 0 ? `step=${i} loss=${(1 / (i + 1)).toFixed(6)}` : `[worker ${i % 8}] batch ${i} ${'.'.repeat(80)}`);
  const block = lines.join('\n') + '\n';
  const src = join(ws.root, 'big.log');
  const copies = Math.ceil((100 * MB) / block.length);
  const fd = openSync(src, 'w'); // block by block: the memory check must not start from a 100 MB heap
  for (let i = 0; i < copies; i++) writeSync(fd, block);
  closeSync(fd);
  const bytes = block.length * copies;
  const file = ws.model('m.json', { model_name: 'big', training: { command: `cat ../big.log` } });

  const panel = new LineBuffer(10_000);
  let chunks = 0;
  const base = process.memoryUsage().rss;
  let peak = base;
  const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 10);
  const t0 = Date.now();
  const t = new Trainer({ workspaceRoot: ws.root, events: { onLog: (_j, b) => { chunks++; panel.push(b); } } });
  const job = await t.wait((await t.start(file)).job_id);
  const ms = Date.now() - t0;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  await t.dispose();

  assert.equal(job.status, 'completed', job.error ?? '');
  const log = readFileSync(job.log_path);
  assert.equal(log.length, bytes);
  const expected = createHash('sha256');
  for (let i = 0; i < copies; i++) expected.update(block);
  assert.equal(createHash('sha256').update(log).digest('hex'), expected.digest('hex'));
  panel.end();
  assert.equal(panel.length, 10_000);
  assert.equal(panel.total, 10_000 * copies);
  assert.deepEqual(panel.lines(), lines);
  assert.ok(job.metrics.loss.length <= 2000 && job.metrics.loss.length > 100, `loss series of ${job.metrics.loss.length}`);
  const growth = (peak - base) / MB;
  ctx.diagnostic(`${(bytes / MB).toFixed(0)} MB in ${ms} ms (${(bytes / MB / (ms / 1000)).toFixed(0)} MB/s), peak RSS growth ${growth.toFixed(1)} MB, ${chunks} chunks`);
  assert.ok(growth < 150, `memory grew by ${growth.toFixed(0)} MB while 100 MB went through`);
  assert.ok(chunks > 100, 'streamed in chunks, not at the end');
});
