// Compiles JSON Schemas of any draft from 04 to 2020-12 with ajv, and validates parsed documents.
import Ajv, { type AnySchema, type ValidateFunction } from 'ajv';
import Ajv2019 from 'ajv/dist/2019';
import Ajv2020 from 'ajv/dist/2020';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import draft06 from 'ajv/dist/refs/json-schema-draft-06.json';
import type { Diagnostic } from './diagnostics';
import type { ParsedDocument } from './parse';
import { ajvErrorsToDiagnostics } from './ajvErrors';
import { BUILTIN_SCHEMAS } from './builtinSchemas';
import { PRECOMPILED } from './precompiled';

export type Draft = '04' | '07' | '2019-09' | '2020-12';

export function draftOf(schema: AnySchema): Draft {
  const id = typeof schema === 'object' && schema && typeof schema.$schema === 'string' ? schema.$schema : '';
  if (id.includes('draft-04')) return '04';
  if (id.includes('2019-09')) return '2019-09';
  if (id.includes('2020-12')) return '2020-12';
  if (id.includes('draft-06') || id.includes('draft-07')) return '07';
  return '2020-12';
}

/** `source`: keep the generated code, for ajv's standaloneCode (see precompile.ts). */
export function makeAjv(draft: Draft, source = false): Ajv {
  // allErrors: every problem at once; verbose: errors carry the schema, for messages and suggestions;
  // strict off: teams' schemas carry editor keywords (markdownDescription, defaultSnippets, ...).
  const options = { allErrors: true, verbose: true, strict: false, allowUnionTypes: true, validateSchema: false, ...(source ? { code: { source: true } } : {}) };
  const ajv: Ajv =
    draft === '04' ? (new AjvDraft04(options) as unknown as Ajv)
    : draft === '2019-09' ? new Ajv2019(options)
    : draft === '2020-12' ? new Ajv2020(options)
    : new Ajv(options);
  if (draft === '07') ajv.addMetaSchema(draft06);
  addFormats(ajv);
  return ajv;
}

/** A schema that did not compile: a clear message instead of a crash. */
export class SchemaError extends Error {}

export class SchemaValidator {
  private readonly ajvs = new Map<Draft, Ajv>();
  private readonly compiled = new Map<string, { schema: AnySchema; validate: ValidateFunction }>();

  private ajv(draft: Draft): Ajv {
    let a = this.ajvs.get(draft);
    if (!a) this.ajvs.set(draft, (a = makeAjv(draft)));
    return a;
  }

  /** Compiles once per key and schema object (a re-read schema file is a new object) and returns the validate function. */
  compile(key: string, schema: AnySchema): ValidateFunction {
    const hit = this.compiled.get(key);
    if (hit && hit.schema === schema) return hit.validate;
    // A built-in schema compiled at build time (in the bundles): the same code ajv would generate now.
    const builtin = key.startsWith('builtin:') ? key.slice('builtin:'.length) : '';
    const pre = PRECOMPILED[builtin];
    if (pre && BUILTIN_SCHEMAS[builtin as keyof typeof BUILTIN_SCHEMAS] === schema) {
      this.compiled.set(key, { schema, validate: pre });
      return pre;
    }
    const ajv = this.ajv(draftOf(schema));
    const id = typeof schema === 'object' && schema ? (schema.$id ?? (schema as { id?: string }).id) : undefined;
    if (typeof id === 'string') ajv.removeSchema(id);
    try {
      const validate = ajv.compile(schema);
      this.compiled.set(key, { schema, validate });
      return validate;
    } catch (e) {
      throw new SchemaError(`schema ${key} does not compile: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  validate(validate: ValidateFunction, doc: ParsedDocument): Diagnostic[] {
    if (doc.value === undefined || validate(doc.value)) return [];
    return ajvErrorsToDiagnostics(validate.errors ?? [], doc);
  }
}
