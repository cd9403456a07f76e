import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LineBuffer } from '../../../src/core/training/lineBuffer';
import { LineSplitter } from '../../../src/core/training/logLines';

test('LineSplitter: lines across chunks, \\r\\n split between chunks, lone \\r, UTF-8 split mid-character', () => {
  const s = new LineSplitter();
  const euro = Buffer.from('€');
  const out = [
    ...s.push(Buffer.from('ab')),
    ...s.push(Buffer.from('c\r')),
    ...s.push(Buffer.from('\nd\re ')),
    ...s.push(Buffer.concat([Buffer.from('x'), euro.subarray(0, 1)])),
    ...s.push(Buffer.concat([euro.subarray(1), Buffer.from('\n')])),
  ];
  assert.deepEqual(out, ['abc', 'd', 'e x€']);
  assert.deepEqual(s.push('tail'), []);
  assert.equal(s.current, 'tail');
  assert.deepEqual(s.flush(), ['tail']);
});

test('LineBuffer keeps the last N lines and the partial one; counts what left the view', () => {
  const b = new LineBuffer(3);
  b.push('1\n2\n3\n4\n5');
  assert.deepEqual(b.lines(), ['2', '3', '4', '5']);
  assert.equal(b.dropped, 1);
  assert.equal(b.total, 4);
  b.push('\n6\n');
  assert.deepEqual(b.lines(), ['4', '5', '6']);
  assert.equal(b.last(), '6');
  assert.equal(b.length, 3);
  b.push('7');
  b.end();
  assert.deepEqual(b.lines(), ['5', '6', '7']);
  assert.throws(() => new LineBuffer(0));
});

test('LineBuffer memory stays bounded under a million lines', () => {
  const b = new LineBuffer(1000);
  const chunk = 'x'.repeat(99) + '\n';
  for (let i = 0; i < 10_000; i++) b.push(chunk.repeat(100));
  assert.equal(b.total, 1_000_000);
  assert.equal(b.length, 1000);
  assert.equal(b.dropped, 999_000);
});
