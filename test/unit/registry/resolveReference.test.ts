// resolveReference's quick path answers exactly as node:path does, on awkward roots, files and references.
import assert from 'node:assert/strict';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { resolveReference } from '../../../src/core/registry/crossChecks';

test('resolveReference agrees with resolve() and relative() on every combination', () => {
  const roots = ['/', '/ws', '/ws/', '/ws/sub', '/w.s', '/ws/.hidden', '/a//b'];
  const froms = ['/ws/m.json', '/ws/models/m.json', '/ws/sub/deep/x.json', '/other/x.json', '/x.json', '/ws/.git/x.json', '/ws/..m/x.json', '/wsx/a.json'];
  const refs = ['', '.', '..', '../..', '../../..', '../../../../..', 'd.json', './d.json', '../datasets/d.json', 'a//b/./c.json', 'a/b/', '..m/x.json',
    '../..m/x.json', '../wsx/a.json', '/abs/d.json', '/ws', '/ws/d.json', 'a\\b.json', '...', 'a/../../b', 'sub/../../ws/d.json'];
  let n = 0;
  for (const root of roots) for (const from of froms) for (const ref of refs) {
    const path = isAbsolute(ref) ? ref : resolve(dirname(from), ref);
    const rel = relative(root, path);
    const want = { path, outside: rel === '' || rel.startsWith('..') || isAbsolute(rel) };
    assert.deepEqual(resolveReference(root, from, ref), want, `${root} ${from} ${ref}`);
    assert.deepEqual(resolveReference(root, from, ref), want, `${root} ${from} ${ref} (memoised)`);
    n++;
  }
  assert.equal(n, roots.length * froms.length * refs.length);
});
