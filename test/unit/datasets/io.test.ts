import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, existsSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { csvLineOf, readAllRows, readRecords } from '../../../src/core/datasets/read';
import { createRowWriter, writeRows } from '../../../src/core/datasets/write';
import { formatOf } from '../../../src/core/datasets/format';
import { DatasetError } from '../../../src/core/datasets/types';
import { FileExistsError } from '../../../src/core/datasets/files';

const dir = mkdtempSync(join(tmpdir(), 'modelops-io-'));
const file = (name: string, text: string) => { const p = join(dir, name); writeFileSync(p, text); return p; };

test('CSV: BOM, quoted fields with commas, quotes and embedded newlines, CRLF', async () => {
  const p = file('a.csv', '\uFEFFid,text,score\r\n1,"hello, world",0.5\r\n2,"line one\nline two",1\r\n3,"say ""hi""",\r\n');
  const rows = await readAllRows({ path: p, format: 'csv' });
  assert.deepEqual(rows, [
    { id: '1', text: 'hello, world', score: '0.5' },
    { id: '2', text: 'line one\nline two', score: '1' },
    { id: '3', text: 'say "hi"', score: '' },
  ]);
  const recs = [];
  for await (const r of readRecords({ path: p, format: 'csv' })) recs.push(r.index);
  assert.deepEqual(recs, [1, 2, 3]);
  // Lines are found on demand: row 2 starts on line 3 and spans two, so row 3 starts on line 5.
  assert.deepEqual([await csvLineOf(p, 1), await csvLineOf(p, 2), await csvLineOf(p, 3), await csvLineOf(p, 4)], [2, 3, 5, undefined]);
});

test('CSV: a row with the wrong number of fields is a located error', async () => {
  const p = file('bad.csv', 'a,b\n1,2\n3,4,5\n');
  await assert.rejects(readAllRows({ path: p, format: 'csv' }), (e: Error) => e instanceof DatasetError && /bad\.csv:3/.test(e.message));
});

test('JSONL: blank lines skipped, bad line located, non-object rejected', async () => {
  const p = file('a.jsonl', '{"x":1}\n\n{"x":2,"y":"a"}\r\n');
  assert.deepEqual(await readAllRows({ path: p, format: 'jsonl' }), [{ x: 1 }, { x: 2, y: 'a' }]);
  const bad = file('bad.jsonl', '{"x":1}\n{"x":\n');
  await assert.rejects(readAllRows({ path: bad, format: 'jsonl' }), /bad\.jsonl:2: not valid JSON/);
  const arr = file('arr.jsonl', '[1,2]\n');
  await assert.rejects(readAllRows({ path: arr, format: 'jsonl' }), /must be a JSON object/);
});

test('JSON array: nested values, brackets and escaped quotes in strings, across chunk boundaries', async () => {
  const rows = Array.from({ length: 3000 }, (_, i) => ({ i, s: `a]"},{[\\${i}`, nested: { list: [i, [i + 1]], o: { k: '}' } } }));
  const p = file('big.json', JSON.stringify(rows, null, 1));
  assert.ok(statSync(p).size > 64 * 1024, 'spans several read chunks');
  assert.deepEqual(await readAllRows({ path: p, format: 'json' }), rows);
  assert.deepEqual(await readAllRows({ path: file('empty.json', ' [ ] '), format: 'json' }), []);
  await assert.rejects(readAllRows({ path: file('obj.json', '{"a":1}'), format: 'json' }), /array of objects/);
  await assert.rejects(readAllRows({ path: file('trunc.json', '[{"a":1},{"a":'), format: 'json' }), /end of file/);
  await assert.rejects(readAllRows({ path: file('trail.json', '[{"a":1},]'), format: 'json' }), /trailing comma/);
});

test('missing data file is a clear error', async () => {
  await assert.rejects(readAllRows({ path: join(dir, 'nope.csv'), format: 'csv' }), /data file not found: .*nope\.csv/);
});

test('JSONL is streamed: a file much larger than the rows held is read with bounded memory', async () => {
  const p = join(dir, 'stream.jsonl');
  const w = createRowWriter({ path: p, format: 'jsonl' });
  const pad = 'x'.repeat(1000);
  for (let i = 0; i < 60_000; i++) await w.write({ i, pad });
  await w.commit();
  assert.ok(statSync(p).size > 60_000_000);
  global.gc?.();
  const before = process.memoryUsage().heapUsed;
  let peak = before;
  let n = 0;
  for await (const r of readRecords({ path: p, format: 'jsonl' })) {
    n += 1;
    if (r.index % 5000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
  }
  assert.equal(n, 60_000);
  // The whole file is ~61 MB; holding it would raise the heap by far more than 40 MB.
  assert.ok(peak - before < 40_000_000, `heap grew by ${peak - before} bytes`);
});

test('writer: round trip in every format, atomic, never overwrites unless asked', async () => {
  const rows = [{ a: '1', b: 'x, "y"\nz' }, { a: '2', b: '' }];
  for (const format of ['csv', 'jsonl', 'json'] as const) {
    const p = join(dir, `out.${format}`);
    const w = await writeRows({ path: p, format }, rows);
    assert.equal(w.rows, 2);
    assert.match(w.sha256, /^[0-9a-f]{64}$/);
    assert.deepEqual(await readAllRows({ path: p, format }), rows);
    assert.throws(() => createRowWriter({ path: p, format }), FileExistsError);
    await writeRows({ path: p, format }, rows.slice(0, 1), { overwrite: true });
    assert.equal((await readAllRows({ path: p, format })).length, 1);
  }
  const p = join(dir, 'aborted.csv');
  const w = createRowWriter({ path: p, format: 'csv' });
  await w.write({ a: 1 });
  await w.abort();
  assert.equal(existsSync(p), false);
  assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.tmp')), []);
  assert.equal(readFileSync(join(dir, 'out.csv'), 'utf8').split('\n')[0], 'a,b');
});

test('format from extension or explicit word', () => {
  assert.equal(formatOf('x/y.CSV'), 'csv');
  assert.equal(formatOf('y.ndjson'), 'jsonl');
  assert.equal(formatOf('y.txt', 'jsonl'), 'jsonl');
  assert.throws(() => formatOf('y.parquet'), /cannot tell the format/);
});
