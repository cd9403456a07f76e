// Turns ajv's errors into one readable diagnostic per problem, anchored where a person fixes it.
import type { ErrorObject } from 'ajv';
import type { Node } from 'jsonc-parser';
import { dedupe, type Diagnostic } from './diagnostics';
import { closest } from './editDistance';
import type { ParsedDocument } from './parse';
import { nodeAtPointer } from './pointer';

type Err = ErrorObject & { parentSchema?: Record<string, unknown> };

const SHAPE_KEYWORDS = new Set(['type', 'const', 'enum']);
const FORMAT_HINTS: Record<string, string> = {
  date: 'expected YYYY-MM-DD, e.g. 2024-05-01',
  'date-time': 'expected ISO 8601, e.g. 2024-05-01T12:00:00Z',
  time: 'expected HH:MM:SS',
  uri: 'expected an absolute URI, e.g. https://example.org/paper',
  email: 'expected an e-mail address',
};

function branchOf(e: Err, prefix: string): string | undefined {
  return e.schemaPath.startsWith(prefix) ? e.schemaPath.slice(prefix.length).split('/')[0] : undefined;
}

/**
 * For anyOf/oneOf, keep only the errors of the branch that came closest: the one whose type matched
 * (errors deeper than the value itself), then the one with fewest errors. If every branch failed on
 * the value's type alone, one combined message replaces them all.
 */
