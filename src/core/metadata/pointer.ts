import { findNodeAtLocation, type Node, type Segment } from 'jsonc-parser';

/** RFC 6901: '' is the document, '/a/0/b~1c' is a.0["b/c"]. */
export function toPointer(path: readonly Segment[]): string {
  return path.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

export function fromPointer(pointer: string): Segment[] {
  if (pointer === '') return [];
  const parts = pointer.slice(1).split('/');
  // Escapes are rare: most pointers need no unescaping at all.
  return pointer.includes('~') ? parts.map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')) : parts;
}

/** The node at a pointer, with array indices resolved for arrays. */
export function nodeAtPointer(root: Node | undefined, pointer: string): Node | undefined {
  if (!root) return undefined;
  const path: Segment[] = [];
  let node: Node | undefined = root;
  for (const seg of fromPointer(pointer)) {
    const s: Segment = node?.type === 'array' && /^\d+$/.test(String(seg)) ? Number(seg) : seg;
    path.push(s);
    node = findNodeAtLocation(root, path);
    if (!node) return undefined;
  }
  return node;
}

/** The pointer of a node, from its parents. */
export function pointerOfNode(node: Node): string {
  const path: Segment[] = [];
  let n: Node | undefined = node;
  while (n?.parent) {
    const p: Node = n.parent;
    if (p.type === 'property') {
      path.unshift(p.children![0].value as string);
      n = p.parent;
    } else if (p.type === 'array') {
      path.unshift(p.children!.indexOf(n));
      n = p;
    } else n = p;
  }
  return toPointer(path);
}
