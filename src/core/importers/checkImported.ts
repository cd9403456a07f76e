// Checks imported objects with the registry's own document check (same parser, same validator,
// same built-in schemas as `modelops validate` and the language server) before they are written.
import { BUILTIN_SCHEMAS } from '../metadata/builtinSchemas';
import { SchemaValidator } from '../metadata/schemaValidator';
import { checkDocument } from '../metadata/validate';
import type { PlannedFile } from './writer';

let validator: SchemaValidator | undefined;

/** The text an imported file is written as. */
export function fileText(file: PlannedFile): string {
  return `${JSON.stringify(file.data, null, 2)}\n`;
}

/** Errors the registry would report for a planned file, as "pointer: message" lines; [] when none. */
export function schemaProblems(file: PlannedFile): string[] {
  validator ??= new SchemaValidator();
  const schema = BUILTIN_SCHEMAS[file.kind];
  const { diagnostics } = checkDocument(validator, fileText(file), file.kind, { key: schema.$id, schema });
  return diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.pointer || '/'}: ${d.message}`);
}