function pickBranches(errors: Err[]): Err[] {
  const dropped = new Set<Err>();
  const replaced: Err[] = [];
  const combinators = errors
    .filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf')
    .sort((a, b) => a.schemaPath.length - b.schemaPath.length);
  for (const c of combinators) {
    if (dropped.has(c)) continue;
    dropped.add(c);
    if (c.keyword === 'oneOf' && (c.params as { passingSchemas?: unknown }).passingSchemas) {
      replaced.push({ ...c, message: 'matches more than one of the allowed shapes' });
      continue;
    }
    const prefix = c.schemaPath + '/';
    const branches = new Map<string, Err[]>();
    for (const e of errors) {
      if (e === c || dropped.has(e) || !e.instancePath.startsWith(c.instancePath)) continue;
      const b = branchOf(e, prefix);
      if (b !== undefined) branches.set(b, [...(branches.get(b) ?? []), e]);
    }
    const score = (list: Err[]) =>
      list.length + (list.some((e) => e.instancePath === c.instancePath && SHAPE_KEYWORDS.has(e.keyword)) ? 1000 : 0);
    const ranked = [...branches.values()].sort((a, b) => score(a) - score(b));
    const best = ranked[0];
    for (const list of ranked.slice(1)) list.forEach((e) => dropped.add(e));
    if (best && score(best) >= 1000) {
      // No branch matched the value's shape: say what shapes are allowed, once.
      best.forEach((e) => dropped.add(e));
      const expected = new Set<string>();
      for (const list of ranked) for (const e of list) {
        if (e.instancePath !== c.instancePath) continue;
        const p = e.params as { type?: string | string[]; allowedValue?: unknown; allowedValues?: unknown[] };
        if (e.keyword === 'type') [p.type ?? []].flat().forEach((t) => expected.add(t));
        if (e.keyword === 'const') expected.add(JSON.stringify(p.allowedValue));
        if (e.keyword === 'enum') (p.allowedValues ?? []).forEach((v) => expected.add(JSON.stringify(v)));
      }
      replaced.push({ ...c, keyword: 'type', params: { type: [...expected] }, message: 'shape' });
    }
  }
  return [...errors.filter((e) => !dropped.has(e)), ...replaced];
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

/** The key of the property whose value is `node`, else the node's own first character. */
function keyOrBrace(node: Node): { offset: number; length: number } {
  const prop = node.parent?.type === 'property' ? node.parent : undefined;
  const key = prop?.children?.[0];
  return key ? { offset: key.offset, length: key.length } : { offset: node.offset, length: 1 };
}

function message(e: Err, value: unknown): string {
  const p = e.params as Record<string, any>;
  const custom = e.parentSchema?.errorMessage ?? (e.keyword === 'pattern' ? e.parentSchema?.patternErrorMessage : undefined);
  if (typeof custom === 'string') return custom;
  switch (e.keyword) {
    case 'type': {
      const expected = [p.type].flat().join(' or ');
      return `Incorrect type: expected ${expected}, got ${typeName(value)}`;
    }
    case 'enum': {
      const allowed = (p.allowedValues as unknown[]).map((v) => JSON.stringify(v));
      const near = typeof value === 'string' ? closest(value, (p.allowedValues as unknown[]).filter((v): v is string => typeof v === 'string')) : undefined;
      return `Value is not accepted. Valid values: ${allowed.join(', ')}` + (near ? `. Did you mean "${near}"?` : '');
    }
    case 'const':
      return `Value must be ${JSON.stringify(p.allowedValue)}`;
    case 'pattern':
      return `String does not match the pattern ${p.pattern}`;
    case 'format':
      return `${JSON.stringify(value)} is not a valid ${p.format}` + (FORMAT_HINTS[p.format] ? ` (${FORMAT_HINTS[p.format]})` : '');
    case 'minimum': case 'maximum': case 'exclusiveMinimum': case 'exclusiveMaximum':
      return `Value must be ${p.comparison} ${p.limit}`;
    case 'minLength':
      return p.limit === 1 ? 'Value must not be empty' : `String is shorter than the minimum length of ${p.limit}`;
    case 'maxLength':
      return `String is longer than the maximum length of ${p.limit}`;
    case 'minItems':
      return `Array has too few items: expected ${p.limit} or more`;
    case 'maxItems':
      return `Array has too many items: expected ${p.limit} or fewer`;
    case 'uniqueItems':
      return `Array has duplicate items (items ${p.j} and ${p.i} are equal)`;
    default: {
      const m = e.message ?? 'is not valid';
      return m.charAt(0).toUpperCase() + m.slice(1);
    }
  }
}

/** Property nodes of an object by key (the first, for duplicates): a lookup per error would be quadratic. */
const propertyIndex = new WeakMap<Node, Map<string, Node>>();

function propertyNode(obj: Node, name: string): Node | undefined {
  let byKey = propertyIndex.get(obj);
  if (!byKey) {
    byKey = new Map();
    for (const c of obj.children ?? []) {
      const key = c.children?.[0]?.value;
      if (typeof key === 'string' && !byKey.has(key)) byKey.set(key, c);
    }
    propertyIndex.set(obj, byKey);
  }
  return byKey.get(name);
}

export function ajvErrorsToDiagnostics(raw: ErrorObject[], doc: ParsedDocument): Diagnostic[] {
  let errors = pickBranches(raw as Err[]).filter((e) => e.keyword !== 'if');
  // With syntax errors the tree is partial: "missing" properties are usually just unparsed ones.
  if (doc.syntaxErrors) errors = errors.filter((e) => e.keyword !== 'required');

  // Every place at once: one scan of the text finds them all.
  const nodes = doc.nodesAt?.(new Set(errors.map((e) => e.instancePath)));
  const at = (pointer: string) => (nodes ? nodes.get(pointer) : nodeAtPointer(doc.root, pointer));
  const out: Diagnostic[] = [];
  const missing = new Map<string, string[]>();
  for (const e of errors) {
    const node = at(e.instancePath) ?? doc.root!;
    const value = e.data;
    const p = e.params as Record<string, any>;
    if (e.keyword === 'required') {
      missing.set(e.instancePath, [...(missing.get(e.instancePath) ?? []), p.missingProperty]);
      continue;
    }
    if (e.keyword === 'additionalProperties' || e.keyword === 'unevaluatedProperties') {
      const name: string = p.additionalProperty ?? p.unevaluatedProperty;
      const prop = propertyNode(node, name);
      const key = prop?.children?.[0] ?? node;
      const known = Object.keys((e.parentSchema?.properties as object) ?? {});
      const near = closest(name, known);
      out.push({
        severity: 'error', code: 'schema/unknown-property', offset: key.offset, length: key.length,
        pointer: `${e.instancePath}/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`,
        message: `Property "${name}" is not allowed` + (near ? `. Did you mean "${near}"?` : ''),
        ...(near ? { fix: { kind: 'replace' as const, offset: key.offset, length: key.length, text: JSON.stringify(near), title: `Rename to "${near}"` } } : {}),
      });
      continue;
    }
    out.push({
      severity: e.keyword === 'format' ? 'warning' : 'error',
      code: e.keyword === 'format' ? `format/${p.format}` : `schema/${e.keyword}`,
      offset: node.offset, length: node.length, pointer: e.instancePath,
      message: e.message === 'shape' ? `Incorrect type: expected ${[p.type].flat().join(' or ')}, got ${typeName(value)}` : message(e, value),
    });
  }
  for (const [pointer, names] of missing) {
    const node = at(pointer) ?? doc.root!;
    const anchor = keyOrBrace(node);
    const list = names.map((n) => `"${n}"`).join(', ');
    out.push({
      severity: 'error', code: 'schema/required', ...anchor, pointer,
      message: names.length === 1 ? `Missing required property ${list}` : `Missing required properties ${list}`,
      fix: node.type === 'object' ? { kind: 'addProperties', offset: node.offset, names, title: `Add ${list}` } : undefined,
    });
  }
  return dedupe(out);
}
