// locateNode finds exactly the node the full tree has at every pointer, with its key.
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTree, type Node } from 'jsonc-parser';
import { locateNode, locateNodes } from '../../../src/core/metadata/locate';
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

test('locateNodes finds many pointers in one pass where the tree has them', () => {
  const texts = [readFileSync('schemas/model.schema.json', 'utf8'), '  {"a~b": [1, {"c/d": "x\\\\\\"}]"}], "s": "{[\\"", "e": [], "n": {"a": {"b": [[0, 1], 2]}}, "z": 1}\n'];
  for (const text of texts) {
    const root = parseTree(text)!;
    const all = [...nodes(root)];
    const leaves = all.filter((n) => !n.children?.length).map(pointerOfNode);
    const pointers = all.map(pointerOfNode);
    // Leaves only (the walk must pass every value before them), every third, and all with their
    // ancestors; with repeats and pointers that are not in the text.
    const sets = [leaves, pointers.filter((_, i) => i % 3 === 1), pointers]
      .map((s) => [...s, ...s.slice(0, 3), '/nope', '/n/a/b/07', '/n/a/b/00/1', '/e/0', '/z/0']);
    for (const set of sets) {
      const many = locateNodes(text, set);
      assert.equal(many.size, new Set(set).size);
      for (const p of set) {
        const want = nodeAtPointer(root, p);
        const got = many.get(p);
        assert.deepEqual(got && [got.type, got.offset, got.length], want && [want.type, want.offset, want.length], p);
        const key = (n: Node | undefined) => (n?.parent?.type === 'property' ? n.parent.children![0].offset : undefined);
        assert.equal(key(got), key(want), `${p} key`);
      }
    }
    assert.ok(leaves.length > 5, `${leaves.length} leaves`);
  }
});
