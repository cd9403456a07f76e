// Placeholder values for properties a quick fix adds: taken from the schema (default, const,
// first enum value, or an empty value of the right type).
type Schema = Record<string, unknown>;

function deref(root: Schema, s: unknown): Schema | undefined {
  let node = s as Schema | undefined;
  for (let i = 0; node && typeof node.$ref === 'string' && node.$ref.startsWith('#/') && i < 16; i++) {
    node = (node.$ref as string).slice(2).split('/').reduce<unknown>((o, k) => (o as Schema | undefined)?.[k.replace(/~1/g, '/').replace(/~0/g, '~')], root) as Schema | undefined;
  }
  return node && typeof node === 'object' ? node : undefined;
}

/** The branches that may describe an object: the schema itself and its oneOf/anyOf/allOf members. */
function branches(root: Schema, s: Schema | undefined): Schema[] {
  if (!s) return [];
  const subs = (['allOf', 'anyOf', 'oneOf'] as const).flatMap((k) => (Array.isArray(s[k]) ? (s[k] as unknown[]) : []));
  return [s, ...subs.flatMap((x) => branches(root, deref(root, x)))];
}

function child(root: Schema, s: Schema | undefined, segment: string): Schema | undefined {
  for (const b of branches(root, s)) {
    const props = b.properties as Record<string, unknown> | undefined;
    if (props && segment in props) return deref(root, props[segment]);
    if (/^\d+$/.test(segment) && b.items && typeof b.items === 'object') return deref(root, b.items);
  }
  return undefined;
}

/** The schema of the value at a JSON pointer. */
export function schemaAt(root: Schema, pointer: string): Schema | undefined {
  let node: Schema | undefined = root;
  for (const seg of pointer ? pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')) : []) node = child(root, node, seg);
  return node;
}

export function placeholder(root: Schema, parentPointer: string, name: string): unknown {
  const s = child(root, schemaAt(root, parentPointer), name);
  for (const b of branches(root, s)) {
    if (b.default !== undefined) return b.default;
    if (b.const !== undefined) return b.const;
    if (Array.isArray(b.enum) && b.enum.length) return b.enum[0];
    const type = [b.type].flat().find((t) => t && t !== 'null');
    switch (type) {
      case 'string': return typeof b.minLength === 'number' && b.minLength > 0 ? 'TODO' : '';
      case 'number': case 'integer': return typeof b.minimum === 'number' ? b.minimum : 0;
      case 'boolean': return false;
      case 'array': return [];
      case 'object': return {};
    }
  }
  return '';
}
