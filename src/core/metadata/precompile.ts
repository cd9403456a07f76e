// Build time only: the built-in schemas' validators as ajv standalone code, so a CLI run or a server
// start does not spend ~100 ms compiling them. Same ajv, options and schemas as at run time, so the
// same generated validation code and the same errors.
import standaloneCode from 'ajv/dist/standalone';
import { BUILTIN_SCHEMAS } from './builtinSchemas';
import { draftOf, makeAjv, type Draft } from './schemaValidator';

/** A CommonJS module exporting PRECOMPILED: { [kind]: validate function }. */
export function precompiledSource(): string {
  const byDraft = new Map<Draft, string[]>();
  for (const [kind, schema] of Object.entries(BUILTIN_SCHEMAS)) byDraft.set(draftOf(schema), [...(byDraft.get(draftOf(schema)) ?? []), kind]);
  // One ajv per draft (as at run time); each one's code in its own scope, its names are not unique across them.
  const groups = [...byDraft].map(([draft, kinds]) => {
    const ajv = makeAjv(draft, true);
    // standaloneCode takes each export's schema $id.
    const ids = Object.fromEntries(kinds.map((k) => [k, BUILTIN_SCHEMAS[k as keyof typeof BUILTIN_SCHEMAS].$id]));
    for (const id of Object.values(ids)) ajv.compile(BUILTIN_SCHEMAS[kinds.find((k) => ids[k] === id) as keyof typeof BUILTIN_SCHEMAS]);
    return `(function () { const exports = {};\n${standaloneCode(ajv, ids)}\nreturn exports; })()`;
  });
  return `exports.PRECOMPILED = Object.assign({}, ${groups.join(', ')});\n`;
}
