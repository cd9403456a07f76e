import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { modelops, REPO } from '../support/cli';

test('`modelops validate examples` prints exactly the deliberate problems examples/README.md lists', () => {
  const readme = readFileSync(join(REPO, 'examples', 'README.md'), 'utf8');
  const block = /## What `modelops validate examples` reports[^\n]*\n+```\n([\s\S]*?)```/.exec(readme);
  assert.ok(block, 'examples/README.md has the expected-output block');
  const r = modelops(['validate', 'examples'], REPO);
  assert.equal(r.stdout, block[1]);
  assert.equal(r.code, 1);
});
