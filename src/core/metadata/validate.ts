// Checks one document on its own: syntax, schema, taxonomy. Cross-file checks live in the registry.
import type { AnySchema } from 'ajv';
import { findNodeAtLocation } from 'jsonc-parser';
import { compareDiagnostics, dedupe, type Diagnostic } from './diagnostics';
import { parseDocument, type ParsedDocument } from './parse';
import { SchemaValidator } from './schemaValidator';
import { isKnownTaxonomyPath, nearestTaxonomyPath } from './taxonomy';
import type { Kind } from './types';

export interface SchemaChoice { key: string; schema: AnySchema }

export interface CheckedDocument { doc: ParsedDocument; diagnostics: Diagnostic[] }

function taxonomyWarnings(doc: ParsedDocument, extra: readonly string[]): Diagnostic[] {
  // Check the value first: the tree (for offsets) is needed only when something is unknown.
  const paths = (doc.value as { taxonomy?: unknown } | undefined)?.taxonomy;
  if (!Array.isArray(paths) || paths.every((p) => typeof p !== 'string' || isKnownTaxonomyPath(p, extra))) return [];
  const list = doc.root && findNodeAtLocation(doc.root, ['taxonomy']);
  if (list?.type !== 'array') return [];
  const out: Diagnostic[] = [];
  list.children?.forEach((n, i) => {
    if (n.type !== 'string' || isKnownTaxonomyPath(n.value, extra)) return;
    const near = nearestTaxonomyPath(n.value);
    out.push({
      severity: 'warning', code: 'taxonomy/unknown', offset: n.offset, length: n.length, pointer: `/taxonomy/${i}`,
      message: `Unknown taxonomy path "${n.value}"` + (near ? `. Did you mean "${near}"?` : ''),
      ...(near ? { fix: { kind: 'replace' as const, offset: n.offset, length: n.length, text: JSON.stringify(near), title: `Replace with "${near}"` } } : {}),
    });
  });
  return out;
}

export function checkDocument(
  validator: SchemaValidator, text: string, kind: Kind | 'config', schema: SchemaChoice | undefined, taxonomyExtra: readonly string[] = [],
): CheckedDocument {
  const doc = parseDocument(text);
  const diagnostics = [...doc.diagnostics];
  if (schema) diagnostics.push(...validator.validate(validator.compile(schema.key, schema.schema), doc));
  if (kind === 'dataset') diagnostics.push(...taxonomyWarnings(doc, taxonomyExtra));
  return { doc, diagnostics: dedupe(diagnostics).sort(compareDiagnostics) };
}
