// Finds the node at a JSON Pointer in strict JSON text without building the whole tree: the values
// before it are skipped character by character, and only the located value is parsed into nodes.
// One schema problem in a 5 MB file then costs a scan, not a 5 MB tree.
import { parseTree, type Node } from 'jsonc-parser';
import { fromPointer } from './pointer';

function isWs(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

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

/**
 * The node at `pointer` in `text`, which must be strict JSON without repeated keys (as
 * parseDocument's fast path ensures). Its parent is a property node with its key when the value
 * belongs to an object, so callers can anchor at the key. Undefined when the pointer is not there.
 */
export function locateNode(text: string, pointer: string): Node | undefined {
  const n = text.length;
  const ws = (i: number) => { while (i < n && isWs(text.charCodeAt(i))) i++; return i; };
  const endOfString = (i: number) => {
    for (i++; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === 92) i++;
      else if (c === 34) return i + 1;
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
    while (i < n && !isWs(text.charCodeAt(i)) && !',]}'.includes(text[i])) i++;
    return i;
  };

  let i = ws(0);
  let key: { offset: number; end: number; value: string } | undefined;
  for (const segment of fromPointer(pointer)) {
    const seg = String(segment);
    key = undefined;
    const open = text.charCodeAt(i);
    if (open === 123) {
      i = ws(i + 1);
      for (;;) {
        if (text.charCodeAt(i) !== 34) return undefined;
        const keyEnd = endOfString(i);
        const name = JSON.parse(text.slice(i, keyEnd)) as string;
        const keyStart = i;
        i = ws(keyEnd);
        if (text.charCodeAt(i) !== 58) return undefined;
        i = ws(i + 1);
        if (name === seg) { key = { offset: keyStart, end: keyEnd, value: name }; break; }
        i = ws(endOfValue(i));
        if (text.charCodeAt(i) !== 44) return undefined;
        i = ws(i + 1);
      }
    } else if (open === 91 && /^\d+$/.test(seg)) {
      i = ws(i + 1);
      for (let k = Number(seg); k > 0; k--) {
        if (text.charCodeAt(i) === 93) return undefined;
        i = ws(endOfValue(i));
        if (text.charCodeAt(i) !== 44) return undefined;
        i = ws(i + 1);
      }
      if (text.charCodeAt(i) === 93) return undefined;
    } else {
      return undefined;
    }
  }
  const end = endOfValue(i);
  const value = parseTree(text.slice(i, end));
  if (!value) return undefined;
  if (!key) return shift(value, i, undefined);
  const prop: Mutable = { type: 'property', offset: key.offset, length: end - key.offset, children: [] };
  const keyNode: Node = { type: 'string', value: key.value, offset: key.offset, length: key.end - key.offset, parent: prop };
  prop.children = [keyNode, shift(value, i, prop)];
  return prop.children[1];
}
