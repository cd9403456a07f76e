import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { isEnvName, quote, quoteArgs } from '../../../src/core/training/shell';

const hostile = ['x"; rm -rf ~; echo "', "it's", '$(touch /tmp/pwned)', '`id`', 'a b\tc\nd', '', '-n', '*', '~', "'''", '\\', '$HOME', '!x', 'é ✓'];

test('quote: a real /bin/sh reads back exactly the value, whatever it holds', () => {
  for (const s of hostile) {
    const out = execFileSync('/bin/sh', ['-c', `printf '%s' ${quote(s)}`], { encoding: 'utf8' });
    assert.equal(out, s, `round trip of ${JSON.stringify(s)}`);
  }
  const argv = execFileSync('/bin/sh', ['-c', `for a in ${quoteArgs(hostile)}; do printf '%s\\0' "$a"; done`], { encoding: 'utf8' });
  assert.deepEqual(argv.split('\0').slice(0, -1), hostile);
});

test('quote: plain words stay readable; NUL is refused', () => {
  assert.equal(quote('--job-name=abc'), '--job-name=abc');
  assert.equal(quote('/a/b.log'), '/a/b.log');
  assert.equal(quote('a b'), "'a b'");
  assert.throws(() => quote('a\0b'), /NUL/);
});

test('isEnvName', () => {
  assert.ok(isEnvName('HF_TOKEN'));
  assert.ok(!isEnvName('1X'));
  assert.ok(!isEnvName('A-B'));
  assert.ok(!isEnvName('A;rm'));
});
