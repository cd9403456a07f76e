// Checks imported objects against the built-in model/results schemas before they are written.
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import model from '../../../schemas/model.schema.json';
import results from '../../../schemas/results.schema.json';
import type { PlannedFile } from './writer';

let compiled: Record<PlannedFile['kind'], ValidateFunction> | undefined;

/** Schema problems of a planned file, as "pointer: message" lines; [] when it conforms. */
export function schemaProblems(file: PlannedFile): string[] {
  if (!compiled) {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    compiled = { model: ajv.compile(model), results: ajv.compile(results) };
  }
  const validate = compiled[file.kind];
  if (validate(file.data)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message ?? 'invalid'}`);
}
