// The build-time validators of the built-in schemas answer exactly as ajv compiling them at run time.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { test } from 'node:test';
import type { ValidateFunction } from 'ajv';
import { BUILTIN_SCHEMAS } from '../../../src/core/metadata/builtinSchemas';
import { precompiledSource } from '../../../src/core/metadata/precompile';
import { draftOf, makeAjv } from '../../../src/core/metadata/schemaValidator';

const REPO = join(__dirname, '..', '..', '..');

/** Breaks a document in many ways: wrong types, missing and unknown keys, bad formats and enums. */
function* variants(value: unknown): Generator<unknown> {
  yield value;
  if (!value || typeof value !== 'object' || Array.isArray(value)) return;
  const odd: unknown[] = [null, 7, -1, 1.5, '', 'x', '2024-13-45', [], {}, ['a'], { a: 1 }];
  for (const [k, v] of Object.entries(value)) {
    const { [k]: _, ...without } = value as Record<string, unknown>;
    yield without;
    yield { ...value, [k + '_typo']: v };
    for (const o of odd) yield { ...value, [k]: o };
    for (const inner of v && typeof v === 'object' && !Array.isArray(v) ? variants(v) : []) yield { ...value, [k]: inner };
  }
}

test('precompiled validators give the same verdicts and errors as run-time compiled ones', () => {
  const module = { exports: {} as { PRECOMPILED?: Record<string, ValidateFunction> } };
  new Function('exports', 'require', 'module', precompiledSource())(module.exports, createRequire(join(REPO, 'package.json')), module);
  const pre = module.exports.PRECOMPILED!;
  const dirs: Record<string, string> = { dataset: 'examples/datasets', model: 'examples/models', results: 'examples/results' };
  let checked = 0;
  let failing = 0;
  for (const [kind, schema] of Object.entries(BUILTIN_SCHEMAS)) {
    const runtime = makeAjv(draftOf(schema)).compile(schema);
    const docs = kind === 'config'
      ? [{ registries: [{ kind: 'model', include: ['m/*.json'], exclude: [], schema: 's.json' }], taxonomy: { extra: ['a/b'] } }]
      : readdirSync(join(REPO, dirs[kind])).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(readFileSync(join(REPO, dirs[kind], f), 'utf8')));
    for (const doc of docs) {
      for (const v of variants(doc)) {
        const ok = runtime(v);
        assert.equal(pre[kind](v), ok, kind);
        assert.deepEqual(pre[kind].errors ?? null, runtime.errors ?? null, `${kind}: ${JSON.stringify(v).slice(0, 200)}`);
        checked++;
        if (!ok) failing++;
      }
    }
  }
  assert.ok(checked > 1000 && failing > 500, `${checked} documents, ${failing} with errors`);
});
