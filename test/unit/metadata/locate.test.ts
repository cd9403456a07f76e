// locateNode finds exactly the node the full tree has at every pointer, with its key.
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTree, type Node } from 'jsonc-parser';
import { locateNode } from '../../../src/core/metadata/locate';
import { nodeAtPointer, pointerOfNode } from '../../../src/core/metadata/pointer';

function* nodes(n: Node): Generator<Node> {
  if (n.type !== 'property') yield n;
  for (const c of n.children ?? []) {
    if (n.type === 'property' && c === n.children![0]) continue; // keys are not values
    yield* nodes(c);
  }
}

function same(text: string) {
  const root = parseTree(text)!;
  let count = 0;
  for (const want of nodes(root)) {
    const pointer = pointerOfNode(want);
    const got = locateNode(text, pointer);
    assert.ok(got, `${pointer} found`);
    assert.deepEqual([got.type, got.offset, got.length], [want.type, want.offset, want.length], pointer);
    const wantKey = want.parent?.type === 'property' ? want.parent.children![0] : undefined;
    const gotKey = got.parent?.type === 'property' ? got.parent.children![0] : undefined;
    assert.deepEqual(gotKey && [gotKey.offset, gotKey.length, gotKey.value], wantKey && [wantKey.offset, wantKey.length, wantKey.value], `${pointer} key`);
    assert.deepEqual(got.children?.map((c) => [c.type, c.offset, c.length]), want.children?.map((c) => [c.type, c.offset, c.length]), `${pointer} children`);
    assert.equal(nodeAtPointer(root, pointer), want);
    count++;
  }
  return count;
}

test('every node of the schemas and a tricky document is located where the tree has it', () => {
  let total = 0;
  for (const f of ['schemas/dataset.schema.json', 'schemas/model.schema.json', 'package.json']) total += same(readFileSync(f, 'utf8'));
  total += same('  {"a~b": [1, -2.5e3, true, null, {"c/d": "x\\\\\\"}]", "": {}}], "s": "{[\\"", "e": [], "n": {"a": {"b": []}}}\n');
  total += same('[[], [[1]], "x", {"k": [0]}]');
  assert.ok(total > 500, `${total} nodes checked`);
});

test('pointers that are not in the text give undefined', () => {
  const text = '{"a": [1, 2], "b": {"c": 3}}';
  for (const p of ['/x', '/a/2', '/a/x', '/b/c/d', '/b/d', '/a/-1']) assert.equal(locateNode(text, p), undefined, p);
});
