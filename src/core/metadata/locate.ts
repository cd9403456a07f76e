// Finds the nodes at JSON Pointers in strict JSON text without building the whole tree: one pass
// skips every value no pointer leads into, and only the located values are parsed into nodes.
// Schema problems in a 5 MB file then cost one scan, not a 5 MB tree.
import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser';
import { fromPointer } from './pointer';

type Mutable = { -readonly [K in keyof Node]: Node[K] };

/** The nodes of a value parsed on its own, moved to its place in the whole text. */
function shift(node: Node, by: number, parent: Node | undefined): Node {
  const m = node as Mutable;
  m.offset += by;
  m.parent = parent;
  if (m.colonOffset !== undefined) m.colonOffset += by;
  for (const c of node.children ?? []) shift(c, by, node);
  return node;
}

/** The pointers still wanted at and below one value. */
interface Wanted {
  /** The pointers that end at this value. */
  here: string[];
  /** The segments below it, each with what is wanted there. */
  below: Map<string, Wanted>;
}

function wanted(pointers: Iterable<string>): Wanted {
  const top: Wanted = { here: [], below: new Map() };
  for (const pointer of pointers) {
    let w = top;
    for (const seg of fromPointer(pointer)) {
      const key = String(seg);
      let next = w.below.get(key);
      if (!next) w.below.set(key, (next = { here: [], below: new Map() }));
      w = next;
    }
    w.here.push(pointer);
  }
  return top;
}

function isWs(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

const DIGITS = /^\d+$/;

/**
 * The nodes at `pointers` in `text`, which must be strict JSON without repeated keys (as
 * parseDocument's fast path ensures), found in one pass. A value's parent is a property node with
 * its key when the value belongs to an object, so callers can anchor at the key. A pointer that is
 * not in the text maps to undefined.
 */
export function locateNodes(text: string, pointers: Iterable<string>): Map<string, Node | undefined> {
  const n = text.length;
  const out = new Map<string, Node | undefined>();
  const unique = new Set(pointers);
  const top = wanted(unique);
  /** Pointers not yet found: when none are left, the pass stops. */
  let left = unique.size;

  const ws = (i: number) => { while (i < n && isWs(text.charCodeAt(i))) i++; return i; };
  const endOfString = (i: number) => {
    // The closing quote is the first one after an even run of backslashes.
    for (let q = text.indexOf('"', i + 1); q >= 0; q = text.indexOf('"', q + 1)) {
      let b = q - 1;
      while (text.charCodeAt(b) === 92) b--;
      if ((q - 1 - b) % 2 === 0) return q + 1;
    }
    return n;
  };
  const endOfValue = (i: number) => {
    const c = text.charCodeAt(i);
    if (c === 34) return endOfString(i);
    if (c === 123 || c === 91) {
      let depth = 0;
      for (; i < n; i++) {
        const d = text.charCodeAt(i);
        if (d === 34) i = endOfString(i) - 1;
        else if (d === 123 || d === 91) depth++;
        else if ((d === 125 || d === 93) && --depth === 0) return i + 1;
      }
      return n;
    }
    for (let d = c; i < n && !isWs(d) && d !== 44 && d !== 93 && d !== 125; d = text.charCodeAt(++i));
    return i;
  };

  /** The node of the value at i..end: scalars directly, containers by parsing just them. */
  const nodeOf = (i: number, end: number, key: { offset: number; end: number; value: string } | undefined): Node | undefined => {
    const c = text.charCodeAt(i);
    let value: Node | undefined;
    if (c === 123 || c === 91) {
      const tree = parseTree(text.slice(i, end));
      value = tree && shift(tree, i, undefined);
    } else {
      const v = JSON.parse(text.slice(i, end)) as string | number | boolean | null;
      const type = v === null ? 'null' : typeof v === 'string' ? 'string' : typeof v === 'number' ? 'number' : 'boolean';
      value = { type, value: v, offset: i, length: end - i } as Node;
    }
    if (!value || !key) return value;
    const prop: Mutable = { type: 'property', offset: key.offset, length: end - key.offset, children: [] };
    const keyNode: Node = { type: 'string', value: key.value, offset: key.offset, length: key.end - key.offset, parent: prop };
    (value as Mutable).parent = prop;
    prop.children = [keyNode, value];
    return value;
  };

  /** Records a located node for the pointers ending there, and finds those below it among its own nodes. */
  const found = (w: Wanted, node: Node | undefined) => {
    for (const p of w.here) { out.set(p, node); left--; }
    for (const [seg, sub] of w.below) {
      // One step as nodeAtPointer takes it: an index into an array, a key of an object.
      const child = node?.type === 'array' ? (DIGITS.test(seg) ? findNodeAtLocation(node, [Number(seg)]) : undefined)
        : node ? findNodeAtLocation(node, [seg]) : undefined;
      found(sub, child);
    }
  };

  /** Walks the value at `i` (after whitespace) for what `w` wants; returns where the value ends. */
  const visit = (w: Wanted, i: number, key: { offset: number; end: number; value: string } | undefined): number => {
    if (w.here.length) {
      const end = endOfValue(i);
      found(w, nodeOf(i, end, key));
      return end;
    }
    const open = text.charCodeAt(i);
    if (open === 123) {
      i = ws(i + 1);
      while (left > 0 && text.charCodeAt(i) === 34) {
        const keyEnd = endOfString(i);
        const raw = text.slice(i + 1, keyEnd - 1);
        const name = raw.includes('\\') ? (JSON.parse(text.slice(i, keyEnd)) as string) : raw;
        const keyStart = i;
        i = ws(keyEnd);
        if (text.charCodeAt(i) !== 58) break;
        i = ws(i + 1);
        const sub = w.below.get(name);
        i = ws(sub ? visit(sub, i, { offset: keyStart, end: keyEnd, value: name }) : endOfValue(i));
        if (text.charCodeAt(i) !== 44) break;
        i = ws(i + 1);
      }
      return i + 1; // past the '}' (or nothing is left to find, and the end does not matter)
    }
    if (open === 91) {
      // '3' and '03' both name item 3 (as in nodeAtPointer).
      const byIndex = new Map<number, Wanted[]>();
      for (const [seg, sub] of w.below) if (DIGITS.test(seg)) byIndex.set(Number(seg), [...(byIndex.get(Number(seg)) ?? []), sub]);
      i = ws(i + 1);
      for (let k = 0; left > 0 && text.charCodeAt(i) !== 93 && i < n; k++) {
        const subs = byIndex.get(k);
        let end = i;
        if (subs) for (const sub of subs) end = visit(sub, i, undefined);
        else end = endOfValue(i);
        i = ws(end);
        if (text.charCodeAt(i) !== 44) break;
        i = ws(i + 1);
      }
      return i + 1;
    }
    return endOfValue(i); // a scalar: nothing below it
  };

  if (left > 0) visit(top, ws(0), undefined);
  for (const p of unique) if (!out.has(p)) out.set(p, undefined);
  return out;
}

/** The node at one pointer: see locateNodes. */
export function locateNode(text: string, pointer: string): Node | undefined {
  return locateNodes(text, [pointer]).get(pointer);
}
