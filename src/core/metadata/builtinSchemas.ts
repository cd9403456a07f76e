// The built-in schemas, bundled into every entry point (no file lookup at run time).
import dataset from '../../../schemas/dataset.schema.json';
import model from '../../../schemas/model.schema.json';
import results from '../../../schemas/results.schema.json';
import config from '../../../schemas/modelops-config.schema.json';
import type { Kind } from './types';

export const BUILTIN_SCHEMAS: Record<Kind | 'config', { $id: string } & Record<string, unknown>> = { dataset, model, results, config };

/** The built-in kind a `$schema` value names: its `$id`, or a path ending in its file name. */
export function builtinKindOf(schemaRef: string): Kind | 'config' | undefined {
  for (const [kind, schema] of Object.entries(BUILTIN_SCHEMAS)) {
    const file = schema.$id.slice(schema.$id.lastIndexOf('/') + 1);
    if (schemaRef === schema.$id || schemaRef.replace(/#$/, '') === schema.$id || schemaRef.endsWith('/' + file) || schemaRef === file) {
      return kind as Kind | 'config';
    }
  }
  return undefined;
}
