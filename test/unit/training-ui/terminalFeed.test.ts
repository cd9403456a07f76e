import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sanitizeForTerminal, TerminalFeed } from '../../../src/training/terminalFeed';

test('chunks gathered between flushes come out once, with CRLF line ends', () => {
  const f = new TerminalFeed();
  assert.equal(f.take(), null);
  f.push(Buffer.from('epoch 1\nlo'));
  f.push(Buffer.from('ss=0.5\n'));
  assert.equal(f.take(), 'epoch 1\r\nloss=0.5\r\n');
  assert.equal(f.take(), null);
});

test('a UTF-8 character and an escape sequence split across chunks are kept whole', () => {
  const f = new TerminalFeed();
  const euro = Buffer.from('€');
  f.push(Buffer.concat([Buffer.from('a'), euro.subarray(0, 2)]));
  f.push(Buffer.concat([euro.subarray(2), Buffer.from('\x1b[3')]));
  assert.equal(f.take(), 'a€');
  f.push('1mred\x1b[0m\n');
  assert.equal(f.take(), '\x1b[31mred\x1b[0m\r\n');
});

test('tqdm carriage returns stay (the bar redraws in place)', () => {
  const f = new TerminalFeed();
  f.push(' 50%|#####     |\r100%|##########|\n');
  assert.equal(f.take(), ' 50%|#####     |\r100%|##########|\r\n');
});

test('colours stay; titles, cursor moves, links, clears and other controls do not', () => {
  assert.equal(sanitizeForTerminal('\x1b[1;32mok\x1b[0m'), '\x1b[1;32mok\x1b[0m');
  assert.equal(sanitizeForTerminal('\x1b]0;pwned\x07x'), 'x');
  assert.equal(sanitizeForTerminal('\x1b]8;;https://evil\x1b\\link\x1b]8;;\x1b\\'), 'link');
  assert.equal(sanitizeForTerminal('\x1b[2J\x1b[H\x1b[10Ay\x07\x00z\tw'), 'yz\tw');
  assert.equal(sanitizeForTerminal('a\x1bcb'), 'ab');
});

test('a flood is capped per flush: whole lines from the tail, and a note of how many were skipped', () => {
  const f = new TerminalFeed(1000);
  const lines = Array.from({ length: 10_000 }, (_, i) => `line ${i}`);
  f.push(lines.join('\n') + '\n');
  const out = f.take()!;
  assert.ok(out.length < 1200, `one flush writes little: ${out.length}`);
  const shown = out.split('\r\n').filter(Boolean);
  assert.match(shown[0], /\[… (\d+) lines not shown here; Open Log File has them all\]/);
  const skipped = Number(/\[… (\d+) lines/.exec(shown[0])![1]);
  assert.equal(shown[shown.length - 1], 'line 9999');
  assert.equal(skipped + shown.length - 1, 10_000, 'every line is either shown or counted as skipped');
  assert.equal(f.skipped, skipped);
  assert.match(shown[1], /^line \d+$/, 'the first shown line is whole');
});

test('memory stays bounded when nobody flushes: old lines are dropped at push time and reported at the next flush', () => {
  const f = new TerminalFeed(1000);
  for (let i = 0; i < 100_000; i++) f.push(`line ${i}\n`);
  const out = f.take()!;
  const shown = out.split('\r\n').filter(Boolean);
  const skipped = Number(/\[… (\d+) lines/.exec(shown[0])![1]);
  assert.equal(skipped + shown.length - 1, 100_000);
  assert.equal(shown[shown.length - 1], 'line 99999');
  assert.ok(out.length < 1200);
});
